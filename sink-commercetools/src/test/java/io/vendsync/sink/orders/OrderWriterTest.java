package io.vendsync.sink.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercetools.api.models.common.Money;
import com.commercetools.api.models.order.OrderState;
import com.commercetools.api.models.order.PaymentState;
import com.commercetools.api.models.order.ShipmentState;
import com.commercetools.api.models.payment.Payment;
import com.commercetools.api.models.payment.PaymentDraft;
import com.commercetools.api.models.payment.TransactionType;
import io.vendsync.schemas.canonical.v1.Order;
import io.vendsync.schemas.canonical.v1.OrderLine;
import io.vendsync.sink.SinkStatistics;
import io.vendsync.sink.internals.FailureClassifier;
import io.vendsync.sink.internals.Failure;
import io.vendsync.sink.internals.MockProject;
import io.vendsync.sink.internals.SinkWriteException;
import io.vendsync.sink.internals.WriteOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue #12: one commercetools order per Vend sale, against the mock, writes counted from the integration log. */
class OrderWriterTest {

    private MockProject project;
    private SinkStatistics statistics;
    private io.vendsync.sink.write.WriterTemplate<Order, CurrentOrder, com.commercetools.api.models.order.OrderUpdateAction> writer;

    @BeforeEach
    void setUp() {
        project = new MockProject();
        statistics = new SinkStatistics();
        writer = OrderWriter.template(project.api, 3, statistics);
        product("SKU-P");
        product("SKU-Q");
        project.log.clear();
    }

    @AfterEach
    void tearDown() {
        project.close();
    }

    private void product(final String sku) {
        Orders.product(project, sku);
    }

    private List<com.commercetools.api.models.order.Order> orders(final String orderNumber) {
        return Orders.numbered(project, orderNumber);
    }

    private com.commercetools.api.models.order.Order order(final String orderNumber) {
        return Orders.onlyNumbered(project, orderNumber);
    }

    private List<Payment> payments(final String key) {
        return Orders.paymentsKeyed(project, key);
    }

    private static Order cashSale(final String saleId, final long version) {
        return Orders.sale(saleId, version, List.of(Orders.line("l1", "SKU-P", 2, 3478, 0), Orders.line("l2", "SKU-Q", 1, 1000, 100)),
                List.of(), List.of(Orders.payment(saleId + "-pay-1", "Cash", 9035))).build();
    }

    @Test
    void shouldImportOneOrderWithItsLinesPaymentsStatesAndVendSaleFields() {
        assertThat(writer.apply(cashSale("s1", 5))).isEqualTo(WriteOutcome.CREATED);

        final com.commercetools.api.models.order.Order order = order("INV-s1");
        assertThat(order.getOrderState()).isEqualTo(OrderState.COMPLETE);
        assertThat(order.getPaymentState()).isEqualTo(PaymentState.PAID);
        assertThat(order.getShipmentState()).as("handed over at the till").isEqualTo(ShipmentState.DELIVERED);
        assertThat(order.getLineItems()).extracting(l -> l.getVariant().getSku(), l -> l.getQuantity())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SKU-P", 2L), org.assertj.core.groups.Tuple.tuple("SKU-Q", 1L));
        assertThat(order.getLineItems()).extracting(l -> l.getName().get("en")).as("named as the shop names the product")
                .containsExactly("Tee SKU-P", "Tee SKU-Q");
        assertThat(order.getCustomLineItems()).extracting(c -> c.getMoney().getCentAmount()).containsExactly(-100L);
        assertThat(order.getCustom().getFields().values()).containsEntry(OrderFields.SALE_ID, "s1")
                .containsEntry(OrderFields.CHANNEL_KEY, "vend-outlet-1").containsEntry(OrderFields.REGISTER_NAME, "Main");
        // The mock drops paymentInfo on import; the writer adds the payments after it (the real API keeps them at once).
        assertThat(OrderActions.paymentIdsOf(order)).hasSize(1);
        final Payment payment = payments("vend-payment-s1-pay-1").get(0);
        assertThat(OrderActions.paymentIdsOf(order)).containsExactly(payment.getId());
        assertThat(payment.getAmountPlanned().getCentAmount()).isEqualTo(9035L);
        assertThat(payment.getPaymentMethodInfo().getMethod()).isEqualTo("Cash");
        assertThat(payment.getTransactions()).singleElement().satisfies(t -> {
            assertThat(t.getType()).isEqualTo(TransactionType.CHARGE);
            assertThat(t.getAmount().getCentAmount()).isEqualTo(9035L);
        });
        // What the mock stores: the net of the lines as imported equals Vend's (its tax it recomputes from the rates).
        assertThat(order.getTaxedPrice().getTotalNet().getCentAmount()).isEqualTo(6956L + 900L);
        assertThat(project.requests("POST", "/orders/import")).hasSize(1);
    }

