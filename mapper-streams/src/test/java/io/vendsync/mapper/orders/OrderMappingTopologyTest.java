package io.vendsync.mapper.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.schemas.canonical.v1.Order;
import io.vendsync.schemas.canonical.v1.OrderLine;
import io.vendsync.schemas.canonical.v1.OrderPayment;
import io.vendsync.schemas.canonical.v1.OrderTaxPortion;
import io.vendsync.schemas.canonical.v1.ValidationError;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #12, orders: one test per kind of sale, each named after what the order must be. */
class OrderMappingTopologyTest {

    static final String GST = "tax-gst";
    static final String GST_RATE = "rate-gst";
    private static final String LOW = "tax-low";
    static final String LOW_RATE = "rate-low";
    private static final String AU_GST = "tax-au-gst";
    private static final String AU_RATE = "rate-au-gst";
    private static final String NZ1 = "outlet-nz1";
    private static final String NZ2 = "outlet-nz2";
    private static final String AU1 = "outlet-au1";
    private static final String JP1 = "outlet-jp1";
    private static final String REG1 = "register-1";
    private static final String REG2 = "register-2";
    private static final String REG_AU = "register-au";
    private static final String REG_JP = "register-jp";
    private static final String CASH = "ptype-cash";
    private static final String CARD = "ptype-card";
    private static final String P = "prod-p";
    private static final String Q = "prod-q";
    private static final String DISCOUNT_PRODUCT = "prod-discount";
    private static final String STORE_CREDIT = "ptype-store-credit";
    private static final String GIFT = "ptype-gift";
    private static final String GIFT_PRODUCT = "prod-gift-card";

    @TempDir
    Path stateDir;

    private OrderDriver vend;

    @AfterEach
    void close() {
        if (vend != null) {
            vend.close();
        }
    }

    /** An NZ store: inclusive outlet NZ1 and exclusive NZ2 (NZD), an inclusive AUD outlet, a JPY outlet, two taxes, cash and card. */
    private OrderDriver store(final Map<String, String> settings) {
        vend = new OrderDriver(stateDir, settings);
        vend.retailer("NZD", "NZ", DISCOUNT_PRODUCT);
        vend.tax(GST, "GST", GST_RATE, "0.15");
        vend.tax(LOW, "Low", LOW_RATE, "0.05");
        vend.tax(AU_GST, "AU GST", AU_RATE, "0.10");
        vend.outlet(NZ1, "NZD", "NZ", "inclusive");
        vend.outlet(NZ2, "NZD", "NZ", "exclusive");
        vend.outlet(AU1, "AUD", "AU", "inclusive");
        vend.outlet(JP1, "JPY", "JP", "inclusive");
        for (final String outlet : List.of(NZ1, NZ2, AU1, JP1)) {
            vend.channel(outlet, "vend-" + outlet);
        }
        vend.register(REG1, "Main", NZ1);
        vend.register(REG2, "Back", NZ2);
        vend.register(REG_AU, "Sydney", AU1);
        vend.register(REG_JP, "Tokyo", JP1);
        vend.paymentType(CASH, "Cash", "1");
        vend.paymentType(CARD, "Credit Card", "4");
        vend.paymentType(STORE_CREDIT, "Store Credit", "7");
        vend.paymentType(GIFT, "Gift Card", "118");
        vend.resolution(P, "SKU-P", null);
        vend.resolution(Q, "SKU-Q", null);
        vend.resolution(DISCOUNT_PRODUCT, "vend-discount", null);
        return vend;
    }

    private OrderDriver store() {
        return store(Map.of());
    }

    private Order onlyOrder() {
        final List<KeyValue<String, Order>> orders = vend.orders();
        assertThat(orders).hasSize(1);
        return orders.get(0).value;
    }

    @Test
    void shouldMapACashSaleToOneCompletePaidOrderWithVendsOwnFiguresInMinorUnits() {
        store();
        final OrderDriver.Sale sale = vend.sale("s1", NZ1, REG1, "CLOSED").customer("cust-7").line(P, 2, "34.78");
        sale.payment(CASH, "Cash", sale.gross()).pipe(); // 69.56 net, 10.43 tax (10.434 rounded by Vend), 79.99

        final List<KeyValue<String, Order>> orders = vend.orders();
        assertThat(orders).singleElement().satisfies(kv -> assertThat(kv.key).isEqualTo("s1"));
        final Order order = orders.get(0).value;
        assertThat(order.getOrderNumber()).isEqualTo("INV-s1");
        assertThat(order.getOrderState()).isEqualTo("Complete");
        assertThat(order.getPaymentState()).isEqualTo("Paid");
        assertThat(order.getShipmentState()).isEqualTo("Delivered");
        assertThat(order.getCurrency()).isEqualTo("NZD");
        assertThat(order.getFractionDigits()).isEqualTo(2);
        assertThat(order.getChannelKey()).isEqualTo("vend-" + NZ1);
        assertThat(order.getRegisterName()).isEqualTo("Main");
        assertThat(order.getCustomerKey()).isEqualTo("vend-customer-cust-7");
        assertThat(order.getTotalNet()).isEqualTo(6956L);
        assertThat(order.getTotalTax()).isEqualTo(1043L);
        assertThat(order.getTotalGross()).isEqualTo(7999L);
        assertThat(order.getLines()).singleElement().satisfies(line -> {
            assertThat(line.getSku()).isEqualTo("SKU-P");
            assertThat(line.getQuantity()).isEqualTo(2L);
            assertThat(line.getUnitPriceNet()).isEqualTo(3478L);
            assertThat(line.getTotalNet()).isEqualTo(6956L);
            assertThat(line.getTotalTax()).isEqualTo(1043L);
            assertThat(line.getTax().getRate()).isEqualTo("0.15");
        });
        assertThat(order.getPayments()).singleElement().satisfies(p -> {
            assertThat(p.getMethod()).isEqualTo("Cash");
            assertThat(p.getAmount()).isEqualTo(7999L);
            assertThat(p.getPaymentId()).isEqualTo("s1-payment-1");
        });
        assertThat(vend.errors()).isEmpty();
    }

    @Test
    void shouldNameACardPaymentByItsVendPaymentType() {
        store();
        final OrderDriver.Sale sale = vend.sale("s2", NZ1, REG1, "CLOSED").line(Q, 1, "10.00");
        sale.payment(CARD, "Visa", sale.gross()).pipe();

        final OrderPayment payment = onlyOrder().getPayments().get(0);
        assertThat(payment.getMethod()).isEqualTo("Credit Card");
        assertThat(payment.getVendTypeId()).isEqualTo("4");
        assertThat(payment.getAmount()).isEqualTo(1150L);
    }

