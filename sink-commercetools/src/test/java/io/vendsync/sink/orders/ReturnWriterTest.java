package io.vendsync.sink.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercetools.api.models.order.LineItemReturnItem;
import com.commercetools.api.models.order.OrderState;
import com.commercetools.api.models.order.PaymentState;
import com.commercetools.api.models.order.ReturnInfo;
import com.commercetools.api.models.order.ReturnItem;
import com.commercetools.api.models.payment.Payment;
import com.commercetools.api.models.payment.Transaction;
import com.commercetools.api.models.payment.TransactionState;
import com.commercetools.api.models.payment.TransactionType;
import io.vendsync.schemas.canonical.v1.Order;
import io.vendsync.schemas.canonical.v1.OrderCustomLine;
import io.vendsync.schemas.canonical.v1.OrderLine;
import io.vendsync.sink.SinkStatistics;
import io.vendsync.sink.internals.Failure;
import io.vendsync.sink.internals.FailureClassifier;
import io.vendsync.sink.internals.MockProject;
import io.vendsync.sink.internals.SinkWriteException;
import io.vendsync.sink.internals.WriteOutcome;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue #13 against the mock: returns, refunds, voids and gift cards on the original commercetools order, each once. */
class ReturnWriterTest {

    private MockProject project;
    private OrderEventsWriter writer;

    @BeforeEach
    void setUp() {
        project = new MockProject();
        writer = OrderEventsWriter.of(project.api, 3, new SinkStatistics());
        Orders.product(project, "SKU-P");
        Orders.product(project, "SKU-Q");
        project.log.clear();
    }

    @AfterEach
    void tearDown() {
        project.close();
    }

    /** A closed sale of 3 x SKU-P and 1 x SKU-Q at 10.00 + 15 % GST, paid 46.00 by card; imported. */
    private void sold(final String saleId) {
        assertThat(writer.apply(Orders.sale(saleId, 5, List.of(Orders.line("l1", "SKU-P", 3, 1000, 0), Orders.line("l2", "SKU-Q", 1, 1000, 0)),
                List.of(), List.of(Orders.payment(saleId + "-pay-1", "Credit Card", 4600))).build())).isEqualTo(WriteOutcome.CREATED);
        project.log.clear();
    }

    private com.commercetools.api.models.order.Order order(final String saleId) {
        return Orders.onlyNumbered(project, "INV-" + saleId);
    }

    /** Units returned per SKU over all the order's return info. */
    private static Map<String, Long> returnedBySku(final com.commercetools.api.models.order.Order order) {
        final Map<String, String> skuOfLine = order.getLineItems().stream()
                .collect(Collectors.toMap(l -> l.getId(), l -> l.getVariant().getSku()));
        return order.getReturnInfo().stream().flatMap(info -> info.getItems().stream())
                .collect(Collectors.groupingBy(item -> skuOfLine.get(((LineItemReturnItem) item).getLineItemId()),
                        Collectors.summingLong(ReturnItem::getQuantity)));
    }

