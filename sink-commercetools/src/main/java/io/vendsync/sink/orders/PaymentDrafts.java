package io.vendsync.sink.orders;

import com.commercetools.api.models.common.LocalizedString;
import com.commercetools.api.models.common.Money;
import com.commercetools.api.models.payment.Payment;
import com.commercetools.api.models.payment.PaymentDraft;
import com.commercetools.api.models.payment.PaymentMethodInfoDraft;
import com.commercetools.api.models.payment.Transaction;
import com.commercetools.api.models.payment.TransactionDraft;
import com.commercetools.api.models.payment.TransactionState;
import com.commercetools.api.models.payment.TransactionType;
import io.vendsync.schemas.canonical.v1.OrderPayment;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The commercetools payment of one Vend payment: key {@code vend-payment-<Vend payment id>} (deterministic, so a payment
 * created before a crash is found again rather than created twice), one {@code Success} transaction: {@code Charge} for
 * a payment, {@code Refund} (positive amount) for a negative one, method from the Vend payment type.
 */
public final class PaymentDrafts {

    public static final String KEY_PREFIX = "vend-payment-";
    /**
     * The method {@code canonical.order.v1} gives the returned value of an exchange that paid for its new items: a refund
     * on the return, a charge on the new items' order, each a payment of its own.
     */
    public static final String EXCHANGE_CREDIT = "Exchange credit";
    /** The payment interface of every payment vendsync records: the money was taken by the Vend register. */
    public static final String INTERFACE = "vend-pos";

    private PaymentDrafts() {
    }

    /** The {@code interactionId} of the refund that records a Vend void on a payment. */
    public static String voidInteractionId(final String saleId) {
        return "vend-void-" + saleId;
    }

    /** What {@code payment} still holds: its successful charges less its refunds (negative for a payment of a refund). */
    static long held(final Payment payment) {
        long held = 0;
        for (final Transaction transaction : payment.getTransactions()) {
            if (transaction.getState() == TransactionState.SUCCESS) {
                held += transaction.getType() == TransactionType.CHARGE ? transaction.getAmount().getCentAmount()
                        : transaction.getType() == TransactionType.REFUND ? -transaction.getAmount().getCentAmount() : 0;
            }
        }
        return held;
    }

    /**
     * The refunds that record a Vend void on an order's payments (Vend deletes a voided sale's payments: the money went
     * back), by payment: what each still holds, but never more in all than the order holds (a return refunded on a
     * payment of its own, e.g. store credit, already gave part of it back). A payment that records the void already is
     * left out, so a replay, or a retry after a crash between two payments, refunds nothing twice.
     */
    public static Map<Payment, TransactionDraft> voidRefunds(final List<Payment> payments, final String saleId) {
        final List<Payment> open = payments.stream().filter(payment -> payment.getTransactions().stream()
                .noneMatch(t -> voidInteractionId(saleId).equals(t.getInteractionId()))).toList();
        long left = open.stream().mapToLong(PaymentDrafts::held).sum();
        final Map<Payment, TransactionDraft> refunds = new LinkedHashMap<>();
        for (final Payment payment : open) {
            final long refund = Math.min(held(payment), left);
            if (refund > 0) {
                refunds.put(payment, TransactionDraft.builder().type(TransactionType.REFUND)
                        .amount(Money.builder().currencyCode(payment.getAmountPlanned().getCurrencyCode()).centAmount(refund).build())
                        .state(TransactionState.SUCCESS).interactionId(voidInteractionId(saleId)).build());
                left -= refund;
            }
        }
        return refunds;
    }

    public static String key(final OrderPayment payment) {
        return KEY_PREFIX + payment.getPaymentId();
    }

    public static PaymentDraft draft(final OrderPayment payment, final String currency) {
        final long amount = payment.getAmount();
        return PaymentDraft.builder()
                .key(key(payment))
                .amountPlanned(Money.builder().currencyCode(currency).centAmount(Math.abs(amount)).build())
                .paymentMethodInfo(PaymentMethodInfoDraft.builder().paymentInterface(INTERFACE).method(payment.getMethod())
                        .name(LocalizedString.ofEnglish(payment.getMethod())).build())
                .transactions(transaction(payment, currency))
                .build();
    }

    /**
     * The {@code Success} transaction of a Vend payment: {@code Charge}, or {@code Refund} of the positive amount for a
     * negative one; {@code interactionId} the Vend payment id, which tells whether a refund is on a payment already.
     */
    public static TransactionDraft transaction(final OrderPayment payment, final String currency) {
        final long amount = payment.getAmount();
        final com.commercetools.api.models.payment.TransactionDraftBuilder transaction = TransactionDraft.builder()
                .type(amount < 0 ? TransactionType.REFUND : TransactionType.CHARGE)
                .amount(Money.builder().currencyCode(currency).centAmount(Math.abs(amount)).build())
                .state(TransactionState.SUCCESS)
                .interactionId(payment.getPaymentId());
        if (payment.getPaidAtMs() != null) {
            transaction.timestamp(Instant.ofEpochMilli(payment.getPaidAtMs()).atZone(ZoneOffset.UTC));
        }
        return transaction.build();
    }
}