    @Test
    void shouldMapASplitPaymentToOnePaymentPerVendPaymentCoveringTheTotal() {
        store();
        vend.sale("s3", NZ1, REG1, "CLOSED").line(P, 1, "100.00").payment(CASH, "Cash", "15.00").payment(CARD, "Card", "100.00").pipe();

        final Order order = onlyOrder();
        assertThat(order.getPayments()).extracting(OrderPayment::getMethod, OrderPayment::getAmount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Cash", 1500L), org.assertj.core.groups.Tuple.tuple("Credit Card", 10000L));
        assertThat(order.getPaid()).isEqualTo(order.getTotalGross()).isEqualTo(11500L);
        assertThat(order.getPaymentState()).isEqualTo("Paid");
    }

    @Test
    void shouldKeepALineDiscountAsListPriceAndDiscountWithVendsDiscountedTotal() {
        store();
        // 3 at 40.00 less 4.00 each: Vend's price is the discounted 36.00, discount 4.00 per unit.
        final OrderDriver.Sale sale = vend.sale("s4", NZ1, REG1, "CLOSED").line(P, 3, "36.00", "4.00", GST, GST_RATE, "0.15");
        sale.payment(CASH, "Cash", sale.gross()).pipe();

        final OrderLine line = onlyOrder().getLines().get(0);
        assertThat(line.getUnitPriceNet()).isEqualTo(4000L);
        assertThat(line.getUnitDiscountNet()).isEqualTo(400L);
        assertThat(line.getTotalDiscountNet()).isEqualTo(1200L);
        assertThat(line.getTotalNet()).isEqualTo(10800L);
        assertThat(line.getTotalTax()).isEqualTo(1620L);
    }

    @Test
    void shouldMapASaleLevelDiscountToANegativeCustomLineNotACatalogueLine() {
        store();
        final OrderDriver.Sale sale = vend.sale("s5", NZ1, REG1, "CLOSED").line(P, 1, "100.00")
                .line(DISCOUNT_PRODUCT, 1, "-10.00", "0", GST, GST_RATE, "0.15");
        sale.payment(CASH, "Cash", sale.gross()).pipe();

        final Order order = onlyOrder();
        assertThat(order.getLines()).extracting(OrderLine::getSku).containsExactly("SKU-P");
        assertThat(order.getCustomLines()).singleElement().satisfies(custom -> {
            assertThat(custom.getKind()).isEqualTo("SALE_DISCOUNT");
            assertThat(custom.getTotalNet()).isEqualTo(-1000L);
            assertThat(custom.getTotalTax()).isEqualTo(-150L);
        });
        assertThat(order.getTotalNet()).isEqualTo(9000L);
        assertThat(order.getTotalGross()).isEqualTo(10350L);
    }

    @Test
    void shouldTakeTaxPerRateFromTheLinesWhenTheSalesTaxesAreShapedAsTheSchemaDefinesThem() {
        store();
        // The 2.0 schema's SaleTax is {name, rate, amount}: no rate id, unlike Vend's examples ({id, amount}).
        final OrderDriver.Sale sale = vend.sale("s6b", NZ1, REG1, "CLOSED").schemaSaleTaxes().line(P, 1, "20.00")
                .line(Q, 2, "5.00", "0", LOW, LOW_RATE, "0.05").adjustment("SURCHARGE", "Card surcharge", "2.00", GST_RATE, "0.30");
        sale.payment(CARD, "Card", sale.gross()).pipe();

        assertThat(vend.errors()).isEmpty();
        final Order order = onlyOrder();
        assertThat(order.getTaxPortions()).as("the adjustment's tax counts in its rate")
                .extracting(OrderTaxPortion::getRateId, OrderTaxPortion::getAmount)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(GST_RATE, 330L), org.assertj.core.groups.Tuple.tuple(LOW_RATE, 50L));
        assertThat(order.getTotalTax()).isEqualTo(380L);
    }

    @Test
    void shouldAddAnEcomCheckoutChargeVendLeavesOutOfItsTotalsToTheOrder() {
        store();
        final OrderDriver.Sale sale = vend.sale("s6e", NZ1, REG1, "CLOSED").line(P, 1, "20.00")
                .ecomCharge("Gift Wrapping", "8.26", GST_RATE, "1.24");
        sale.payment(CARD, "Card", sale.gross()).pipe();

        assertThat(vend.errors()).isEmpty();
        final Order order = onlyOrder();
        assertThat(order.getCustomLines()).singleElement().satisfies(line -> {
            assertThat(line.getKind()).isEqualTo("ECOM_CUSTOM_CHARGE");
            assertThat(line.getName()).isEqualTo("Gift Wrapping");
            assertThat(line.getTotalNet()).isEqualTo(826L);
            assertThat(line.getTotalTax()).isEqualTo(124L);
        });
        assertThat(order.getTotalNet()).isEqualTo(2826L);
        assertThat(order.getTotalTax()).isEqualTo(424L);
        assertThat(order.getTaxPortions()).extracting(OrderTaxPortion::getRateId, OrderTaxPortion::getAmount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(GST_RATE, 424L));
        assertThat(order.getPaymentState()).isEqualTo("Paid");
    }