    private Payment payment(final String vendPaymentId) {
        final List<Payment> found = Orders.paymentsKeyed(project, PaymentDrafts.KEY_PREFIX + vendPaymentId);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    void shouldAddAPartialReturnToTheOriginalOrderOnceWithItsDateAndVendReturnId() {
        sold("s1");
        final Order ret = Orders.ret("r1", "s1", 8, List.of(Orders.line("rl1", "SKU-P", -1, 1000, 0)),
                List.of(Orders.payment("r1-refund", "Credit Card", -1150))).build();

        assertThat(writer.apply(ret)).isEqualTo(WriteOutcome.UPDATED);

        final com.commercetools.api.models.order.Order order = order("s1");
        assertThat(order.getReturnInfo()).singleElement().satisfies(info -> {
            assertThat(info.getReturnTrackingId()).isEqualTo("vend-return-r1");
            assertThat(info.getReturnDate().toInstant().toEpochMilli()).isEqualTo(1_790_100_000_000L);
            assertThat(info.getItems()).singleElement().satisfies(item -> assertThat(item.getShipmentState().getJsonName()).isEqualTo("Returned"));
        });
        assertThat(returnedBySku(order)).containsExactly(Map.entry("SKU-P", 1L));
        assertThat(Orders.numbered(project, "INV-r1")).isEmpty(); // never an order of its own
        assertThat(project.requests("POST", "/orders/import")).isEmpty();

        project.log.clear();
        assertThat(writer.apply(ret)).isEqualTo(WriteOutcome.UNCHANGED); // a replay or duplicate
        assertThat(project.writes()).isEmpty();
        assertThat(order("s1").getReturnInfo()).hasSize(1);
    }

    @Test
    void shouldReturnWhatALineItemHoldsAndLinkTheRefundOfAProductDeletedBeforeCommercetoolsHadIt() {
        // Sold with a product Vend deleted before vendsync created it (imported as a custom line), and one of SKU-Q.
        final OrderLine gone = OrderLine.newBuilder(Orders.line("l1", "SKU-GONE", 1, 1000, 0)).setProductDeleted(true).build();
        assertThat(writer.apply(Orders.sale("s1d", 5, List.of(gone, Orders.line("l2", "SKU-Q", 1, 1000, 0)), List.of(),
                List.of(Orders.payment("s1d-pay-1", "Credit Card", 2300))).build())).isEqualTo(WriteOutcome.CREATED);

        final OrderLine goneBack = OrderLine.newBuilder(Orders.line("rl1", "SKU-GONE", -1, 1000, 0)).setProductDeleted(true).build();
        assertThat(writer.apply(Orders.ret("r1d", "s1d", 8, List.of(goneBack, Orders.line("rl2", "SKU-Q", -1, 1000, 0)),
                List.of(Orders.payment("r1d-refund", "Cash", -2300))).build())).isEqualTo(WriteOutcome.UPDATED);

        final com.commercetools.api.models.order.Order order = order("s1d");
        assertThat(returnedBySku(order)).as("no line item to return for the deleted product's line").containsExactly(Map.entry("SKU-Q", 1L));
        assertThat(order.getPaymentInfo().getPayments()).as("the refund is linked").hasSize(2);
    }

    @Test
    void shouldAddUpTwoPartialReturnsOfOneSaleAndRefuseAThirdBeyondWhatIsLeft() {
        sold("s2");
        writer.apply(Orders.ret("r2a", "s2", 8, List.of(Orders.line("rl1", "SKU-P", -2, 1000, 0)),
                List.of(Orders.payment("r2a-refund", "Credit Card", -2300))).build());
        writer.apply(Orders.ret("r2b", "s2", 9, List.of(Orders.line("rl1", "SKU-P", -1, 1000, 0), Orders.line("rl2", "SKU-Q", -1, 1000, 0)),
                List.of(Orders.payment("r2b-refund", "Credit Card", -2300))).build());

        final com.commercetools.api.models.order.Order order = order("s2");
        assertThat(order.getReturnInfo()).extracting(ReturnInfo::getReturnTrackingId).containsExactly("vend-return-r2a", "vend-return-r2b");
        assertThat(returnedBySku(order)).containsOnly(Map.entry("SKU-P", 3L), Map.entry("SKU-Q", 1L));

        final Order third = Orders.ret("r2c", "s2", 10, List.of(Orders.line("rl1", "SKU-P", -1, 1000, 0)),
                List.of(Orders.payment("r2c-credit", "Store Credit", -1150))).build();
        assertThatThrownBy(() -> writer.apply(third)).isInstanceOf(SinkWriteException.class).hasMessageContaining("only 0 of them left")
                .satisfies(e -> assertThat(new FailureClassifier().classify(e).kind()).isEqualTo(Failure.Kind.PERMANENT));
        assertThat(order("s2").getReturnInfo()).hasSize(2);
        assertThat(Orders.paymentsKeyed(project, PaymentDrafts.KEY_PREFIX + "r2c-credit"))
                .as("a return refused for good leaves no refund behind").isEmpty();
    }

    @Test
    void shouldWaitForTheCatalogWhenNoVariantCarriesAReturnedSkuYet() {
        sold("s2w");
        // The product's SKU changed in Vend; the catalog loop has not moved the variant's SKU yet.
        final Order ret = Orders.ret("r2w", "s2w", 8, List.of(Orders.line("rl1", "SKU-P-NEW", -1, 1000, 0)),
                List.of(Orders.payment("r2w-credit", "Store Credit", -1150))).build();

        assertThatThrownBy(() -> writer.apply(ret)).isInstanceOf(SinkWriteException.class)
                .satisfies(e -> assertThat(new FailureClassifier().classify(e).kind()).isEqualTo(Failure.Kind.TRANSIENT));
        assertThat(Orders.paymentsKeyed(project, PaymentDrafts.KEY_PREFIX + "r2w-credit")).isEmpty();
    }

    @Test
    void shouldReturnTheLineItemOfTheVariantThatCarriesTheReturnedSkuNowWhenItsSkuChangedSinceTheSale() {
        sold("s2s");
        final com.commercetools.api.models.order.Order order = order("s2s");
        final com.commercetools.api.models.cart.LineItem p = order.getLineItems().stream()
                .filter(line -> "SKU-P".equals(line.getVariant().getSku())).findFirst().orElseThrow();
        // Vend's product got SKU-P2 after the sale; vendsync moved the variant's SKU with it (setSku), the line item kept SKU-P.
        final Order ret = Orders.ret("r2s", "s2s", 8, List.of(Orders.line("rl1", "SKU-P2", -2, 1000, 0)), List.of()).build();

        assertThat(ReturnActions.skusNotSold(order, ret)).containsExactly("SKU-P2");
        assertThatThrownBy(() -> ReturnActions.diff(order, ret, List.of())).isInstanceOf(ReturnActions.ReturnExceedsOrderException.class);
        final List<com.commercetools.api.models.order.OrderUpdateAction> actions = ReturnActions.diff(order, ret, List.of(),
                Map.of("SKU-P2", new ReturnActions.Variant(p.getProductId(), p.getVariant().getId())));
        assertThat(actions).singleElement().satisfies(action -> assertThat(
                ((com.commercetools.api.models.order.OrderAddReturnInfoAction) action).getItems()).singleElement().satisfies(item -> {
                    assertThat(item.getLineItemId()).isEqualTo(p.getId());
                    assertThat(item.getQuantity()).isEqualTo(2L);
                }));
    }

    @Test
    void shouldRecordAFullRefundAsARefundTransactionOnTheOriginalPaymentOnceAndKeepTheOrderPaid() {
        sold("s3");
        final Order ret = Orders.ret("r3", "s3", 8, List.of(Orders.line("rl1", "SKU-P", -3, 1000, 0), Orders.line("rl2", "SKU-Q", -1, 1000, 0)),
                List.of(Orders.payment("r3-refund", "Credit Card", -4600))).build();

        writer.apply(ret);
        writer.apply(ret);

        final Payment card = payment("s3-pay-1");
        assertThat(card.getTransactions()).extracting(Transaction::getType, t -> t.getAmount().getCentAmount(), Transaction::getState,
                Transaction::getInteractionId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(TransactionType.CHARGE, 4600L, TransactionState.SUCCESS, "s3-pay-1"),
                org.assertj.core.groups.Tuple.tuple(TransactionType.REFUND, 4600L, TransactionState.SUCCESS, "r3-refund"));
        final com.commercetools.api.models.order.Order order = order("s3");
        assertThat(OrderActions.paymentIdsOf(order)).containsExactly(card.getId()); // no payment of its own for a same-method refund
        assertThat(order.getPaymentState()).isEqualTo(PaymentState.PAID);
        assertThat(order.getOrderState()).isEqualTo(OrderState.COMPLETE);
        assertThat(returnedBySku(order)).containsOnly(Map.entry("SKU-P", 3L), Map.entry("SKU-Q", 1L));
    }

    @Test
    void shouldRecordARefundToAnotherPaymentMethodAsANewPaymentLinkedToTheOrder() {
        sold("s4");
        final Order ret = Orders.ret("r4", "s4", 8, List.of(Orders.line("rl1", "SKU-Q", -1, 1000, 0)),
                List.of(Orders.payment("r4-credit", "Store Credit", -1150))).build();

        writer.apply(ret);
        writer.apply(ret);

        final Payment credit = payment("r4-credit");
        assertThat(credit.getPaymentMethodInfo().getMethod()).isEqualTo("Store Credit");
        assertThat(credit.getTransactions()).singleElement().satisfies(t -> {
            assertThat(t.getType()).isEqualTo(TransactionType.REFUND);
            assertThat(t.getAmount().getCentAmount()).isEqualTo(1150L);
        });
        assertThat(payment("s4-pay-1").getTransactions()).extracting(Transaction::getType).containsExactly(TransactionType.CHARGE);
        assertThat(OrderActions.paymentIdsOf(order("s4"))).containsExactlyInAnyOrder(payment("s4-pay-1").getId(), credit.getId());
    }

    @Test
    void shouldMirrorAnExchangeAsAReturnOnTheOriginalAndAnOrderOfItsNewItemsEachBalancedByTheExchangeCredit() {
        sold("s7");
        // The mapper's two records of exchange x7: 1 x SKU-P back, 2 x SKU-Q out, 11.50 paid by card at the till.
        final Order returned = Orders.ret("x7", "s7", 8, List.of(Orders.line("xl1", "SKU-P", -1, 1000, 0)),
                List.of(Orders.payment("x7-exchange-refund", "Exchange credit", -1150))).build();
        final Order bought = Orders.sale("x7", 8, List.of(Orders.line("xl2", "SKU-Q", 2, 1000, 0)), List.of(),
                List.of(Orders.payment("x7-pay-1", "Credit Card", 1150), Orders.payment("x7-exchange-credit", "Exchange credit", 1150)))
                .setExchangeFor("s7").build();

        for (int replay = 0; replay < 2; replay++) {
            writer.apply(returned);
            assertThat(writer.apply(bought)).isIn(WriteOutcome.CREATED, WriteOutcome.UNCHANGED);
        }

        final com.commercetools.api.models.order.Order original = order("s7");
        assertThat(returnedBySku(original)).containsOnly(Map.entry("SKU-P", 1L));
        final Payment refund = payment("x7-exchange-refund");
        assertThat(refund.getTransactions()).extracting(Transaction::getType, t -> t.getAmount().getCentAmount())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(TransactionType.REFUND, 1150L));
        assertThat(OrderActions.paymentIdsOf(original)).contains(refund.getId());

        final com.commercetools.api.models.order.Order exchange = order("x7");
        assertThat(exchange.getLineItems()).singleElement().satisfies(line -> {
            assertThat(line.getVariant().getSku()).isEqualTo("SKU-Q");
            assertThat(line.getQuantity()).isEqualTo(2L);
        });
        assertThat(exchange.getPaymentState()).isEqualTo(PaymentState.PAID);
        assertThat(OrderActions.paymentIdsOf(exchange)).containsExactlyInAnyOrder(payment("x7-pay-1").getId(),
                payment("x7-exchange-credit").getId());
        assertThat(exchange.getCustom().getFields().values()).containsEntry(OrderFields.EXCHANGE_FOR, "s7");
    }