    @Test
    void shouldWriteNothingWhenTheSameVersionOfASaleIsAppliedAgain() {
        writer.apply(cashSale("s2", 5));
        project.log.clear();

        assertThat(writer.apply(cashSale("s2", 5))).isEqualTo(WriteOutcome.UNCHANGED);
        assertThat(writer.apply(cashSale("s2", 4))).isEqualTo(WriteOutcome.SKIPPED_STALE);

        assertThat(project.writes()).isEmpty();
        assertThat(orders("INV-s2")).hasSize(1);
    }

    @Test
    void shouldLinkTheBuyerAnOrderWasImportedWithoutWhenTheSameVersionOfTheSaleBringsIt() {
        // Imported before the customer mapping had given the buyer: no customer, no email.
        writer.apply(Orders.sale("s9", 5, List.of(Orders.line("l1", "SKU-P", 1, 1000, 0)), List.of(),
                List.of(Orders.payment("s9-pay", "Cash", 1150))).setCustomerId("vend-c1").setCustomerKey("vend-customer-c1").build());
        assertThat(order("INV-s9").getCustomerEmail()).isNull();

        // The same sale version again, now with the buyer's email: the order takes it.
        assertThat(writer.apply(Orders.sale("s9", 5, List.of(Orders.line("l1", "SKU-P", 1, 1000, 0)), List.of(),
                List.of(Orders.payment("s9-pay", "Cash", 1150))).setCustomerId("vend-c1").setCustomerKey("vend-customer-c1")
                .setCustomerEmail("ana@example.com").build())).isEqualTo(WriteOutcome.UPDATED);
        assertThat(order("INV-s9").getCustomerEmail()).isEqualTo("ana@example.com");
        assertThat(order("INV-s9").getCustomerId()).isNull();

        // Once the buyer's customer exists, the order is linked to it; after that, the same record writes nothing.
        final String customerId = customerIn("ana@example.com", "vend-customer-c1");
        final Order again = Orders.sale("s9", 5, List.of(Orders.line("l1", "SKU-P", 1, 1000, 0)), List.of(),
                List.of(Orders.payment("s9-pay", "Cash", 1150))).setCustomerId("vend-c1").setCustomerKey("vend-customer-c1")
                .setCustomerEmail("ana@example.com").build();
        assertThat(writer.apply(again)).isEqualTo(WriteOutcome.UPDATED);
        assertThat(order("INV-s9").getCustomerId()).isEqualTo(customerId);
        project.log.clear();
        assertThat(writer.apply(again)).isEqualTo(WriteOutcome.UNCHANGED);
        assertThat(project.writes()).isEmpty();
    }

    @Test
    void shouldMoveTheOrderToTheCustomerVendReassignedTheSaleTo() {
        final String ana = customerIn("ana@example.com", "vend-customer-c1");
        final String bea = customerIn("bea@example.com", "vend-customer-c2");
        writer.apply(Orders.sale("s30", 5, List.of(Orders.line("l1", "SKU-P", 1, 1000, 0)), List.of(),
                List.of(Orders.payment("s30-pay", "Cash", 1150))).setCustomerId("c1").setCustomerKey("vend-customer-c1")
                .setCustomerEmail("ana@example.com").build());
        assertThat(order("INV-s30").getCustomerId()).isEqualTo(ana);

        // Lightspeed's customer merge: the duplicate's sales are moved to the customer kept, then the duplicate is deleted.
        assertThat(writer.apply(Orders.sale("s30", 6, List.of(Orders.line("l1", "SKU-P", 1, 1000, 0)), List.of(),
                List.of(Orders.payment("s30-pay", "Cash", 1150))).setCustomerId("c2").setCustomerKey("vend-customer-c2")
                .setCustomerEmail("bea@example.com").build())).isEqualTo(WriteOutcome.UPDATED);
        assertThat(order("INV-s30").getCustomerId()).isEqualTo(bea);
        assertThat(order("INV-s30").getCustomerEmail()).isEqualTo("bea@example.com");

        // An older record of the sale never moves it back.
        assertThat(writer.apply(Orders.sale("s30", 5, List.of(Orders.line("l1", "SKU-P", 1, 1000, 0)), List.of(),
                List.of(Orders.payment("s30-pay", "Cash", 1150))).setCustomerId("c1").setCustomerKey("vend-customer-c1")
                .setCustomerEmail("ana@example.com").build())).isEqualTo(WriteOutcome.SKIPPED_STALE);
        assertThat(order("INV-s30").getCustomerId()).isEqualTo(bea);
    }