    @Test
    void shouldCarryTwoTaxRatesInOneSaleAsOneTaxPortionPerRate() {
        store();
        final OrderDriver.Sale sale = vend.sale("s6", NZ1, REG1, "CLOSED").line(P, 1, "20.00")
                .line(Q, 2, "5.00", "0", LOW, LOW_RATE, "0.05");
        sale.payment(CARD, "Card", sale.gross()).pipe();

        final Order order = onlyOrder();
        assertThat(order.getTaxPortions()).extracting(OrderTaxPortion::getRateId, OrderTaxPortion::getRate, OrderTaxPortion::getAmount)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(GST_RATE, "0.15", 300L),
                        org.assertj.core.groups.Tuple.tuple(LOW_RATE, "0.05", 50L));
        assertThat(order.getLines()).extracting(l -> l.getTax().getRate()).containsExactly("0.15", "0.05");
        assertThat(order.getTotalTax()).isEqualTo(350L);
    }

    @Test
    void shouldImportASaleWithTwoRatesWhoseAmountsVendRoundedRateByRate() {
        store();
        // 0.535 + 0.749 = 1.284: Vend's total tax 1.28, its taxes 0.54 and 0.75 (1.29), each rounded on its own.
        vend.sale("s6c", NZ1, REG1, "CLOSED").twoRateLine(P, 1, "10.00", "0.535", "0.749").vendTaxesRoundedPerRate("1.28")
                .payment(CARD, "Card", "11.28").pipe();
        assertThat(vend.errors()).as("a rounding matter, not a mismatch").isEmpty();
        assertThat(onlyOrder()).satisfies(order -> {
            assertThat(order.getTotalTax()).isEqualTo(128L);
            assertThat(order.getTaxPortions()).extracting(OrderTaxPortion::getAmount).containsExactly(53L, 75L);
            assertThat(order.getPaymentState()).isEqualTo("Paid");
        });

        // The same line where Vend's total tax is the sum of its rounded rates (1.29): the line's 1.284 is spread to it.
        vend.sale("s6d", NZ1, REG1, "CLOSED").twoRateLine(P, 1, "10.00", "0.535", "0.749").vendTaxesRoundedPerRate("1.29")
                .payment(CARD, "Card", "11.29").pipe();
        assertThat(vend.errors()).isEmpty();
        assertThat(onlyOrder()).satisfies(order -> {
            assertThat(order.getTotalTax()).isEqualTo(129L);
            assertThat(order.getLines()).extracting(OrderLine::getTotalTax).containsExactly(129L);
            assertThat(order.getTaxPortions()).extracting(OrderTaxPortion::getAmount).containsExactly(54L, 75L);
        });
    }

    @Test
    void shouldImportAWeighedLineAsACustomLineOfItsAmountSoTheSaleIsWhole() {
        store();
        final OrderDriver.Sale sale = vend.sale("s6w", NZ1, REG1, "CLOSED").weighedLine(P, "0.35", "28.00").line(Q, 1, "4.00");
        sale.payment(CASH, "Cash", sale.gross()).pipe();

        assertThat(vend.errors()).isEmpty();
        assertThat(onlyOrder()).satisfies(order -> {
            assertThat(order.getLines()).extracting(OrderLine::getSku).containsExactly("SKU-Q");
            assertThat(order.getCustomLines()).singleElement().satisfies(line -> {
                assertThat(line.getKind()).isEqualTo("PRODUCT");
                assertThat(line.getName()).isEqualTo("0.35 x SKU-P");
                assertThat(line.getTotalNet()).isEqualTo(980L);
                assertThat(line.getTotalTax()).isEqualTo(147L);
            });
            assertThat(order.getTotalNet()).isEqualTo(1380L);
            assertThat(order.getTotalTax()).isEqualTo(207L);
        });
    }

    @Test
    void shouldMarkTheLinesOfAProductDeletedInVendAlsoOnTheSalesItHad() {
        store();
        final OrderDriver.Sale sold = vend.sale("s6y", NZ1, REG1, "CLOSED").line(P, 1, "10.00");
        sold.payment(CARD, "Card", sold.gross()).pipe();
        assertThat(onlyOrder().getLines()).singleElement().satisfies(line -> assertThat(line.getProductDeleted()).isFalse());

        // Republished: a sale still waiting for a variant that will now never come must learn it (the sink skips one
        // it imported by its version).
        vend.resolution(P, "SKU-P", null, true, 2L);
        assertThat(onlyOrder().getLines()).singleElement().satisfies(line -> assertThat(line.getProductDeleted()).isTrue());

        // A sale read after the deletion (a backfill) says so: the sink imports the line as a custom line only when
        // commercetools has no variant of the SKU.
        final OrderDriver.Sale backfilled = vend.sale("s6x", NZ1, REG1, "CLOSED").line(P, 2, "10.00").line(Q, 1, "4.00");
        backfilled.payment(CARD, "Card", backfilled.gross()).pipe();
        assertThat(vend.errors()).isEmpty();
        assertThat(onlyOrder().getLines()).extracting(OrderLine::getSku, OrderLine::getProductDeleted)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SKU-P", true), org.assertj.core.groups.Tuple.tuple("SKU-Q", false));
    }

    @Test
    void shouldMarkTheLinesOfAProductInactiveInVend() {
        store();
        vend.inactive(P, "SKU-P", 2L);
        final OrderDriver.Sale sale = vend.sale("s6i", NZ1, REG1, "CLOSED").line(P, 2, "10.00").line(Q, 1, "4.00");
        sale.payment(CARD, "Card", sale.gross()).pipe();

        assertThat(vend.errors()).isEmpty();
        assertThat(onlyOrder().getLines()).extracting(OrderLine::getSku, OrderLine::getProductInactive, OrderLine::getProductDeleted)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SKU-P", true, false),
                        org.assertj.core.groups.Tuple.tuple("SKU-Q", false, false));
    }

    @Test
    void shouldMarkATaxInclusiveOutletsOrderTaxIncluded() {
        store();
        final OrderDriver.Sale sale = vend.sale("s7", NZ1, REG1, "CLOSED").line(P, 1, "34.78");
        sale.payment(CASH, "Cash", sale.gross()).pipe();

        final Order order = onlyOrder();
        assertThat(order.getTaxIncluded()).isTrue();
        assertThat(order.getTotalGross()).isEqualTo(4000L); // 34.78 + 5.22: Vend's inclusive shelf price
    }

    @Test
    void shouldMarkATaxExclusiveOutletsOrderNotTaxIncludedWithTheSameNetFigures() {
        store();
        final OrderDriver.Sale sale = vend.sale("s8", NZ2, REG2, "CLOSED").line(P, 1, "34.78");
        sale.payment(CASH, "Cash", sale.gross()).pipe();

        final Order order = onlyOrder();
        assertThat(order.getTaxIncluded()).isFalse();
        assertThat(order.getTotalNet()).isEqualTo(3478L);
        assertThat(order.getChannelKey()).isEqualTo("vend-" + NZ2);
    }

    @Test
    void shouldTakeTheRetailersTaxSettingForAnOutletThatDoesNotSayHowItDisplaysPrices() {
        store();
        vend.outlet(NZ1, "NZD", "NZ", null); // no display_prices: the retailer's tax_exclusive (false here) applies
        final OrderDriver.Sale sale = vend.sale("s8b", NZ1, REG1, "CLOSED").line(P, 1, "34.78");
        sale.payment(CASH, "Cash", sale.gross()).pipe();

        assertThat(onlyOrder().getTaxIncluded()).isTrue();
    }

    @Test
    void shouldMapAForeignCurrencyOutletInItsOwnCurrencyAndMinorUnit() {
        store();
        vend.sale("s9", AU1, REG_AU, "CLOSED").line(P, 1, "50.00", "0", AU_GST, AU_RATE, "0.10").payment(CARD, "Card", "55.00").pipe();
        final Order aud = onlyOrder();
        assertThat(aud.getCurrency()).isEqualTo("AUD");
        assertThat(aud.getCountry()).isEqualTo("AU");
        assertThat(aud.getTotalGross()).isEqualTo(5500L);

        vend.sale("s10", JP1, REG_JP, "CLOSED").line(Q, 1, "1000", "0", GST, GST_RATE, "0.15").payment(CASH, "Cash", "1150").pipe();
        final Order yen = onlyOrder();
        assertThat(yen.getCurrency()).isEqualTo("JPY");
        assertThat(yen.getFractionDigits()).isZero();
        assertThat(yen.getTotalGross()).isEqualTo(1150L);
    }

    @Test
    void shouldWaitForAnOnAccountSaleUntilVendClosesItUnderTheDefaultPolicy() {
        store();
        final OrderDriver.Sale sale = vend.sale("s11", NZ1, REG1, "ONACCOUNT").customer("cust-1").line(P, 1, "100.00").pipe();
        assertThat(vend.orders()).isEmpty();

        sale.status("ONACCOUNT_CLOSED").payment(CARD, "Card", "115.00").pipe();
        final Order order = onlyOrder();
        assertThat(order.getOrderState()).isEqualTo("Complete");
        assertThat(order.getPaymentState()).isEqualTo("Paid");
        assertThat(order.getVendStatus()).isEqualTo("ONACCOUNT_CLOSED");
    }

    @Test
    void shouldOpenAnOnAccountSaleWithBalanceDueAndPayTheSameOrderLaterUnderTheOpenPolicy() {
        store(Map.of("orders.pending.policy", "open"));
        final OrderDriver.Sale sale = vend.sale("s12", NZ1, REG1, "ONACCOUNT").customer("cust-1").line(P, 1, "100.00").pipe();
        final Order open = onlyOrder();
        assertThat(open.getOrderState()).isEqualTo("Open");
        assertThat(open.getPaymentState()).isEqualTo("BalanceDue");
        assertThat(open.getPaid()).isZero();

        sale.status("ONACCOUNT_CLOSED").payment(CARD, "Card", "115.00").pipe();
        final List<KeyValue<String, Order>> later = vend.orders();
        assertThat(later).singleElement().satisfies(kv -> {
            assertThat(kv.key).isEqualTo("s12");
            assertThat(kv.value.getOrderNumber()).isEqualTo(open.getOrderNumber());
            assertThat(kv.value.getOrderState()).isEqualTo("Complete");
            assertThat(kv.value.getPaymentState()).isEqualTo("Paid");
            assertThat(kv.value.getSourceVersion()).isGreaterThan(open.getSourceVersion());
        });
    }

    @Test
    void shouldCompleteALaybyOrderWhenVendClosesItAfterTheDeposit() {
        store(Map.of("orders.pending.policy", "open"));
        final OrderDriver.Sale sale = vend.sale("s13", NZ1, REG1, "LAYBY").customer("cust-2").line(P, 2, "50.00")
                .payment(CASH, "Cash", "20.00").pipe();
        final Order deposit = onlyOrder();
        assertThat(deposit.getOrderState()).isEqualTo("Open");
        assertThat(deposit.getPaymentState()).isEqualTo("BalanceDue");
        assertThat(deposit.getShipmentState()).as("a layby's goods stay in the store until paid").isEqualTo("Pending");
        assertThat(deposit.getPaid()).isEqualTo(2000L);

        sale.status("LAYBY_CLOSED").payment(CARD, "Card", "95.00").pipe();
        final Order closed = onlyOrder();
        assertThat(closed.getOrderState()).isEqualTo("Complete");
        assertThat(closed.getPaymentState()).isEqualTo("Paid");
        assertThat(closed.getShipmentState()).isEqualTo("Delivered");
        assertThat(closed.getPayments()).hasSize(2);
    }

    @Test
    void shouldNeverPublishAParkedSale() {
        store(Map.of("orders.pending.policy", "open"));
        vend.sale("s14", NZ1, REG1, "SAVED").line(P, 1, "10.00").pipe();

        assertThat(vend.orders()).isEmpty();
        assertThat(vend.errors()).isEmpty();
    }

    @Test
    void shouldReportASaleWithAnUnknownProductAndPublishItOnceTheProductResolves() {
        store();
        final OrderDriver.Sale sale = vend.sale("s15", NZ1, REG1, "CLOSED").line(P, 1, "10.00").line("prod-new", 1, "20.00");
        sale.payment(CASH, "Cash", sale.gross()).pipe();

        assertThat(vend.orders()).isEmpty();
        final List<ValidationError> errors = vend.errors();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.getCode()).isEqualTo("PRODUCT_UNKNOWN");
            assertThat(e.getSourceKey()).isEqualTo("s15");
            assertThat(e.getCandidates()).containsExactly("prod-new");
            assertThat(e.getReason()).contains("prod-new").contains("waits");
        });

        vend.resolution("prod-new", "SKU-NEW", null);
        final Order order = onlyOrder();
        assertThat(order.getLines()).extracting(OrderLine::getSku).containsExactly("SKU-P", "SKU-NEW");
        assertThat(order.getTotalNet()).isEqualTo(3000L);
    }

    @Test
    void shouldReportAProductWhoseSkuIsWithheldByAConflictAndWait() {
        store();
        vend.resolution(Q, "SKU-Q", "SKU_DUPLICATE");
        final OrderDriver.Sale sale = vend.sale("s16", NZ1, REG1, "CLOSED").line(Q, 1, "10.00");
        sale.payment(CASH, "Cash", sale.gross()).pipe();

        assertThat(vend.orders()).isEmpty();
        assertThat(vend.errors()).extracting(ValidationError::getCode).containsExactly("SKU_DUPLICATE");
    }

    @Test
    void shouldReportASaleInAnOutletWithoutChannelAndPublishItOnceTheChannelArrives() {
        store();
        vend.outlet("outlet-new", "NZD", "NZ", "inclusive");
        final OrderDriver.Sale sale = vend.sale("s17", "outlet-new", REG1, "CLOSED").line(P, 1, "10.00");
        sale.payment(CASH, "Cash", sale.gross()).pipe();
        assertThat(vend.orders()).isEmpty();
        assertThat(vend.errors()).extracting(ValidationError::getCode).containsExactly("OUTLET_UNMAPPED");

        vend.channel("outlet-new", "shop-new");
        assertThat(onlyOrder().getChannelKey()).isEqualTo("shop-new");
    }

    @Test
    void shouldReportTotalsThatDoNotAddUpAndPublishNoOrder() {
        store();
        vend.sale("s18", NZ1, REG1, "CLOSED").line(P, 1, "10.00").totalPrice("12.00").payment(CASH, "Cash", "13.80").pipe();

        assertThat(vend.orders()).isEmpty();
        assertThat(vend.errors()).singleElement().satisfies(e -> {
            assertThat(e.getCode()).isEqualTo("ORDER_TOTALS_MISMATCH");
            assertThat(e.getReason()).contains("1000 net").contains("1200 net");
        });
    }

    @Test
    void shouldCancelTheOrderOfASaleVoidedAfterItClosed() {
        store();
        final OrderDriver.Sale sale = vend.sale("s19", NZ1, REG1, "CLOSED").line(P, 1, "10.00");
        sale.payment(CASH, "Cash", sale.gross()).pipe();
        assertThat(onlyOrder().getOrderState()).isEqualTo("Complete");

        sale.status("VOIDED").pipe();
        final Order voided = onlyOrder();
        assertThat(voided.getOrderState()).isEqualTo("Cancelled");
        assertThat(voided.getOrderNumber()).isEqualTo("INV-s19");
    }

    @Test
    void shouldCancelTheOrderOfAClosedSaleVendDeleted() {
        store();
        final OrderDriver.Sale sale = vend.sale("s19d", NZ1, REG1, "CLOSED").line(P, 1, "10.00");
        sale.payment(CASH, "Cash", sale.gross()).pipe();
        assertThat(onlyOrder().getOrderState()).isEqualTo("Complete");

        // A store's sales wiped in the back office: Vend lists the sale still, CLOSED, with its deleted_at.
        sale.deletedAt("2026-11-25T08:00:00+00:00").pipe();
        assertThat(onlyOrder()).satisfies(order -> {
            assertThat(order.getOrderState()).isEqualTo("Cancelled");
            assertThat(order.getVendStatus()).isEqualTo("CLOSED");
            assertThat(order.getVendDeleted()).isTrue();
        });
    }

    @Test
    void shouldNeverMakeAnOrderOfASaleFirstReadDeleted() {
        store();
        final OrderDriver.Sale sale = vend.sale("s19e", NZ1, REG1, "CLOSED").line(P, 1, "10.00").deletedAt("2026-11-25T08:00:00+00:00");
        sale.payment(CASH, "Cash", sale.gross()).pipe();

        // A Cancelled record: the sink cancels an order if one exists and imports none.
        assertThat(onlyOrder()).satisfies(order -> {
            assertThat(order.getOrderState()).isEqualTo("Cancelled");
            assertThat(order.getVendDeleted()).isTrue();
        });
    }

    @Test
    void shouldPublishNothingAgainForAReplayedSaleOrAnUnrelatedReferenceChange() {
        store();
        final OrderDriver.Sale sale = vend.sale("s20", NZ1, REG1, "CLOSED").line(P, 1, "10.00");
        sale.payment(CASH, "Cash", sale.gross()).pipe();
        assertThat(vend.orders()).hasSize(1);

        vend.register(REG2, "Back office", NZ2); // another outlet's register
        vend.paymentType("ptype-voucher", "Voucher", "2");
        vend.outlet(NZ1, "NZD", "NZ", "inclusive"); // a new version, same fields

        assertThat(vend.orders()).isEmpty();
    }

    @Test
    void shouldUseTheSaleIdAsOrderNumberWhenConfigured() {
        store(Map.of("orders.number.source", "sale-id"));
        final OrderDriver.Sale sale = vend.sale("s21", NZ1, REG1, "CLOSED").line(P, 1, "10.00");
        sale.payment(CASH, "Cash", sale.gross()).pipe();

        assertThat(onlyOrder().getOrderNumber()).isEqualTo("s21");
    }

    @Test
    void shouldMarkAClosedCashSaleVendRoundedToItsCashDenominationPaid() {
        store();
        // Cash rounding to 0.10, midpoint down: 14.85 owed, 14.80 taken; Vend closes the sale (the rounding is an expense).
        vend.sale("s24r", NZ1, REG1, "CLOSED").exactLine(P, 1, "4.30435", "0.64565", "0.64565").exactLine(Q, 1, "4.30435", "0.64565", "0.64565")
                .exactLine(P, 1, "4.30435", "0.64565", "0.6487").vendTotals("12.91", "1.94").payment(CASH, "Cash", "14.80").pipe();
        assertThat(onlyOrder()).satisfies(order -> {
            assertThat(order.getTotalGross()).isEqualTo(1485L);
            assertThat(order.getPaid()).isEqualTo(1480L);
            assertThat(order.getPaymentState()).isEqualTo("Paid");
        });

        // Not cash: a shortfall is a balance due (a card is charged to the cent).
        vend.sale("s24c", NZ1, REG1, "CLOSED").line(P, 1, "10.00").payment(CARD, "Card", "11.45").pipe();
        assertThat(onlyOrder().getPaymentState()).isEqualTo("BalanceDue");
    }

    @Test
    void shouldSpreadVendsFiveDecimalLineAmountsOverItsRoundedTotalsInsteadOfReportingAMismatch() {
        store();
        // conformance S1: the xs20 GET /sales example MR-1050-NZ, three lines of 4.30435 net, a sale of 12.91 + 1.94.
        vend.sale("s24", NZ1, REG1, "CLOSED").exactLine(P, 1, "4.30435", "0.64565", "0.64565").exactLine(Q, 1, "4.30435", "0.64565", "0.64565")
                .exactLine(P, 1, "4.30435", "0.64565", "0.6487").vendTotals("12.91", "1.94").payment(CASH, "Cash", "14.85").pipe();

        final Order order = onlyOrder();
        assertThat(order.getTotalNet()).isEqualTo(1291L);
        assertThat(order.getTotalTax()).isEqualTo(194L);
        assertThat(order.getLines()).extracting(OrderLine::getTotalNet).containsExactly(431L, 430L, 430L);
        assertThat(order.getLines()).extracting(OrderLine::getTotalTax).containsExactly(64L, 65L, 65L); // ties: the first line
        assertThat(order.getLines().stream().mapToLong(OrderLine::getTotalNet).sum()).isEqualTo(1291L);
        assertThat(order.getLines()).allSatisfy(line -> assertThat(line.getTax().getComponents().get(0).getAmount()).isEqualTo(line.getTotalTax()));
        assertThat(order.getPaymentState()).isEqualTo("Paid");
        assertThat(vend.errors()).isEmpty();
    }

    @Test
    void shouldNameTheBuyerByCustomerKeyAndCarryTheEmailTheCustomerMappingHasForIt() {
        store();
        vend.customer("cust-8", "Ana@Example.com");
        final OrderDriver.Sale sale = vend.sale("s22", NZ1, REG1, "CLOSED").customer("cust-8").line(P, 1, "10.00");
        sale.payment(CASH, "Cash", sale.gross()).pipe();
        final OrderDriver.Sale walkIn = vend.sale("s23", NZ1, REG1, "CLOSED").line(P, 1, "10.00");
        walkIn.payment(CASH, "Cash", walkIn.gross()).pipe();

        assertThat(vend.orders()).extracting(kv -> kv.key, kv -> kv.value.getCustomerKey(), kv -> kv.value.getCustomerEmail())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("s22", "vend-customer-cust-8", "Ana@Example.com"),
                        org.assertj.core.groups.Tuple.tuple("s23", null, null));
    }

    @Test
    void shouldLetAWithheldDuplicateBuyAsTheCustomerOwningItsEmailUntilItIsNoDuplicateAnyMore() {
        store();
        vend.owner("cust-a", "jane@example.com", 1L, "cust-b"); // cust-b has Jane's email too, and is younger
        final OrderDriver.Sale sale = vend.sale("s22d", NZ1, REG1, "CLOSED").customer("cust-b").line(P, 1, "10.00");
        sale.payment(CASH, "Cash", sale.gross()).pipe();
        assertThat(onlyOrder()).satisfies(order -> {
            assertThat(order.getCustomerId()).as("Vend's buyer stays on the record").isEqualTo("cust-b");
            assertThat(order.getCustomerKey()).isEqualTo("vend-customer-cust-a");
            assertThat(order.getCustomerEmail()).isEqualTo("jane@example.com");
        });

        // cust-b took another email in Vend: it is its own customer again.
        vend.owner("cust-a", "jane@example.com", 2L);
        vend.customer("cust-b", "bea@example.com");
        assertThat(vend.orders()).last().satisfies(kv -> {
            assertThat(kv.value.getCustomerKey()).isEqualTo("vend-customer-cust-b");
            assertThat(kv.value.getCustomerEmail()).isEqualTo("bea@example.com");
        });
    }

    @Test
    void shouldPublishTheSaleAgainUnderItsVersionWithTheBuyersEmailWhenTheCustomerMappingGivesItLater() {
        store();
        final OrderDriver.Sale sale = vend.sale("s24", NZ1, REG1, "CLOSED").customer("cust-9").line(P, 1, "10.00");
        sale.payment(CASH, "Cash", sale.gross()).pipe();
        final List<KeyValue<String, Order>> first = vend.orders();
        assertThat(first).singleElement().satisfies(kv -> assertThat(kv.value.getCustomerEmail()).isNull());

        vend.customer("cust-9", "bo@example.com");

        // The sink diffs it although its version is the one applied: the order it imported lacks the buyer.
        assertThat(vend.orders()).singleElement().satisfies(kv -> {
            assertThat(kv.value.getCustomerEmail()).isEqualTo("bo@example.com");
            assertThat(kv.value.getSourceVersion()).isEqualTo(first.get(0).value.getSourceVersion());
        });
    }

    // --- issue 13: returns, refunds, voids, gift cards ---------------------------------------------

    /** A closed sale of 3 x P and 1 x Q at 10.00 each, paid by card: 46.00 gross. */
    private OrderDriver.Sale soldThreePAndOneQ(final String id) {
        final OrderDriver.Sale sale = vend.sale(id, NZ1, REG1, "CLOSED").line(P, 3, "10.00").line(Q, 1, "10.00");
        return sale.payment(CARD, "Credit Card", sale.gross()).pipe();
    }

    @Test
    void shouldPublishAPartialReturnWithItsOriginalsOrderNumberNegativeLinesAndRefund() {
        store();
        soldThreePAndOneQ("s30");
        vend.orders();

        final OrderDriver.Sale ret = vend.sale("r30", NZ1, REG1, "SAVED").returnFor("s30").line(P, -1, "10.00");
        ret.pipe(); // Vend's actions/return starts a parked return: nothing yet
        assertThat(vend.orders()).isEmpty();
        ret.status("CLOSED").payment(CARD, "Credit Card", ret.gross()).pipe();

        final Order order = onlyOrder();
        assertThat(order.getSaleId()).isEqualTo("r30");
        assertThat(order.getReturnFor()).isEqualTo("s30");
        assertThat(order.getReturnForOrderNumber()).isEqualTo("INV-s30");
        assertThat(order.getLines()).singleElement().satisfies(line -> {
            assertThat(line.getSku()).isEqualTo("SKU-P");
            assertThat(line.getQuantity()).isEqualTo(-1L);
            assertThat(line.getTotalGross()).isEqualTo(-1150L);
        });
        assertThat(order.getPayments()).singleElement().satisfies(p -> assertThat(p.getAmount()).isEqualTo(-1150L));
        assertThat(vend.errors()).isEmpty();
    }

    @Test
    void shouldReadAReturnInVendsDocumentedShapeWithItsTaxNegativeOnLinesComponentsAndPortions() {
        store();
        soldThreePAndOneQ("s38");
        vend.orders();
        final OrderDriver.Sale ret = vend.sale("r38", NZ1, REG1, "SAVED").returnFor("s38").documentedReturnShape().line(P, -2, "10.00");
        ret.pipe(); // parked, its lines SAVED: nothing yet, and nothing refused
        ret.status("CLOSED").payment(CARD, "Credit Card", ret.gross()).pipe();

        final Order order = onlyOrder();
        assertThat(order.getTotalTax()).isEqualTo(-300L);
        assertThat(order.getLines()).singleElement().satisfies(line -> {
            assertThat(line.getQuantity()).isEqualTo(-2L);
            assertThat(line.getTotalTax()).isEqualTo(-300L);
            assertThat(line.getTax().getComponents()).singleElement().satisfies(c -> assertThat(c.getAmount()).isEqualTo(-300L));
        });
        assertThat(order.getTaxPortions()).singleElement().satisfies(p -> assertThat(p.getAmount()).isEqualTo(-300L));
        assertThat(vend.errors()).isEmpty();
    }

    @Test
    void shouldPublishTwoPartialReturnsOfOneSaleAndReportAThirdThatExceedsWhatWasSold() {
        store();
        soldThreePAndOneQ("s31");
        final OrderDriver.Sale first = vend.sale("r31a", NZ1, REG1, "CLOSED").returnFor("s31").saleDate("2026-11-21T10:00:00+00:00")
                .line(P, -2, "10.00");
        first.payment(CARD, "Credit Card", first.gross()).pipe();
        final OrderDriver.Sale second = vend.sale("r31b", NZ1, REG1, "CLOSED").returnFor("s31").saleDate("2026-11-22T10:00:00+00:00")
                .line(P, -1, "10.00").line(Q, -1, "10.00");
        second.payment(CARD, "Credit Card", second.gross()).pipe();
        assertThat(vend.orders()).extracting(kv -> kv.key).containsExactly("s31", "r31a", "r31b");

        final OrderDriver.Sale third = vend.sale("r31c", NZ1, REG1, "CLOSED").returnFor("s31").saleDate("2026-11-23T10:00:00+00:00")
                .line(P, -1, "10.00");
        third.payment(CARD, "Credit Card", third.gross()).pipe();

        assertThat(vend.orders()).isEmpty();
        assertThat(vend.errors()).singleElement().satisfies(e -> {
            assertThat(e.getCode()).isEqualTo("RETURN_EXCEEDS_SALE");
            assertThat(e.getReason()).contains("r31c").contains(P + "=1");
        });
    }

    @Test
    void shouldStillCountAReturnVendDeletedSinceItsReturnInfoStaysOnTheOrder() {
        store();
        soldThreePAndOneQ("s31d");
        final OrderDriver.Sale first = vend.sale("r31d", NZ1, REG1, "CLOSED").returnFor("s31d").saleDate("2026-11-21T10:00:00+00:00")
                .line(P, -3, "10.00");
        first.payment(CARD, "Credit Card", first.gross()).pipe();
        first.deletedAt("2026-11-21T12:00:00+00:00").pipe();
        assertThat(vend.orders()).extracting(kv -> kv.key, kv -> kv.value.getOrderState())
                .contains(org.assertj.core.groups.Tuple.tuple("r31d", "Cancelled"));

        // The sink cannot take return info back (the mock lacks setReturnInfo), so the order still shows the three
        // returned: a further return is reported here rather than refused by the sink for good.
        final OrderDriver.Sale second = vend.sale("r31e", NZ1, REG1, "CLOSED").returnFor("s31d").saleDate("2026-11-22T10:00:00+00:00")
                .line(P, -2, "10.00");
        second.payment(CARD, "Credit Card", second.gross()).pipe();

        assertThat(vend.orders()).isEmpty();
        assertThat(vend.errors()).singleElement().satisfies(e -> assertThat(e.getCode()).isEqualTo("RETURN_EXCEEDS_SALE"));
    }

    @Test
    void shouldCarryAFullRefundAsTheReturnsNegativePaymentsCoveringItsTotal() {
        store();
        soldThreePAndOneQ("s32");
        vend.orders();
        final OrderDriver.Sale ret = vend.sale("r32", NZ1, REG1, "CLOSED").returnFor("s32").line(P, -3, "10.00").line(Q, -1, "10.00");
        ret.payment(CARD, "Credit Card", ret.gross()).pipe();

        final Order order = onlyOrder();
        assertThat(order.getTotalGross()).isEqualTo(-4600L);
        assertThat(order.getPaid()).isEqualTo(-4600L);
        assertThat(order.getPayments()).singleElement().satisfies(p -> assertThat(p.getMethod()).isEqualTo("Credit Card"));
    }

    @Test
    void shouldNameARefundToAnotherPaymentMethodByItsOwnVendPaymentType() {
        store();
        soldThreePAndOneQ("s33");
        vend.orders();
        final OrderDriver.Sale ret = vend.sale("r33", NZ1, REG1, "CLOSED").returnFor("s33").line(Q, -1, "10.00");
        ret.payment(STORE_CREDIT, "Store Credit", ret.gross()).pipe();

        assertThat(onlyOrder().getPayments()).singleElement().satisfies(p -> {
            assertThat(p.getMethod()).isEqualTo("Store Credit");
            assertThat(p.getPaymentTypeId()).isEqualTo(STORE_CREDIT);
            assertThat(p.getAmount()).isEqualTo(-1150L);
        });
    }

    /** A closed sale of 3 x P at 10.00, paid by card (34.50), then exchanged: 1 x P back, 2 x Q (never sold before) out. */
    private OrderDriver.Sale exchangeOneForTwoQ(final String originalId, final String exchangeId) {
        final OrderDriver.Sale original = vend.sale(originalId, NZ1, REG1, "CLOSED").line(P, 3, "10.00");
        original.payment(CARD, "Credit Card", original.gross()).pipe();
        vend.orders();
        // X-Series rings an exchange up as one return sale: the returned item negative, the new items positive, the
        // difference (23.00 - 11.50) paid at the till.
        final OrderDriver.Sale exchange = vend.sale(exchangeId, NZ1, REG1, "CLOSED").returnFor(originalId).line(P, -1, "10.00")
                .line(Q, 2, "10.00");
        return exchange.payment(CARD, "Credit Card", exchange.gross()).pipe();
    }

    @Test
    void shouldMirrorAnExchangeAsTheReturnOfItsReturnedItemsAndAnOrderOfItsNewItemsPaidPartlyByTheReturnedValue() {
        store();
        exchangeOneForTwoQ("s41", "x41");

        final Map<String, Order> published = vend.orders().stream().collect(java.util.stream.Collectors.toMap(kv -> kv.key, kv -> kv.value));
        assertThat(vend.errors()).as("Q was never sold by s41: only returned lines count against it").isEmpty();
        assertThat(published).containsOnlyKeys("x41", "x41/exchange");
        assertThat(published.get("x41")).satisfies(ret -> {
            assertThat(ret.getReturnFor()).isEqualTo("s41");
            assertThat(ret.getReturnForOrderNumber()).isEqualTo("INV-s41");
            assertThat(ret.getLines()).extracting(OrderLine::getSku, OrderLine::getQuantity)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("SKU-P", -1L));
            assertThat(ret.getTotalGross()).isEqualTo(-1150L);
            assertThat(ret.getTaxPortions()).extracting(OrderTaxPortion::getAmount).containsExactly(-150L);
            // Nothing was refunded at the till: the returned value paid for the new items.
            assertThat(ret.getPayments()).extracting(OrderPayment::getPaymentId, OrderPayment::getMethod, OrderPayment::getAmount)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("x41-exchange-refund", "Exchange credit", -1150L));
            assertThat(ret.getPaid()).isEqualTo(-1150L);
        });
        assertThat(published.get("x41/exchange")).satisfies(order -> {
            assertThat(order.getSaleId()).isEqualTo("x41");
            assertThat(order.getOrderNumber()).isEqualTo("INV-x41");
            assertThat(order.getReturnFor()).isNull();
            assertThat(order.getExchangeFor()).isEqualTo("s41");
            assertThat(order.getOrderState()).isEqualTo("Complete");
            assertThat(order.getLines()).extracting(OrderLine::getSku, OrderLine::getQuantity)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("SKU-Q", 2L));
            assertThat(order.getTotalNet()).isEqualTo(2000L);
            assertThat(order.getTotalGross()).isEqualTo(2300L);
            assertThat(order.getTaxPortions()).extracting(OrderTaxPortion::getAmount).containsExactly(300L);
            assertThat(order.getPayments()).extracting(OrderPayment::getMethod, OrderPayment::getAmount).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("Credit Card", 1150L), org.assertj.core.groups.Tuple.tuple("Exchange credit", 1150L));
            assertThat(order.getPaymentState()).isEqualTo("Paid");
        });
    }

    @Test
    void shouldRefundTheRestOfTheReturnedValueWhenAnExchangesNewItemsCostLess() {
        store();
        soldThreePAndOneQ("s42");
        vend.orders();
        final OrderDriver.Sale exchange = vend.sale("x42", NZ1, REG1, "CLOSED").returnFor("s42").line(P, -2, "10.00").line(Q, 1, "10.00");
        exchange.payment(CASH, "Cash", exchange.gross()).pipe(); // -11.50: the customer gets the difference back in cash

        final Map<String, Order> published = vend.orders().stream().collect(java.util.stream.Collectors.toMap(kv -> kv.key, kv -> kv.value));
        assertThat(published.get("x42").getPayments()).extracting(OrderPayment::getMethod, OrderPayment::getAmount).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Cash", -1150L), org.assertj.core.groups.Tuple.tuple("Exchange credit", -1150L));
        assertThat(published.get("x42").getTotalGross()).isEqualTo(-2300L);
        assertThat(published.get("x42/exchange").getPayments()).extracting(OrderPayment::getMethod, OrderPayment::getAmount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Exchange credit", 1150L));
        assertThat(published.get("x42/exchange").getPaymentState()).isEqualTo("Paid");
        assertThat(vend.errors()).isEmpty();
    }

    @Test
    void shouldMirrorAReturnOfAnExchangesNewItemsOntoTheExchangesOwnOrder() {
        store();
        exchangeOneForTwoQ("s43", "x43");
        vend.orders();

        final OrderDriver.Sale ret = vend.sale("r43", NZ1, REG1, "CLOSED").returnFor("x43").line(Q, -1, "10.00");
        ret.payment(CARD, "Credit Card", ret.gross()).pipe();
        assertThat(vend.errors()).isEmpty();
        assertThat(onlyOrder()).satisfies(order -> {
            assertThat(order.getSaleId()).isEqualTo("r43");
            assertThat(order.getReturnForOrderNumber()).isEqualTo("INV-x43");
        });

        // The exchange sold 2 x Q: a return of 2 more is beyond it.
        final OrderDriver.Sale beyond = vend.sale("r43b", NZ1, REG1, "CLOSED").returnFor("x43").line(Q, -2, "10.00");
        beyond.payment(CARD, "Credit Card", beyond.gross()).pipe();
        assertThat(vend.orders()).isEmpty();
        assertThat(vend.errors()).singleElement().satisfies(e -> assertThat(e.getCode()).isEqualTo("RETURN_EXCEEDS_SALE"));
    }

    @Test
    void shouldSpreadTheTaxPerRateOfEachExchangePartOverItsTaxWhenALineCarriesTwoRates() {
        store();
        final OrderDriver.Sale original = vend.sale("s45", NZ1, REG1, "CLOSED").twoRateLine(P, 1, "10.00", "0.535", "0.749");
        original.payment(CARD, "Credit Card", original.gross()).pipe();
        // The sale itself: Vend's per-rate amounts spread over its rounded tax, not reported as a mismatch.
        assertThat(onlyOrder().getTaxPortions()).extracting(OrderTaxPortion::getAmount).containsExactly(53L, 75L);
        // Swapped for Q at the same price and taxes: nothing to pay. Each line's tax rounds to 1.28, its rates one by one to 0.54 + 0.75 = 1.29: spread, 0.53 + 0.75.
        vend.sale("x45", NZ1, REG1, "CLOSED").returnFor("s45").twoRateLine(P, -1, "10.00", "-0.535", "-0.749")
                .twoRateLine(Q, 1, "10.00", "0.535", "0.749").pipe();

        assertThat(vend.errors()).isEmpty();
        final Map<String, Order> published = vend.orders().stream().collect(java.util.stream.Collectors.toMap(kv -> kv.key, kv -> kv.value));
        assertThat(published.get("x45").getTotalTax()).isEqualTo(-128L);
        assertThat(published.get("x45").getTaxPortions()).extracting(OrderTaxPortion::getAmount).containsExactly(-53L, -75L);
        assertThat(published.get("x45/exchange").getTotalTax()).isEqualTo(128L);
        assertThat(published.get("x45/exchange").getTaxPortions()).extracting(OrderTaxPortion::getAmount).containsExactly(53L, 75L);
        assertThat(published.get("x45/exchange").getPayments()).extracting(OrderPayment::getMethod, OrderPayment::getAmount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Exchange credit", 1128L));
    }

    @Test
    void shouldKeepAReturnThatReversesADiscountRungUpAsQuantityMinusOneAPlainReturn() {
        store();
        // The sale-level discount as some stores' integrations ring it up: the discount product at quantity -1.
        final OrderDriver.Sale original = vend.sale("s46", NZ1, REG1, "CLOSED").line(P, 3, "10.00").line(DISCOUNT_PRODUCT, -1, "5.00");
        original.payment(CARD, "Credit Card", original.gross()).pipe();
        vend.orders();
        final OrderDriver.Sale ret = vend.sale("r46", NZ1, REG1, "CLOSED").returnFor("s46").line(P, -3, "10.00").line(DISCOUNT_PRODUCT, 1, "5.00");
        ret.payment(CARD, "Credit Card", ret.gross()).pipe();

        assertThat(vend.errors()).isEmpty();
        assertThat(vend.orders()).singleElement().satisfies(kv -> {
            assertThat(kv.key).isEqualTo("r46");
            assertThat(kv.value.getTotalGross()).isEqualTo(-2875L);
        });
    }

    @Test
    void shouldCancelBothRecordsOfAnExchangeVoidedAfterItClosed() {
        store();
        final OrderDriver.Sale exchange = exchangeOneForTwoQ("s44", "x44");
        vend.orders();

        exchange.status("VOIDED").pipe();
        assertThat(vend.orders()).extracting(kv -> kv.key, kv -> kv.value.getOrderState()).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("x44", "Cancelled"), org.assertj.core.groups.Tuple.tuple("x44/exchange", "Cancelled"));
    }

    @Test
    void shouldReportAReturnOfAnUnknownOriginalAndPublishItOnceTheOriginalIsBackfilled() {
        store();
        final OrderDriver.Sale ret = vend.sale("r34", NZ1, REG1, "CLOSED").returnFor("s34").line(P, -1, "10.00");
        ret.payment(CASH, "Cash", ret.gross()).pipe();

        assertThat(vend.orders()).isEmpty();
        assertThat(vend.errors()).singleElement().satisfies(e -> {
            assertThat(e.getCode()).isEqualTo("RETURN_ORIGINAL_UNKNOWN");
            assertThat(e.getCandidates()).containsExactly("s34");
        });

        soldThreePAndOneQ("s34"); // the backfill reads the original
        // Different keys: the return may come first on the topic; the sink then waits on a retry tier for the order.
        assertThat(vend.orders()).extracting(kv -> kv.key, kv -> kv.value.getReturnForOrderNumber())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("s34", null), org.assertj.core.groups.Tuple.tuple("r34", "INV-s34"));
    }

    @Test
    void shouldPublishACancelledRecordForASaleVoidedBeforeItClosedSoTheSinkCreatesNothing() {
        store();
        final OrderDriver.Sale layby = vend.sale("s35", NZ1, REG1, "LAYBY").customer("cust-1").line(P, 1, "10.00")
                .payment(CASH, "Cash", "2.00").pipe();
        assertThat(vend.orders()).isEmpty(); // pending sales wait under the default policy

        layby.status("VOIDED").pipe();
        assertThat(onlyOrder()).satisfies(order -> {
            assertThat(order.getOrderState()).isEqualTo("Cancelled");
            assertThat(order.getVendStatus()).isEqualTo("VOIDED");
        });
    }

    @Test
    void shouldCancelAVoidedSaleWhoseOutletWasNeverReadWhenItsChannelIsMappedWithoutFailingTheStream() {
        store();
        // A channel mapped by import for an outlet whose record Vend has not sent (the retailer gives the currency).
        vend.channel("outlet-unread", "imported-channel");
        vend.sale("s40", "outlet-unread", REG1, "VOIDED").line(P, 1, "10.00").pipe();
        assertThat(onlyOrder()).satisfies(order -> {
            assertThat(order.getOrderState()).isEqualTo("Cancelled");
            assertThat(order.getChannelKey()).isEqualTo("imported-channel");
            assertThat(order.getOutletName()).isNull();
            assertThat(order.getTaxIncluded()).as("the retailer's setting, not a guess").isTrue();
        });
    }

    @Test
    void shouldSellAGiftCardAsACustomLineWithTheCardNumberMaskedNeverAsACatalogueLine() {
        store(); // the gift card product has no SKU resolution: it needs none
        final OrderDriver.Sale sale = vend.sale("s36", NZ1, REG1, "CLOSED").line(P, 1, "10.00").giftCard(GIFT_PRODUCT, "6001234567891234", "50.00");
        sale.payment(CASH, "Cash", sale.gross()).pipe();

        final Order order = onlyOrder();
        assertThat(order.getLines()).extracting(OrderLine::getSku).containsExactly("SKU-P");
        assertThat(order.getCustomLines()).singleElement().satisfies(line -> {
            assertThat(line.getKind()).isEqualTo("GIFT_CARD");
            assertThat(line.getName()).isEqualTo("Gift card ****1234");
            assertThat(line.getTotalGross()).isEqualTo(5000L);
        });
        assertThat(order.toString()).doesNotContain("6001234567891234");
        assertThat(order.getTotalGross()).isEqualTo(6150L);

        // Nor on errors.validation, whose payload is the parsed sale: a later version that cannot be mapped shows it.
        sale.totalPrice("99.00").pipe();
        assertThat(vend.errors()).singleElement().satisfies(e -> {
            assertThat(e.getCode()).isEqualTo("ORDER_TOTALS_MISMATCH");
            assertThat(e.getPayload()).contains("****1234").doesNotContain("6001234567891234");
        });
    }

    @Test
    void shouldSellTheConfiguredGiftCardProductAsACustomLineWithoutASkuResolution() {
        store(Map.of("orders.gift-card.product-ids", GIFT_PRODUCT)); // the 2.0 line carries no card number
        final OrderDriver.Sale sale = vend.sale("s39", NZ1, REG1, "CLOSED").line(GIFT_PRODUCT, 1, "25.00", "0", GST, GST_RATE, "0");
        sale.payment(CASH, "Cash", sale.gross()).pipe();

        final Order order = onlyOrder();
        assertThat(order.getLines()).isEmpty();
        assertThat(order.getCustomLines()).singleElement().satisfies(line -> {
            assertThat(line.getKind()).isEqualTo("GIFT_CARD");
            assertThat(line.getTotalGross()).isEqualTo(2500L);
        });
        assertThat(vend.errors()).isEmpty();
    }

    @Test
    void shouldNameAPaymentByGiftCardWithTheGiftcardMethod() {
        store();
        final OrderDriver.Sale sale = vend.sale("s37", NZ1, REG1, "CLOSED").line(P, 2, "10.00");
        sale.payment(GIFT, "Gift Card", "15.00").payment(CASH, "Cash", "8.00").pipe();

        assertThat(onlyOrder().getPayments()).extracting(OrderPayment::getMethod, OrderPayment::getVendTypeId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("giftcard", "118"), org.assertj.core.groups.Tuple.tuple("Cash", "1"));
    }
}