    @Test
    void shouldGiveTheCreditOfAnExchangeOfAnExchangesNewItemsAPaymentOfItsOwnNotARefundOnTheFirstCredit() {
        sold("s8");
        writer.apply(Orders.ret("x8", "s8", 8, List.of(Orders.line("xl1", "SKU-P", -1, 1000, 0)),
                List.of(Orders.payment("x8-exchange-refund", "Exchange credit", -1150))).build());
        writer.apply(Orders.sale("x8", 8, List.of(Orders.line("xl2", "SKU-Q", 1, 1000, 0)), List.of(),
                List.of(Orders.payment("x8-exchange-credit", "Exchange credit", 1150))).setExchangeFor("s8").build());
        // The new item is exchanged in turn, for another SKU-P.
        final Order again = Orders.ret("y8", "x8", 9, List.of(Orders.line("yl1", "SKU-Q", -1, 1000, 0)),
                List.of(Orders.payment("y8-exchange-refund", "Exchange credit", -1150))).setReturnForOrderNumber("INV-x8").build();

        writer.apply(again);

        assertThat(payment("x8-exchange-credit").getTransactions()).extracting(Transaction::getType).containsExactly(TransactionType.CHARGE);
        assertThat(payment("y8-exchange-refund").getTransactions()).extracting(Transaction::getType).containsExactly(TransactionType.REFUND);
        assertThat(OrderActions.paymentIdsOf(order("x8"))).containsExactlyInAnyOrder(payment("x8-exchange-credit").getId(),
                payment("y8-exchange-refund").getId());
    }