    @Test
    void shouldCarryTheSalesNoteOntoItsOrderAndFollowItsEditsInVend() {
        writer.apply(io.vendsync.schemas.canonical.v1.Order.newBuilder(cashSale("s32", 5)).setNote("Gift wrap, card for Ana").build());
        assertThat(order("INV-s32").getCustom().getFields().values()).containsEntry(OrderFields.NOTE, "Gift wrap, card for Ana");

        writer.apply(io.vendsync.schemas.canonical.v1.Order.newBuilder(cashSale("s32", 6)).setNote("Gift wrap").build());
        assertThat(order("INV-s32").getCustom().getFields().values()).containsEntry(OrderFields.NOTE, "Gift wrap");

        assertThat(writer.apply(cashSale("s32", 7))).isEqualTo(WriteOutcome.UPDATED);
        assertThat(order("INV-s32").getCustom().getFields().values()).doesNotContainKey(OrderFields.NOTE);
    }

    @Test
    void shouldTakeTheBuyerOffTheOrderWhenTheSaleLosesItsCustomerAndPutItBackWhenItReturns() {
        final String ana = customerIn("ana@example.com", "vend-customer-c1");
        writer.apply(Orders.sale("s31", 5, List.of(Orders.line("l1", "SKU-P", 1, 1000, 0)), List.of(),
                List.of(Orders.payment("s31-pay", "Cash", 1150))).setCustomerId("c1").setCustomerKey("vend-customer-c1")
                .setCustomerEmail("ana@example.com").build());
        assertThat(order("INV-s31").getCustomerId()).isEqualTo(ana);

        // The customer was taken off the sale in Vend: the order names no buyer, not even as the Vend customer it had.
        assertThat(writer.apply(Orders.sale("s31", 6, List.of(Orders.line("l1", "SKU-P", 1, 1000, 0)), List.of(),
                List.of(Orders.payment("s31-pay", "Cash", 1150))).build())).isEqualTo(WriteOutcome.UPDATED);
        assertThat(order("INV-s31").getCustomerId()).isNull();
        assertThat(order("INV-s31").getCustomerEmail()).isNull();
        assertThat(OrderActions.vendCustomerId(order("INV-s31"))).isNull();

        // Put back on the sale: the order is hers again (before, the stale Vend customer id read as no change of buyer).
        assertThat(writer.apply(Orders.sale("s31", 7, List.of(Orders.line("l1", "SKU-P", 1, 1000, 0)), List.of(),
                List.of(Orders.payment("s31-pay", "Cash", 1150))).setCustomerId("c1").setCustomerKey("vend-customer-c1")
                .setCustomerEmail("ana@example.com").build())).isEqualTo(WriteOutcome.UPDATED);
        assertThat(order("INV-s31").getCustomerId()).isEqualTo(ana);
        assertThat(OrderActions.vendCustomerId(order("INV-s31"))).isEqualTo("c1");
    }

    /** A commercetools customer made in the project directly (not by vendsync); returns its id. */
    private String customerIn(final String email, final String key) {
        return project.direct.customers().post(com.commercetools.api.models.customer.CustomerDraftBuilder.of()
                .email(email).password("secret-1").key(key).build()).executeBlocking().getBody().getCustomer().getId();
    }

    /** A canonical customer as the customer mapping publishes it, for Vend customer {@code vendId}. */
    private static io.vendsync.schemas.canonical.v1.Customer customer(final String vendId, final String email, final long version) {
        return io.vendsync.schemas.canonical.v1.Customer.newBuilder().setKey("vend-customer-" + vendId).setVendCustomerId(vendId)
                .setCustomerCode(vendId.toUpperCase()).setDeleted(false).setEmail(email).setFirstName("Cy").setLastName("Late")
                .setCustomFields(java.util.Map.of()).setSourceVersion(version).setSourceUpdatedAtMs(1_790_000_000_000L).build();
    }

