package io.vendsync.sink.orders;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.payment.Payment;
import com.commercetools.api.models.payment.PaymentAddTransactionAction;
import com.commercetools.api.models.payment.PaymentUpdate;
import com.commercetools.api.models.payment.TransactionDraft;
import io.vendsync.schemas.canonical.v1.OrderPayment;
import io.vendsync.sink.write.Attempt;
import java.util.List;
import java.util.Objects;

/** The payment requests of the order and return writers; every payment vendsync writes has a key made from a Vend payment id. */
final class PaymentRequests {

    private final ProjectApiRoot api;

    PaymentRequests(final ProjectApiRoot api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** The payment of a Vend payment, found by its deterministic key (so one created before a crash is reused) or created. */
    String findOrCreate(final OrderPayment payment, final String currency, final Attempt attempt) {
        final List<Payment> found = attempt.tag(api.payments().get().withWhere("key = :key").withPredicateVar("key", PaymentDrafts.key(payment))
                .withLimit(1)).executeBlocking().getBody().getResults();
        return found.isEmpty()
                ? attempt.tag(api.payments().post(PaymentDrafts.draft(payment, currency))).executeBlocking().getBody().getId()
                : found.get(0).getId();
    }

    /** The payment of a Vend payment by its key, or null. */
    Payment byKey(final OrderPayment payment, final Attempt attempt) {
        final List<Payment> found = attempt.tag(api.payments().get().withWhere("key = :key").withPredicateVar("key", PaymentDrafts.key(payment))
                .withLimit(1)).executeBlocking().getBody().getResults();
        return found.isEmpty() ? null : found.get(0);
    }

    /** The payments with these ids (an order has a handful). */
    List<Payment> byIds(final List<String> ids, final Attempt attempt) {
        return ids.stream().map(id -> attempt.tag(api.payments().withId(id).get()).executeBlocking().getBody()).toList();
    }

    /**
     * Records a Vend void on the order's payments vendsync made ({@link PaymentDrafts#voidRefunds}). An exchange credit is
     * left as it is: it moved value between two orders, and the return it came from stays on the original's order.
     */
    void recordVoid(final com.commercetools.api.models.order.Order order, final String saleId, final Attempt attempt) {
        final List<Payment> own = byIds(OrderActions.paymentIdsOf(order), attempt).stream()
                .filter(p -> p.getKey() != null && p.getKey().startsWith(PaymentDrafts.KEY_PREFIX))
                .filter(p -> p.getPaymentMethodInfo() == null || !PaymentDrafts.EXCHANGE_CREDIT.equals(p.getPaymentMethodInfo().getMethod()))
                .toList();
        PaymentDrafts.voidRefunds(own, saleId).forEach((payment, refund) -> addTransaction(payment, refund, attempt));
    }

    Payment addTransaction(final Payment payment, final TransactionDraft transaction, final Attempt attempt) {
        return attempt.tag(api.payments().withId(payment.getId()).post(PaymentUpdate.builder().version(payment.getVersion())
                .actions(PaymentAddTransactionAction.builder().transaction(transaction).build()).build())).executeBlocking().getBody();
    }
}