    @Test
    void shouldRecordTheRefundOnceWhenTheSinkDiesBetweenTheRefundAndTheReturnInfo() {
        sold("s5");
        final Order ret = Orders.ret("r5", "s5", 8, List.of(Orders.line("rl1", "SKU-P", -1, 1000, 0)),
                List.of(Orders.payment("r5-refund", "Credit Card", -1150))).build();
        final var returns = new io.vendsync.sink.write.WriterTemplate<>(new ReturnWriter(project.api), 0, new SinkStatistics());
        returns.beforeUpdateForTests(current -> {
            throw new IllegalStateException("killed before the order update");
        });
        assertThatThrownBy(() -> returns.apply(ret)).isInstanceOf(SinkWriteException.class);

        writer.apply(ret);

        assertThat(payment("s5-pay-1").getTransactions()).extracting(Transaction::getType).containsExactly(TransactionType.CHARGE,
                TransactionType.REFUND);
        assertThat(order("s5").getReturnInfo()).singleElement().satisfies(info -> assertThat(info.getReturnTrackingId()).isEqualTo("vend-return-r5"));
    }

    @Test
    void shouldWaitOnARetryTierForAReturnOfAnUnknownOriginal() {
        final Order ret = Orders.ret("r6", "s6", 8, List.of(Orders.line("rl1", "SKU-P", -1, 1000, 0)),
                List.of(Orders.payment("r6-refund", "Credit Card", -1150))).build();

        assertThatThrownBy(() -> writer.apply(ret)).isInstanceOf(SinkWriteException.class).hasMessageContaining("not in commercetools yet")
                .satisfies(e -> assertThat(new FailureClassifier().classify(e).kind()).isEqualTo(Failure.Kind.TRANSIENT));
        assertThat(project.writes()).isEmpty();

        sold("s6"); // the original arrives (or is backfilled): the retry then mirrors the return
        writer.apply(ret);
        assertThat(returnedBySku(order("s6"))).containsExactly(Map.entry("SKU-P", 1L));
    }