    private io.vendsync.sink.write.WriterTemplate<io.vendsync.schemas.canonical.v1.Customer, ?, ?> customers(
            final io.vendsync.sink.customers.CustomerStatistics counts) {
        return io.vendsync.sink.customers.CustomerWriter.template(project.api, new io.vendsync.sink.prices.CustomerGroupResolver(project.api),
                new io.vendsync.sink.customers.FieldOwnership(java.util.Map.of()), io.vendsync.sink.customers.DeletePolicy.DELETE_CREATED,
                counts, 3, statistics);
    }

    @Test
    void shouldNameTheEmailOwnerOnTheOrdersOfItsWithheldDuplicateImportedBeforeTheOwnerExisted() {
        // Vend customer c40 is withheld as a duplicate of c41's email: its sale buys as c41, whose customer is not there yet.
        writer.apply(Orders.sale("s40", 5, List.of(Orders.line("l1", "SKU-P", 1, 1000, 0)), List.of(),
                List.of(Orders.payment("s40-pay", "Cash", 1150))).setCustomerId("c40").setCustomerKey("vend-customer-c41")
                .setCustomerEmail("cy@example.com").build());
        assertThat(order("INV-s40").getCustomerId()).isNull();

        final io.vendsync.sink.customers.CustomerStatistics counts = new io.vendsync.sink.customers.CustomerStatistics();
        assertThat(customers(counts).apply(io.vendsync.schemas.canonical.v1.Customer.newBuilder(customer("c41", "cy@example.com", 30))
                .setEmailDuplicateKeys(List.of("vend-customer-c40")).build())).isEqualTo(WriteOutcome.CREATED);

        final String owner = project.direct.customers().withKey("vend-customer-c41").get().executeBlocking().getBody().getId();
        assertThat(order("INV-s40").getCustomerId()).isEqualTo(owner);
        assertThat(counts.ordersLinked()).isEqualTo(1);
    }

    @Test
    void shouldNameTheBuyerOnOrdersImportedBeforeItsCustomerExistedWhenTheCustomerIsWritten() {
        // The sale's last record came before the sink created its buyer: the order has the email only.
        writer.apply(Orders.sale("s20", 5, List.of(Orders.line("l1", "SKU-P", 1, 1000, 0)), List.of(),
                List.of(Orders.payment("s20-pay", "Cash", 1150))).setCustomerId("c20").setCustomerKey("vend-customer-c20")
                .setCustomerEmail("cy@example.com").build());
        writer.apply(Orders.sale("s21", 5, List.of(Orders.line("l1", "SKU-Q", 1, 1000, 0)), List.of(),
                List.of(Orders.payment("s21-pay", "Cash", 1150))).setCustomerId("c21").setCustomerKey("vend-customer-c21")
                .setCustomerEmail("di@example.com").build());
        assertThat(order("INV-s20").getCustomerId()).isNull();

        final io.vendsync.sink.customers.CustomerStatistics counts = new io.vendsync.sink.customers.CustomerStatistics();
        final var customers = customers(counts);
        assertThat(customers.apply(customer("c20", "cy@example.com", 30))).isEqualTo(WriteOutcome.CREATED);

        final String customerId = project.direct.customers().withKey("vend-customer-c20").get().executeBlocking().getBody().getId();
        assertThat(order("INV-s20").getCustomerId()).as("the customer's side names it on the order").isEqualTo(customerId);
        assertThat(order("INV-s20").getCustomerEmail()).isEqualTo("cy@example.com");
        assertThat(order("INV-s21").getCustomerId()).as("another Vend customer's order").isNull();
        assertThat(counts.ordersLinked()).isEqualTo(1);

        project.log.clear();
        assertThat(customers.apply(customer("c20", "cy@example.com", 30))).isEqualTo(WriteOutcome.UNCHANGED);
        assertThat(project.writes()).as("linked and marked: a replay writes nothing").isEmpty();
        assertThat(project.requests("GET", "/orders")).isEmpty();
    }

