package io.vendsync.sink.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercetools.api.models.cart.InventoryMode;
import com.commercetools.api.models.order.CustomLineItemImportDraft;
import com.commercetools.api.models.order.OrderImportDraft;
import io.vendsync.schemas.canonical.v1.Order;
import io.vendsync.schemas.canonical.v1.OrderCustomLine;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact figures of the import draft (the mock recomputes an imported order's tax, so they are checked here). */
class OrderDraftBuilderTest {

    @Test
    void shouldImportVendsTotalsAndTaxPortionsAsTheyAreWithoutDeductingStock() {
        final Order record = Orders.sale("s1", 7, List.of(Orders.line("l1", "SKU-P", 2, 3478, 0)), List.of(),
                List.of(Orders.payment("pay-1", "Cash", 7999))).build();

        final OrderImportDraft draft = OrderDraftBuilder.draft(record, "type-1", null, List.of("payment-1"));

        assertThat(draft.getOrderNumber()).isEqualTo("INV-s1");
        assertThat(draft.getTotalPrice().getCentAmount()).isEqualTo(6956L);
        assertThat(draft.getTaxedPrice().getTotalNet().getCentAmount()).isEqualTo(6956L);
        assertThat(draft.getTaxedPrice().getTotalGross().getCentAmount()).isEqualTo(7999L);
        assertThat(draft.getTaxedPrice().getTotalTax().getCentAmount()).isEqualTo(1043L);
        assertThat(draft.getTaxedPrice().getTaxPortions()).singleElement().satisfies(p -> {
            assertThat(p.getRate()).isEqualTo(0.15);
            assertThat(p.getAmount().getCentAmount()).isEqualTo(1043L);
        });
        assertThat(draft.getInventoryMode()).isEqualTo(InventoryMode.NONE);
        assertThat(draft.getLineItems()).singleElement().satisfies(line -> {
            assertThat(line.getVariant().getSku()).isEqualTo("SKU-P");
            assertThat(line.getQuantity()).isEqualTo(2L);
            assertThat(line.getPrice().getValue().getCentAmount()).isEqualTo(3478L);
            assertThat(line.getTaxRate().getIncludedInPrice()).isFalse();
        });
        assertThat(draft.getPaymentInfo().getPayments()).extracting(p -> p.getId()).containsExactly("payment-1");
        assertThat(draft.getCustom().getFields().values()).containsEntry(OrderFields.SALE_ID, "s1").containsEntry(OrderFields.SOURCE_VERSION, 7L);
    }

    @Test
    void shouldImportALineDiscountAsTheListPriceAndANegativeCustomLineSoTheLinesAddUpToVendsTotal() {
        final Order record = Orders.sale("s2", 1, List.of(Orders.line("l1", "SKU-P", 3, 4000, 400)), List.of(), List.of()).build();

        final OrderImportDraft draft = OrderDraftBuilder.draft(record, "type-1", null, List.of());

        assertThat(draft.getLineItems().get(0).getPrice().getValue().getCentAmount()).isEqualTo(4000L);
        assertThat(draft.getCustomLineItems()).singleElement().satisfies(custom -> {
            assertThat(custom.getSlug()).isEqualTo("line-discount-l1");
            assertThat(custom.getMoney().getCentAmount()).isEqualTo(-1200L);
            assertThat(custom.getTaxRate().getAmount()).isEqualTo(0.15);
        });
        assertThat(OrderDraftBuilder.linesNet(draft)).isEqualTo(record.getTotalNet()).isEqualTo(10800L);
    }

    @Test
    void shouldImportASaleLevelDiscountAsACustomLineAndTheCentARoundedUnitPriceLeaves() {
        // Vend's unit price 3.33333 x 3 = 10.00; the unit price in cents (3.33) leaves one cent.
        final Order record = Orders.sale("s3", 1, List.of(io.vendsync.schemas.canonical.v1.OrderLine.newBuilder(Orders.line("l1", "SKU-P", 3, 333, 0)).setTotalNet(1000L).setTotalTax(150L)
                        .setTotalGross(1150L).build()),
                List.of(OrderCustomLine.newBuilder().setKey("d1").setKind("SALE_DISCOUNT").setName("Discount").setTotalNet(-100L)
                        .setTotalTax(-15L).setTotalGross(-115L).setTax(Orders.gst()).build()), List.of()).build();

        final OrderImportDraft draft = OrderDraftBuilder.draft(record, "type-1", null, List.of());

        assertThat(draft.getCustomLineItems()).extracting(CustomLineItemImportDraft::getSlug, c -> c.getMoney().getCentAmount())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("rounding-l1", 1L), org.assertj.core.groups.Tuple.tuple("sale_discount-d1", -100L));
        assertThat(OrderDraftBuilder.linesNet(draft)).isEqualTo(record.getTotalNet()).isEqualTo(900L);
    }

    @Test
    void shouldNameTheBuyerByCustomerIdAndByEmail() {
        final Order.Builder record = Orders.sale("s4", 1, List.of(Orders.line("l1", "SKU-P", 1, 1000, 0)), List.of(), List.of())
                .setCustomerId("c1").setCustomerKey("vend-customer-c1").setCustomerEmail("jane@example.com");

        final OrderImportDraft linked = OrderDraftBuilder.draft(record.build(), "t", "ct-customer-1", List.of());
        assertThat(linked.getCustomerId()).isEqualTo("ct-customer-1");
        assertThat(linked.getCustomerEmail()).as("orders are searched and mailed by email").isEqualTo("jane@example.com");
        final OrderImportDraft byEmail = OrderDraftBuilder.draft(record.build(), "t", null, List.of());
        assertThat(byEmail.getCustomerId()).isNull();
        assertThat(byEmail.getCustomerEmail()).isEqualTo("jane@example.com");
    }
}