    @Test
    void shouldCancelTheOrderOfASaleVoidedAfterItClosedAndRecordWhy() {
        sold("s7");
        final Order voided = Orders.sale("s7", 9, List.of(Orders.line("l1", "SKU-P", 3, 1000, 0), Orders.line("l2", "SKU-Q", 1, 1000, 0)),
                List.of(), List.of()).setVendStatus("VOIDED").setVendState("voided").setOrderState("Cancelled").build();

        assertThat(writer.apply(voided)).isEqualTo(WriteOutcome.UPDATED);

        final com.commercetools.api.models.order.Order order = order("s7");
        assertThat(order.getOrderState()).isEqualTo(OrderState.CANCELLED);
        assertThat(order.getCustom().getFields().values().get(OrderFields.CANCEL_REASON)).asString().contains("Voided in Vend").contains("VOIDED");
        assertThat(order.getCustom().getFields().values()).containsEntry(OrderFields.STATUS, "VOIDED");
        // Vend deleted the sale's payments (the record has none, so it reads BalanceDue): the money went back. The order
        // keeps its payment state, and the card payment its charge, with the refund beside it.
        assertThat(voided.getPaymentState()).isEqualTo("BalanceDue");
        assertThat(order.getPaymentState()).isEqualTo(PaymentState.PAID);
        assertThat(payment("s7-pay-1").getTransactions()).extracting(Transaction::getType, t -> t.getAmount().getCentAmount(),
                Transaction::getInteractionId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(TransactionType.CHARGE, 4600L, "s7-pay-1"),
                org.assertj.core.groups.Tuple.tuple(TransactionType.REFUND, 4600L, "vend-void-s7"));

        writer.apply(voided); // a replay refunds nothing twice
        assertThat(payment("s7-pay-1").getTransactions()).hasSize(2);
    }