    @Test
    void shouldLinkTheOrdersOfACustomerWhoseLinkACrashCutShortOnceAndKeepThatOnTheCustomer() {
        writer.apply(Orders.sale("s24", 5, List.of(Orders.line("l1", "SKU-P", 1, 1000, 0)), List.of(),
                List.of(Orders.payment("s24-pay", "Cash", 1150))).setCustomerId("c24").setCustomerKey("vend-customer-c24")
                .setCustomerEmail("fay@example.com").build());
        // The customer was created by a sink that died before it looked for the customer's orders.
        final String customerId = customerIn("fay@example.com", "vend-customer-c24");
        assertThat(order("INV-s24").getCustomerId()).isNull();

        final io.vendsync.sink.customers.CustomerStatistics counts = new io.vendsync.sink.customers.CustomerStatistics();
        customers(counts).apply(customer("c24", "fay@example.com", 32));
        assertThat(order("INV-s24").getCustomerId()).isEqualTo(customerId);
        assertThat(counts.ordersLinked()).isEqualTo(1);

        project.log.clear();
        customers(counts).apply(customer("c24", "fay@example.com", 33)); // another process, after a restart
        assertThat(project.requests("GET", "/orders")).as("the customer carries that its orders are linked").isEmpty();
    }

    @Test
    void shouldNameTheBuyerOnEveryOrderWhenTheyFillMoreThanOnePage() {
        for (int n = 0; n < 55; n++) { // more than one page of the customer's unlinked orders
            writer.apply(Orders.sale("p" + n, 5, List.of(Orders.line("l1", "SKU-P", 1, 1000, 0)), List.of(),
                    List.of(Orders.payment("p" + n + "-pay", "Cash", 1150))).setCustomerId("c26").setCustomerKey("vend-customer-c26")
                    .setCustomerEmail("hal@example.com").build());
        }
        final io.vendsync.sink.customers.CustomerStatistics counts = new io.vendsync.sink.customers.CustomerStatistics();
        assertThat(customers(counts).apply(customer("c26", "hal@example.com", 50))).isEqualTo(WriteOutcome.CREATED);

        final String customerId = project.direct.customers().withKey("vend-customer-c26").get().executeBlocking().getBody().getId();
        assertThat(counts.ordersLinked()).isEqualTo(55);
        assertThat(order("INV-p0").getCustomerId()).isEqualTo(customerId);
        assertThat(order("INV-p54").getCustomerId()).isEqualTo(customerId);
    }

    @Test
    void shouldNeverReplaceTheBuyerAnOrderAlreadyNamesFromTheCustomersSide() {
        final String other = customerIn("someone@example.com", "vend-customer-c22");
        // Imported when vend-customer-c22 existed: the order names that customer (the Vend sale named c22 then).
        writer.apply(Orders.sale("s22", 5, List.of(Orders.line("l1", "SKU-P", 1, 1000, 0)), List.of(),
                List.of(Orders.payment("s22-pay", "Cash", 1150))).setCustomerId("c23").setCustomerKey("vend-customer-c22")
                .setCustomerEmail("someone@example.com").build());
        assertThat(order("INV-s22").getCustomerId()).isEqualTo(other);

        final io.vendsync.sink.customers.CustomerStatistics counts = new io.vendsync.sink.customers.CustomerStatistics();
        assertThat(customers(counts).apply(customer("c23", "eve@example.com", 31))).isEqualTo(WriteOutcome.CREATED);

        assertThat(order("INV-s22").getCustomerId()).isEqualTo(other);
        assertThat(counts.ordersLinked()).isZero();
    }

    @Test
    void shouldNotLookUpTheCustomerOfAWalkInSaleAgainWhenItsRecordIsAppliedAgain() {
        // A walk-in sale names Vend's walk-in customer by key, but the customer mapping gives it no email.
        final Order walkIn = Orders.sale("s13", 5, List.of(Orders.line("l1", "SKU-P", 1, 1000, 0)), List.of(),
                List.of(Orders.payment("s13-pay", "Cash", 1150))).setCustomerKey("vend-customer-walkin").build();
        writer.apply(walkIn);
        project.log.clear();

        assertThat(writer.apply(walkIn)).isEqualTo(WriteOutcome.UNCHANGED);

        assertThat(project.requests("GET", "/customers")).as("no buyer to link: no query").isEmpty();
    }

