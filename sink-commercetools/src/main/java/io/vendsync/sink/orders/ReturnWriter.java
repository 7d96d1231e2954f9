package io.vendsync.sink.orders;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.order.Order;
import com.commercetools.api.models.order.OrderUpdateAction;
import com.commercetools.api.models.payment.Payment;
import com.commercetools.api.models.payment.Transaction;
import io.vendsync.schemas.canonical.v1.OrderPayment;
import io.vendsync.sink.internals.MissingReferenceException;
import io.vendsync.sink.write.Attempt;
import io.vendsync.sink.write.ResourceWriter;
import com.commercetools.api.models.product.ProductProjection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors a Vend return (a sale with {@code return_for}) onto its original's order; never imports it as an order.
 * <ol>
 *   <li>The original's order is found by {@code return_for_order_number} and must belong to sale {@code return_for}. None
 *       yet (the original is still on its way, or waits for a product): {@link MissingReferenceException}, so the return
 *       waits on a retry tier.</li>
 *   <li>Whether the return fits the order ({@link ReturnActions#checkReturnable}; a returned SKU no line item was sold
 *       with is looked up: the variant that carries it now, if the product's SKU changed since the sale). One that does
 *       not is refused for good before anything is written.</li>
 *   <li>Refunds, each idempotent by its Vend payment id: a refund of the method of one of the order's payments is a
 *       {@code Refund} transaction ({@code Success}, {@code interactionId} = the Vend refund id) on that payment; a refund
 *       of another method (store credit, say) is a payment of its own, key {@code vend-payment-<id>}, linked to the order.</li>
 *   <li>Then the return info ({@link ReturnActions}), once per return sale.</li>
 * </ol>
 * Replayed, each step finds its work done and nothing is written. The order's payment state is left as it is: {@code Paid}
 * stays {@code Paid} with the refunds recorded as transactions (commercetools has no refunded state, and the order's own
 * writer owns the payment state).
 */
public final class ReturnWriter implements ResourceWriter<io.vendsync.schemas.canonical.v1.Order, ReturnWriter.Current, OrderUpdateAction> {

    public static final String ENTITY = "return";

    private static final Logger LOG = LoggerFactory.getLogger(ReturnWriter.class);

    /**
     * The original's order, the payments of the return's refunds that must be linked to it, and the variants carrying
     * the returned SKUs its line items were not sold with.
     */
    public record Current(Order order, List<String> paymentIdsToLink, Map<String, ReturnActions.Variant> variantsBySku) {
        public Current {
            paymentIdsToLink = List.copyOf(paymentIdsToLink);
            variantsBySku = Map.copyOf(variantsBySku);
        }
    }

    private final OrderRequests orders;
    private final PaymentRequests payments;

    public ReturnWriter(final ProjectApiRoot api) {
        Objects.requireNonNull(api, "api");
        this.orders = new OrderRequests(api);
        this.payments = new PaymentRequests(api);
    }

    @Override
    public String entity() {
        return ENTITY;
    }

    @Override
    public String key(final io.vendsync.schemas.canonical.v1.Order record) {
        return record.getSaleId();
    }

    @Override
    public long sourceVersion(final io.vendsync.schemas.canonical.v1.Order record) {
        return record.getSourceVersion();
    }

    @Override
    public boolean absoluteState() {
        return false;
    }

    @Override
    public String skipReason(final io.vendsync.schemas.canonical.v1.Order record) {
        if (record.getReturnFor() == null) {
            return "Vend sale " + record.getSaleId() + " is not a return";
        }
        return "Cancelled".equals(record.getOrderState())
                ? "Vend return " + record.getSaleId() + " was " + (OrderFields.deletedNotVoided(record) ? "deleted" : "voided") + "; such a return adds"
                        + " nothing to order of sale " + record.getReturnFor()
                : null;
    }

    /** The original's order with the refunds recorded on its payments; null when there is no such order yet. */
    @Override
    public Current find(final io.vendsync.schemas.canonical.v1.Order record, final Attempt attempt) {
        final String number = record.getReturnForOrderNumber() == null ? record.getReturnFor() : record.getReturnForOrderNumber();
        final Order order = orders.ofSale(number, record.getReturnFor(), attempt).order();
        if (order == null) {
            return null;
        }
        final List<String> notSold = ReturnActions.skusNotSold(order, record);
        final Map<String, ReturnActions.Variant> variants = variantsNow(notSold, attempt);
        final List<String> unknown = notSold.stream().filter(sku -> !variants.containsKey(sku)).toList();
        if (!unknown.isEmpty() && !ReturnActions.hasReturn(order, ReturnActions.trackingId(record))) {
            // A SKU changed in Vend reaches the return before the catalog loop moves the variant's SKU: wait for it.
            throw new MissingReferenceException(attempt.correlationId() + ": Vend return " + record.getSaleId() + " returns SKU(s) "
                    + unknown + ", which no line item of order " + order.getOrderNumber() + " was sold with and no variant "
                    + "carries yet; the return waits on a retry tier");
        }
        ReturnActions.checkReturnable(order, record, variants);
        return new Current(order, refund(order, record, attempt), variants);
    }

    /** The variant that carries each SKU now (staged: vendsync writes staged data); a SKU no variant carries is left out. */
    private Map<String, ReturnActions.Variant> variantsNow(final List<String> skus, final Attempt attempt) {
        final Map<String, ReturnActions.Variant> found = new LinkedHashMap<>();
        for (final String sku : skus) {
            final ProductProjection product = orders.productOf(sku, attempt);
            if (product != null) {
                product.getAllVariants().stream().filter(variant -> sku.equals(variant.getSku())).findFirst()
                        .ifPresent(variant -> found.put(sku, new ReturnActions.Variant(product.getId(), variant.getId())));
            }
        }
        return found;
    }

    @Override
    public void create(final io.vendsync.schemas.canonical.v1.Order record, final Attempt attempt) {
        throw new MissingReferenceException(attempt.correlationId() + ": Vend return " + record.getSaleId() + " is of sale "
                + record.getReturnFor() + ", whose order (" + record.getReturnForOrderNumber() + ") is not in commercetools yet; "
                + "the return waits on a retry tier");
    }

    @Override
    public List<OrderUpdateAction> diff(final Current current, final io.vendsync.schemas.canonical.v1.Order record) {
        return ReturnActions.diff(current.order(), record, current.paymentIdsToLink(), current.variantsBySku());
    }

    @Override
    public long version(final Current current) {
        return current.order().getVersion();
    }

    @Override
    public long update(final Current current, final long version, final List<OrderUpdateAction> actions, final Attempt attempt) {
        return orders.update(current.order(), version, actions, attempt);
    }

    /** Records each refund (once); returns the ids of the payments of their own the order must link. */
    private List<String> refund(final Order order, final io.vendsync.schemas.canonical.v1.Order record, final Attempt attempt) {
        final List<String> toLink = new ArrayList<>();
        List<Payment> sold = null;
        for (final OrderPayment refund : record.getPayments()) {
            final Payment own = payments.byKey(refund, attempt);
            if (own != null) {
                toLink.add(own.getId());
                continue;
            }
            if (sold == null) {
                sold = payments.byIds(OrderActions.paymentIdsOf(order), attempt);
            }
            // An exchange credit is never a refund on a payment of that name: the original may itself be an exchange's new
            // items, paid by its own exchange credit, which this credit did not pay.
            final Payment original = refund.getAmount() < 0 && !PaymentDrafts.EXCHANGE_CREDIT.equals(refund.getMethod())
                    ? sameMethod(sold, refund) : null;
            if (original == null) {
                toLink.add(payments.findOrCreate(refund, record.getCurrency(), attempt));
            } else if (original.getTransactions().stream().map(Transaction::getInteractionId).noneMatch(refund.getPaymentId()::equals)) {
                final Payment updated = payments.addTransaction(original, PaymentDrafts.transaction(refund, record.getCurrency()), attempt);
                sold = sold.stream().map(p -> p.getId().equals(updated.getId()) ? updated : p).toList();
                LOG.debug("{}: refund {} recorded on payment {}", attempt.correlationId(), refund.getPaymentId(), original.getKey());
            }
        }
        return toLink;
    }

    /** The order's payment vendsync made of a Vend payment of the refund's method, or null. */
    private static Payment sameMethod(final List<Payment> sold, final OrderPayment refund) {
        return sold.stream().filter(p -> p.getKey() != null && p.getKey().startsWith(PaymentDrafts.KEY_PREFIX))
                .filter(p -> p.getPaymentMethodInfo() != null && refund.getMethod().equals(p.getPaymentMethodInfo().getMethod()))
                .findFirst().orElse(null);
    }
}