    @Test
    void shouldCancelTheOrderOfASaleVendDeletedAndLeaveItsPaymentsAsRecorded() {
        sold("s7d");
        // Vend lists the deleted sale still, CLOSED and with its payments: nothing says the money went back.
        final Order deleted = Orders.sale("s7d", 9, List.of(Orders.line("l1", "SKU-P", 3, 1000, 0), Orders.line("l2", "SKU-Q", 1, 1000, 0)),
                List.of(), List.of(Orders.payment("s7d-pay-1", "Credit Card", 4600))).setOrderState("Cancelled").setVendDeleted(true).build();

        assertThat(writer.apply(deleted)).isEqualTo(WriteOutcome.UPDATED);

        final com.commercetools.api.models.order.Order order = order("s7d");
        assertThat(order.getOrderState()).isEqualTo(OrderState.CANCELLED);
        assertThat(order.getCustom().getFields().values().get(OrderFields.CANCEL_REASON)).asString().contains("Deleted in Vend")
                .contains("CLOSED").doesNotContain("Voided");
        assertThat(order.getPaymentState()).isEqualTo(PaymentState.PAID);
        assertThat(payment("s7d-pay-1").getTransactions()).extracting(Transaction::getType).containsExactly(TransactionType.CHARGE);
    }

    @Test
    void shouldRefundASaleVoidedAndThenDeletedSinceItWasVoided() {
        sold("s7v");
        // The void and the deletion reached the sink as one record (one poll saw both): the money still went back.
        final Order voidedThenDeleted = Orders.sale("s7v", 10, List.of(Orders.line("l1", "SKU-P", 3, 1000, 0),
                Orders.line("l2", "SKU-Q", 1, 1000, 0)), List.of(), List.of()).setVendStatus("VOIDED").setVendState("voided")
                .setOrderState("Cancelled").setVendDeleted(true).build();

        writer.apply(voidedThenDeleted);

        assertThat(order("s7v").getCustom().getFields().values().get(OrderFields.CANCEL_REASON)).asString().contains("Voided in Vend");
        assertThat(payment("s7v-pay-1").getTransactions()).extracting(Transaction::getType)
                .containsExactly(TransactionType.CHARGE, TransactionType.REFUND);
    }

    @Test
    void shouldRefundOnAVoidOnlyWhatTheOrderStillHoldsAndNeverAnExchangeCredit() {
        sold("s9");
        // A return refunded in store credit (a payment of its own), then the sale is voided.
        writer.apply(Orders.ret("r9", "s9", 8, List.of(Orders.line("rl1", "SKU-Q", -1, 1000, 0)),
                List.of(Orders.payment("r9-credit", "Store Credit", -1150))).build());
        writer.apply(Orders.sale("s9", 9, List.of(Orders.line("l1", "SKU-P", 3, 1000, 0), Orders.line("l2", "SKU-Q", 1, 1000, 0)),
                List.of(), List.of()).setVendStatus("VOIDED").setVendState("voided").setOrderState("Cancelled").build());

        assertThat(payment("s9-pay-1").getTransactions()).extracting(Transaction::getType, t -> t.getAmount().getCentAmount())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(TransactionType.CHARGE, 4600L),
                        org.assertj.core.groups.Tuple.tuple(TransactionType.REFUND, 3450L));