    @Test
    void shouldNeverChangeTheEmailAnOrderWasImportedWith() {
        writer.apply(Orders.sale("s11", 5, List.of(Orders.line("l1", "SKU-P", 1, 1000, 0)), List.of(),
                List.of(Orders.payment("s11-pay", "Cash", 1150))).setCustomerKey("vend-customer-c3").setCustomerEmail("old@example.com").build());
        project.log.clear();

        // The customer changed their email later: the mapper publishes the sale again, the order keeps what it was sold with.
        assertThat(writer.apply(Orders.sale("s11", 5, List.of(Orders.line("l1", "SKU-P", 1, 1000, 0)), List.of(),
                List.of(Orders.payment("s11-pay", "Cash", 1150))).setCustomerKey("vend-customer-c3").setCustomerEmail("new@example.com")
                .build())).isEqualTo(WriteOutcome.UNCHANGED);
        assertThat(project.writes()).isEmpty();
        assertThat(order("INV-s11").getCustomerEmail()).isEqualTo("old@example.com");
    }

    @Test
    void shouldNotLetAnOlderVersionOfASaleLinkABuyerOrTakeTheOrdersStateBack() {
        final Order closed = Orders.sale("s10", 9, List.of(Orders.line("l1", "SKU-P", 1, 10000, 0)), List.of(),
                List.of(Orders.payment("s10-pay", "Cash", 11500))).build();
        writer.apply(closed);
        project.log.clear();

        final Order olderWithBuyer = Orders.sale("s10", 5, List.of(Orders.line("l1", "SKU-P", 1, 10000, 0)), List.of(),
                List.of(Orders.payment("s10-pay", "Cash", 11500))).setOrderState("Open").setCustomerKey("vend-customer-c2")
                .setCustomerEmail("bo@example.com").build();

        assertThat(writer.apply(olderWithBuyer)).isEqualTo(WriteOutcome.SKIPPED_STALE);
        assertThat(project.writes()).isEmpty();
    }

    @Test
    void shouldUpdateOrderStateAndPaymentStateOfALaterVersionInsteadOfImportingAgain() {
        final Order layby = Orders.sale("s3", 5, List.of(Orders.line("l1", "SKU-P", 1, 10000, 0)), List.of(),
                List.of(Orders.payment("s3-deposit", "Cash", 2000))).setVendStatus("LAYBY").setOrderState("Open").build();
        assertThat(layby.getPaymentState()).isEqualTo("BalanceDue");
        writer.apply(layby);
        assertThat(order("INV-s3").getOrderState()).isEqualTo(OrderState.OPEN);
        project.log.clear();

        final Order closed = Orders.sale("s3", 9, List.of(Orders.line("l1", "SKU-P", 1, 10000, 0)), List.of(),
                List.of(Orders.payment("s3-deposit", "Cash", 2000), Orders.payment("s3-rest", "Credit Card", 9500)))
                .setVendStatus("LAYBY_CLOSED").build();
        assertThat(writer.apply(closed)).isEqualTo(WriteOutcome.UPDATED);

        final com.commercetools.api.models.order.Order order = order("INV-s3");
        assertThat(order.getOrderState()).isEqualTo(OrderState.COMPLETE);
        assertThat(order.getPaymentState()).isEqualTo(PaymentState.PAID);
        assertThat(OrderActions.paymentIdsOf(order)).hasSize(2);
        assertThat(OrderActions.sourceVersion(order)).isEqualTo(9L);
        assertThat(project.requests("POST", "/orders/import")).isEmpty();
        assertThat(payments("vend-payment-s3-deposit")).hasSize(1);
    }

