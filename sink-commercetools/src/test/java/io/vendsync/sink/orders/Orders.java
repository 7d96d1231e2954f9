package io.vendsync.sink.orders;

import io.vendsync.schemas.canonical.v1.Order;
import io.vendsync.schemas.canonical.v1.OrderCustomLine;
import io.vendsync.schemas.canonical.v1.OrderLine;
import io.vendsync.schemas.canonical.v1.OrderPayment;
import io.vendsync.schemas.canonical.v1.OrderTax;
import io.vendsync.schemas.canonical.v1.OrderTaxComponent;
import io.vendsync.schemas.canonical.v1.OrderTaxPortion;
import com.commercetools.api.models.common.LocalizedString;
import com.commercetools.api.models.payment.Payment;
import com.commercetools.api.models.product.ProductDraft;
import com.commercetools.api.models.product.ProductVariantDraft;
import com.commercetools.api.models.product_type.ProductType;
import com.commercetools.api.models.product_type.ProductTypeDraft;
import com.commercetools.api.models.product_type.ProductTypeResourceIdentifier;
import io.vendsync.sink.internals.MockProject;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Canonical orders as the order mapper makes them, and what the mock holds of them, for the sink's tests. */
final class Orders {

    private Orders() {
    }

    static OrderTax gst() {
        return OrderTax.newBuilder().setTaxId("tax-gst").setName("GST").setRate("0.15")
                .setComponents(List.<OrderTaxComponent>of()).build();
    }

    /** A line at {@code unit} per unit less {@code discount} per unit, taxed 15 % on the discounted total. */
    static OrderLine line(final String id, final String sku, final long quantity, final long unit, final long discount) {
        final long net = quantity * (unit - discount);
        final long tax = Math.round(net * 0.15);
        return OrderLine.newBuilder().setLineId(id).setVendProductId("prod-" + sku).setSku(sku).setQuantity(quantity)
                .setUnitPriceNet(unit).setUnitDiscountNet(discount).setTotalNet(net).setTotalDiscountNet(quantity * discount)
                .setTotalTax(tax).setTotalGross(net + tax).setTax(gst()).build();
    }

    static OrderPayment payment(final String id, final String method, final long amount) {
        return OrderPayment.newBuilder().setPaymentId(id).setPaymentTypeId("ptype-" + method).setMethod(method).setVendTypeId("1")
                .setAmount(amount).setPaidAtMs(1_790_000_000_000L).build();
    }

    /** A closed NZD sale of {@code lines} and {@code custom} lines paid by {@code payments}; totals from the lines. */
    static Order.Builder sale(final String saleId, final long version, final List<OrderLine> lines, final List<OrderCustomLine> custom,
                              final List<OrderPayment> payments) {
        final long net = lines.stream().mapToLong(OrderLine::getTotalNet).sum() + custom.stream().mapToLong(OrderCustomLine::getTotalNet).sum();
        final long tax = lines.stream().mapToLong(OrderLine::getTotalTax).sum() + custom.stream().mapToLong(OrderCustomLine::getTotalTax).sum();
        final long paid = payments.stream().mapToLong(OrderPayment::getAmount).sum();
        return Order.newBuilder().setSaleId(saleId).setOrderNumber("INV-" + saleId).setInvoiceNumber("INV-" + saleId)
                .setVendStatus("CLOSED").setVendState("closed").setVendAttributes(List.of()).setOrderState("Complete").setShipmentState("Delivered")
                .setPaymentState(paid >= net + tax ? "Paid" : "BalanceDue").setCurrency("NZD").setFractionDigits(2).setTaxIncluded(true)
                .setCountry("NZ").setOutletId("outlet-1").setOutletName("Main St").setChannelKey("vend-outlet-1").setRegisterId("reg-1")
                .setRegisterName("Main").setCustomerId(null).setCustomerKey(null).setCustomerEmail(null).setSaleDateMs(1_790_000_000_000L)
                .setNote(null).setReturnFor(null).setLines(lines).setCustomLines(custom).setTotalNet(net).setTotalTax(tax)
                .setTotalGross(net + tax)
                .setTaxPortions(List.of(OrderTaxPortion.newBuilder().setRateId("rate-gst").setName("GST").setRate("0.15").setAmount(tax).build()))
                .setPayments(payments).setPaid(paid).setSourceVersion(version).setSourceTsMs(1L);
    }

    /** A Vend return of {@code originalId} (order INV-originalId): its lines' quantities and amounts negative, its refunds negative. */
    static Order.Builder ret(final String returnId, final String originalId, final long version, final List<OrderLine> lines,
                             final List<OrderPayment> refunds) {
        return sale(returnId, version, lines, List.of(), refunds).setReturnFor(originalId).setReturnForOrderNumber("INV-" + originalId)
                .setPaymentState("Paid").setSaleDateMs(1_790_100_000_000L);
    }

    /** A product with one variant of {@code sku} in the mock. */
    static void product(final MockProject project, final String sku) {
        final ProductType type = project.direct.productTypes().post(ProductTypeDraft.builder().key("pt-" + UUID.randomUUID())
                .name("Tee").description("Tee").build()).executeBlocking().getBody();
        project.direct.products().post(ProductDraft.builder()
                .productType(ProductTypeResourceIdentifier.builder().id(type.getId()).build())
                .name(LocalizedString.ofEnglish("Tee " + sku)).slug(LocalizedString.ofEnglish("tee-" + sku.toLowerCase(Locale.ROOT)))
                .masterVariant(ProductVariantDraft.builder().sku(sku).build()).build()).executeBlocking();
    }

    static List<com.commercetools.api.models.order.Order> numbered(final MockProject project, final String orderNumber) {
        return project.direct.orders().get().withWhere("orderNumber = :n").withPredicateVar("n", orderNumber).executeBlocking().getBody()
                .getResults();
    }

    static com.commercetools.api.models.order.Order onlyNumbered(final MockProject project, final String orderNumber) {
        final List<com.commercetools.api.models.order.Order> found = numbered(project, orderNumber);
        org.assertj.core.api.Assertions.assertThat(found).hasSize(1);
        return found.get(0);
    }

    static List<Payment> paymentsKeyed(final MockProject project, final String key) {
        return project.direct.payments().get().withWhere("key = :k").withPredicateVar("k", key).executeBlocking().getBody().getResults();
    }
}