        // An exchange's new items, voided: the card payment is refunded, the exchange credit is not (its return stays).
        writer.apply(Orders.sale("x9", 8, List.of(Orders.line("xl2", "SKU-Q", 2, 1000, 0)), List.of(),
                List.of(Orders.payment("x9-pay-1", "Credit Card", 1150), Orders.payment("x9-exchange-credit", "Exchange credit", 1150)))
                .setExchangeFor("s9").build());
        writer.apply(Orders.sale("x9", 9, List.of(Orders.line("xl2", "SKU-Q", 2, 1000, 0)), List.of(), List.of()).setExchangeFor("s9")
                .setVendStatus("VOIDED").setVendState("voided").setOrderState("Cancelled").build());
        assertThat(payment("x9-pay-1").getTransactions()).extracting(Transaction::getType).containsExactly(TransactionType.CHARGE,
                TransactionType.REFUND);
        assertThat(payment("x9-exchange-credit").getTransactions()).extracting(Transaction::getType).containsExactly(TransactionType.CHARGE);
    }

    @Test
    void shouldCreateNothingForASaleVoidedBeforeItClosed() {
        final Order voided = Orders.sale("s8", 9, List.of(Orders.line("l1", "SKU-P", 1, 1000, 0)), List.of(),
                List.of(Orders.payment("s8-deposit", "Cash", 200))).setVendStatus("VOIDED").setVendState("voided").setOrderState("Cancelled").build();

        writer.apply(voided);

        assertThat(project.writes()).isEmpty();
        assertThat(Orders.numbered(project, "INV-s8")).isEmpty();
        assertThat(Orders.paymentsKeyed(project, "vend-payment-s8-deposit")).isEmpty();
    }

    @Test
    void shouldImportAGiftCardSoldAsACustomLineItemNeverACatalogueLine() {
        final OrderCustomLine giftCard = OrderCustomLine.newBuilder().setKey("l9").setKind("GIFT_CARD").setName("Gift card ****1234")
                .setTotalNet(5000).setTotalTax(0).setTotalGross(5000)
                .setTax(io.vendsync.schemas.canonical.v1.OrderTax.newBuilder().setTaxId(null).setName("No Tax").setRate("0")
                        .setComponents(List.of()).build()).build();
        writer.apply(Orders.sale("s9", 5, List.of(Orders.line("l1", "SKU-P", 1, 1000, 0)), List.of(giftCard),
                List.of(Orders.payment("s9-pay-1", "Cash", 6150))).build());

        final com.commercetools.api.models.order.Order order = order("s9");
        assertThat(order.getLineItems()).extracting(l -> l.getVariant().getSku()).containsExactly("SKU-P");
        assertThat(order.getCustomLineItems()).singleElement().satisfies(line -> {
            assertThat(line.getName().get("en")).isEqualTo("Gift card ****1234");
            assertThat(line.getSlug()).isEqualTo("gift_card-l9");
            assertThat(line.getMoney().getCentAmount()).isEqualTo(5000L);
        });
    }

    @Test
    void shouldRecordAGiftCardRedemptionAsAPaymentWithTheGiftcardMethod() {
        writer.apply(Orders.sale("s10", 5, List.of(Orders.line("l1", "SKU-P", 2, 1000, 0)), List.of(),
                List.of(Orders.payment("s10-gift", "giftcard", 1500), Orders.payment("s10-cash", "Cash", 800))).build());

        assertThat(payment("s10-gift").getPaymentMethodInfo().getMethod()).isEqualTo("giftcard");
        assertThat(payment("s10-gift").getTransactions()).singleElement()
                .satisfies(t -> assertThat(t.getType()).isEqualTo(TransactionType.CHARGE));
        assertThat(OrderActions.paymentIdsOf(order("s10"))).hasSize(2);
        assertThat(order("s10").getPaymentState()).isEqualTo(PaymentState.PAID);
    }
}