    @Test
    void shouldMakeOneOrderWhenTwoAppliesOfOneSaleRace() throws Exception {
        final Order sale = cashSale("s4", 5);
        final ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            final CountDownLatch start = new CountDownLatch(1);
            final List<Future<WriteOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return writer.apply(sale);
                }));
            }
            start.countDown();
            final List<WriteOutcome> results = new ArrayList<>();
            for (final Future<WriteOutcome> outcome : outcomes) {
                results.add(outcome.get());
            }
            assertThat(results).containsExactlyInAnyOrder(WriteOutcome.CREATED, WriteOutcome.UNCHANGED);
        } finally {
            pool.shutdownNow();
        }
        assertThat(orders("INV-s4")).hasSize(1);
        assertThat(payments("vend-payment-s4-pay-1")).hasSize(1);
    }

    @Test
    void shouldReuseAPaymentCreatedBeforeACrashRatherThanCreateASecond() {
        final Order sale = cashSale("s5", 5);
        final Payment before = project.direct.payments().post(PaymentDrafts.draft(sale.getPayments().get(0), "NZD")).executeBlocking().getBody();

        writer.apply(sale);

        assertThat(payments("vend-payment-s5-pay-1")).extracting(Payment::getId).containsExactly(before.getId());
        assertThat(OrderActions.paymentIdsOf(order("INV-s5"))).containsExactly(before.getId());
    }

    @Test
    void shouldLinkThePaymentsOfAnOrderImportedJustBeforeACrash() {
        final Order sale = cashSale("s6", 5);
        // The import happened, the crash came before the payments were added (the mock keeps none from the import).
        project.direct.orders().importOrder().post(OrderDraftBuilder.draft(sale, OrderFields.ensureType(project.direct), null, List.of()))
                .executeBlocking();
        project.log.clear();

        assertThat(writer.apply(sale)).isEqualTo(WriteOutcome.UPDATED);

        assertThat(OrderActions.paymentIdsOf(order("INV-s6"))).hasSize(1);
        assertThat(project.requests("POST", "/orders/import")).isEmpty();
    }

    @Test
    void shouldWaitOnARetryTierForASkuTheCatalogHasNotCreatedYet() {
        final Order sale = Orders.sale("s7", 5, List.of(Orders.line("l1", "SKU-NEW", 1, 1000, 0)), List.of(), List.of()).build();

        assertThatThrownBy(() -> writer.apply(sale)).isInstanceOf(SinkWriteException.class)
                .satisfies(e -> assertThat(new FailureClassifier().classify(e).kind()).isEqualTo(Failure.Kind.TRANSIENT));
        assertThat(orders("INV-s7")).isEmpty();
    }

    @Test
    void shouldImportTheLineOfAProductDeletedInVendBeforeCommercetoolsHadItAsACustomLine() {
        // A backfilled sale of a product Vend deleted before vendsync ever created it: no variant will come.
        final OrderLine gone = OrderLine.newBuilder(Orders.line("l1", "SKU-GONE", 2, 1000, 0)).setProductDeleted(true).build();
        final Order sale = Orders.sale("s7d", 5, List.of(gone, Orders.line("l2", "SKU-Q", 1, 1000, 0)), List.of(),
                List.of(Orders.payment("s7d-pay-1", "Card", 3450))).build();

        assertThat(writer.apply(sale)).isEqualTo(WriteOutcome.CREATED);

        final com.commercetools.api.models.order.Order order = order("INV-s7d");
        assertThat(order.getLineItems()).extracting(item -> item.getVariant().getSku()).containsExactly("SKU-Q");
        assertThat(order.getCustomLineItems()).singleElement().satisfies(line -> {
            assertThat(line.getName().get("en")).isEqualTo("2 x SKU-GONE (deleted in Vend)");
            assertThat(line.getMoney().getCentAmount()).isEqualTo(2000L);
        });
        assertThat(order.getTotalPrice().getCentAmount()).isEqualTo(3000L);
    }

    @Test
    void shouldImportTheLineOfAnInactiveProductCommercetoolsHasNoVariantOfAsACustomLine() {
        // vendsync creates no variant of a product Vend marks inactive; its sale must not wait for one.
        final OrderLine off = OrderLine.newBuilder(Orders.line("l1", "SKU-OFF", 1, 1000, 0)).setProductInactive(true).build();
        final Order sale = Orders.sale("s7i", 5, List.of(off, Orders.line("l2", "SKU-Q", 1, 1000, 0)), List.of(),
                List.of(Orders.payment("s7i-pay-1", "Card", 2300))).build();

        assertThat(writer.apply(sale)).isEqualTo(WriteOutcome.CREATED);

        final com.commercetools.api.models.order.Order order = order("INV-s7i");
        assertThat(order.getLineItems()).extracting(item -> item.getVariant().getSku()).containsExactly("SKU-Q");
        assertThat(order.getCustomLineItems()).singleElement().satisfies(line -> {
            assertThat(line.getName().get("en")).isEqualTo("1 x SKU-OFF (inactive in Vend)");
            assertThat(line.getSlug()).isEqualTo("inactive-product-l1");
            assertThat(OrderDraftBuilder.isOffSaleProductLine(line, "SKU-OFF")).isTrue();
        });
    }

    @Test
    void shouldStillWaitForTheVariantOfALiveProductBesideADeletedOnesLine() {
        final OrderLine gone = OrderLine.newBuilder(Orders.line("l1", "SKU-GONE", 1, 1000, 0)).setProductDeleted(true).build();
        final Order sale = Orders.sale("s7e", 5, List.of(gone, Orders.line("l2", "SKU-NEW", 1, 1000, 0)), List.of(), List.of()).build();

        assertThatThrownBy(() -> writer.apply(sale)).isInstanceOf(SinkWriteException.class)
                .satisfies(e -> assertThat(new FailureClassifier().classify(e).kind()).isEqualTo(Failure.Kind.TRANSIENT));
        assertThat(orders("INV-s7e")).isEmpty();
    }

    @Test
    void shouldCancelTheOrderOfAVoidedSaleAndCreateNoneForASaleVoidedBeforeItWasOne() {
        writer.apply(cashSale("s8", 5));
        assertThat(writer.apply(Order.newBuilder(cashSale("s8", 6)).setVendStatus("VOIDED").setOrderState("Cancelled").build()))
                .isEqualTo(WriteOutcome.UPDATED);
        assertThat(order("INV-s8").getOrderState()).isEqualTo(OrderState.CANCELLED);

        project.log.clear();
        writer.apply(Order.newBuilder(cashSale("s9", 6)).setVendStatus("VOIDED").setOrderState("Cancelled").build());
        assertThat(project.writes()).isEmpty();
        assertThat(orders("INV-s9")).isEmpty();
    }

    @Test
    void shouldNeverImportAVendReturnAsAnOrderOfItsOwn() {
        final Order ret = Order.newBuilder(cashSale("s12", 5)).setReturnFor("s1").build();

        assertThat(writer.apply(ret)).isEqualTo(WriteOutcome.UNCHANGED);
        assertThat(project.writes()).isEmpty();
        assertThat(orders("INV-s12")).isEmpty();
    }

    @Test
    void shouldNumberTheOrderOfASaleWhoseInvoiceNumberAnotherSaleHoldsWithItsSaleIdAndNeverOverwriteTheOther() {
        writer.apply(cashSale("s10", 5));

        // Two registers without their own invoice prefix: Vend gave sale s11 the number of s10.
        final Order other = Order.newBuilder(cashSale("s11", 5)).setOrderNumber("INV-s10").build();
        assertThat(writer.apply(other)).isEqualTo(WriteOutcome.CREATED);

        assertThat(orders("INV-s10")).singleElement().satisfies(o -> assertThat(OrderActions.saleId(o)).isEqualTo("s10"));
        assertThat(orders("INV-s10-s11")).singleElement().satisfies(o -> assertThat(OrderActions.saleId(o)).isEqualTo("s11"));
        project.log.clear();
        assertThat(writer.apply(other)).as("found again under its own number").isEqualTo(WriteOutcome.UNCHANGED);
        assertThat(project.writes()).isEmpty();

        // Its return names the number the mapper gave the sale, and lands on the sale's own order.
        final ReturnWriter returns = new ReturnWriter(project.api);
        final Order ret = Order.newBuilder(Orders.ret("r11", "s11", 8, List.of(Orders.line("rl1", "SKU-Q", -1, 1000, 100)), List.of())
                .build()).setReturnForOrderNumber("INV-s10").build();
        assertThat(new io.vendsync.sink.write.WriterTemplate<>(returns, 3, statistics).apply(ret)).isEqualTo(WriteOutcome.UPDATED);
        assertThat(order("INV-s10-s11").getReturnInfo()).hasSize(1);
        assertThat(order("INV-s10").getReturnInfo()).isNullOrEmpty();

        // Should two orders hold one number (the mock allows it), the sale's own is found among them, never imported again.
        project.direct.orders().importOrder().post(OrderDraftBuilder.draft(Order.newBuilder(cashSale("s12", 5))
                .setOrderNumber("INV-s10").build(), OrderFields.ensureType(project.direct), null, List.of())).executeBlocking();
        assertThat(writer.apply(Order.newBuilder(cashSale("s12", 5)).setOrderNumber("INV-s10").build())).isNotEqualTo(WriteOutcome.CREATED);
        assertThat(orders("INV-s10-s12")).isEmpty();
    }
}
