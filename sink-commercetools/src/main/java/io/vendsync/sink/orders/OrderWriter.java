package io.vendsync.sink.orders;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.client.error.ConcurrentModificationException;
import com.commercetools.api.models.customer.Customer;
import com.commercetools.api.models.order.OrderUpdate;
import com.commercetools.api.models.order.OrderUpdateAction;
import com.commercetools.api.models.payment.Payment;
import com.commercetools.api.models.product.ProductProjection;
import io.vendsync.schemas.canonical.v1.Order;
import io.vendsync.schemas.canonical.v1.OrderLine;
import io.vendsync.schemas.canonical.v1.OrderPayment;
import io.vendsync.sink.SinkStatistics;
import io.vendsync.sink.internals.CanonicalWriter;
import io.vendsync.sink.internals.CommercetoolsClient;
import io.vendsync.sink.internals.MissingReferenceException;
import io.vendsync.sink.internals.SinkWriteException;
import io.vendsync.sink.internals.WriteOutcome;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Makes commercetools hold exactly one order per Vend sale, in the sale's latest state. The guarantee is the sink's own
 * (commercetools' mock does not enforce unique order numbers, and the record may be applied by the main loop and a
 * retry at once, replayed, or applied again after a kill -9 before its offset was committed):
 * <ol>
 *   <li>Records of one sale are applied one at a time (a lock per sale id in this writer, which both loops share).</li>
 *   <li>The order is looked up by {@code orderNumber} first; one found for another Vend sale is refused (permanent).</li>
 *   <li>None yet: each Vend payment's commercetools payment is found by its deterministic key or created (so one created
 *       before a crash is reused), every SKU must exist (else {@link MissingReferenceException}: the record waits on a
 *       retry tier for its product), and the order is imported with {@code inventoryMode None}; then the payments the
 *       import did not keep are added ({@code addPayment}). A voided sale without an order creates nothing.</li>
 *   <li>One exists: a replay (the order's {@code vendSourceVersion} at or above the record's) writes nothing unless a
 *       payment is missing (a crash between import and {@code addPayment}); a later version changes order state,
 *       payment state, payments and the version field. A 409 is re-read and rebuilt {@code maxConflictRetries} times.</li>
 * </ol>
 */
public final class OrderWriter implements CanonicalWriter<Order> {

    private final ProjectApiRoot api;
    private final String typeId;
    private final int maxConflictRetries;
    private final SinkStatistics statistics;
    private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();

    public OrderWriter(final ProjectApiRoot api, final String typeId, final int maxConflictRetries, final SinkStatistics statistics) {
        this.api = Objects.requireNonNull(api, "api");
        this.typeId = Objects.requireNonNull(typeId, "typeId");
        if (maxConflictRetries < 0) {
            throw new IllegalArgumentException("maxConflictRetries must be >= 0");
        }
        this.maxConflictRetries = maxConflictRetries;
        this.statistics = Objects.requireNonNull(statistics, "statistics");
    }

    /** A writer with the order Type ensured (created, or completed with missing fields). */
    public static OrderWriter of(final ProjectApiRoot api, final int maxConflictRetries, final SinkStatistics statistics) {
        return new OrderWriter(api, OrderFields.ensureType(api), maxConflictRetries, statistics);
    }

    @Override
    public String entity() {
        return "order";
    }

    @Override
    public long sourceVersion(final Order record) {
        return record.getSourceVersion();
    }

    @Override
    public String correlationId(final Order record) {
        return "order:" + record.getSaleId() + "@" + record.getSourceVersion();
    }

    @Override
    public WriteOutcome apply(final Order record) {
        final String correlationId = correlationId(record);
        // Interned per sale: the main loop and a retry applying the same sale wait for each other.
        final Object lock = locks.computeIfAbsent(record.getSaleId(), id -> new Object());
        try {
            final WriteOutcome outcome;
            synchronized (lock) {
                outcome = write(record, correlationId);
            }
            switch (outcome) {
                case CREATED -> statistics.incrementCreated();
                case UPDATED -> statistics.incrementUpdated();
                case SKIPPED_STALE -> statistics.incrementSkippedStale();
                default -> statistics.incrementUnchanged();
            }
            return outcome;
        } catch (SinkWriteException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SinkWriteException(correlationId, "cannot apply order: " + e.getMessage(), e);
        }
    }

    private WriteOutcome write(final Order record, final String correlationId) {
        ConcurrentModificationException lastConflict = null;
        boolean created = false;
        for (int attempt = 1; attempt <= maxConflictRetries + 1; attempt++) {
            com.commercetools.api.models.order.Order current = find(record, correlationId, attempt);
            if (current == null) {
                if ("Cancelled".equals(record.getOrderState())) {
                    return WriteOutcome.UNCHANGED; // voided before it was ever an order
                }
                requireSkus(record, correlationId, attempt);
                final List<String> paymentIds = payments(record, correlationId, attempt);
                current = CommercetoolsClient.tag(api.orders().importOrder().post(OrderDraftBuilder.draft(record, typeId,
                        customerId(record, correlationId, attempt), paymentIds)), correlationId, attempt).executeBlocking().getBody();
                created = true;
            }
            final long applied = OrderActions.sourceVersion(current);
            if (applied > record.getSourceVersion()) {
                return WriteOutcome.SKIPPED_STALE;
            }
            final boolean paymentsMissing = OrderActions.paymentIdsOf(current).size() < record.getPayments().size();
            if (applied == record.getSourceVersion() && !paymentsMissing) {
                return created ? WriteOutcome.CREATED : attempt == 1 ? WriteOutcome.UNCHANGED : WriteOutcome.UPDATED;
            }
            final List<String> paymentIds = paymentsMissing ? payments(record, correlationId, attempt) : OrderActions.paymentIdsOf(current);
            final List<OrderUpdateAction> actions = OrderActions.diff(current, record, paymentIds);
            if (actions.isEmpty()) {
                return created ? WriteOutcome.CREATED : WriteOutcome.UNCHANGED;
            }
            try {
                CommercetoolsClient.tag(api.orders().withId(current.getId()).post(OrderUpdate.builder().version(current.getVersion())
                        .actions(actions).build()), correlationId, attempt).executeBlocking();
                return created ? WriteOutcome.CREATED : WriteOutcome.UPDATED;
            } catch (ConcurrentModificationException e) {
                lastConflict = e;
                if (attempt <= maxConflictRetries) {
                    statistics.incrementConflictRetries();
                }
            }
        }
        throw new SinkWriteException(correlationId, "still conflicting (409 ConcurrentModification) after "
                + maxConflictRetries + " retries", lastConflict);
    }

    /**
     * The order with the record's number, by a where-query (the mock answers GET order-number=... with 400 once a number
     * is duplicated); one that belongs to another Vend sale is refused rather than overwritten.
     */
    private com.commercetools.api.models.order.Order find(final Order record, final String correlationId, final int attempt) {
        final List<com.commercetools.api.models.order.Order> found = CommercetoolsClient.tag(api.orders().get()
                        .withWhere("orderNumber = :number").withPredicateVar("number", record.getOrderNumber()).withLimit(2),
                correlationId, attempt).executeBlocking().getBody().getResults();
        if (found.isEmpty()) {
            return null;
        }
        final com.commercetools.api.models.order.Order order = found.get(0);
        final String saleId = OrderActions.saleId(order);
        if (found.size() > 1 || !record.getSaleId().equals(saleId)) {
            throw new SinkWriteException(correlationId, "order number '" + record.getOrderNumber() + "' is already taken by "
                    + (found.size() > 1 ? found.size() + " orders" : "order " + order.getId() + " of Vend sale " + saleId)
                    + "; set orders.number.source=sale-id if the registers share invoice numbers", null);
        }
        return order;
    }

    /** Each Vend payment's commercetools payment, found by its key or created; in the record's order. */
    private List<String> payments(final Order record, final String correlationId, final int attempt) {
        final List<String> ids = new ArrayList<>();
        for (final OrderPayment payment : record.getPayments()) {
            final String key = PaymentDrafts.key(payment);
            final List<Payment> found = CommercetoolsClient.tag(api.payments().get().withWhere("key = :key").withPredicateVar("key", key)
                    .withLimit(1), correlationId, attempt).executeBlocking().getBody().getResults();
            ids.add(found.isEmpty()
                    ? CommercetoolsClient.tag(api.payments().post(PaymentDrafts.draft(payment, record.getCurrency())), correlationId, attempt)
                            .executeBlocking().getBody().getId()
                    : found.get(0).getId());
        }
        return ids;
    }

    /** The buyer's commercetools customer by the key the customer mapping gives it, or null (the email is used then). */
    private String customerId(final Order record, final String correlationId, final int attempt) {
        if (record.getCustomerKey() == null) {
            return null;
        }
        final List<Customer> found = CommercetoolsClient.tag(api.customers().get().withWhere("key = :key")
                .withPredicateVar("key", record.getCustomerKey()).withLimit(1), correlationId, attempt).executeBlocking().getBody().getResults();
        return found.isEmpty() ? null : found.get(0).getId();
    }

    /** Every SKU of the order must be a commercetools variant; the catalog loop may not have created it yet. */
    private void requireSkus(final Order record, final String correlationId, final int attempt) {
        final LinkedHashSet<String> skus = new LinkedHashSet<>();
        record.getLines().forEach((OrderLine line) -> skus.add(line.getSku()));
        for (final String sku : skus) {
            final List<ProductProjection> found = CommercetoolsClient.tag(api.productProjections().get().withStaged(true)
                            .withWhere("masterVariant(sku = :sku) or variants(sku = :sku)").withPredicateVar("sku", sku).withLimit(1),
                    correlationId, attempt).executeBlocking().getBody().getResults();
            if (found.isEmpty()) {
                throw new SinkWriteException(correlationId, "no commercetools variant has SKU '" + sku + "' yet",
                        new MissingReferenceException(correlationId + ": no commercetools product has a variant with SKU '" + sku
                                + "'; the order waits until the catalog loop has created it"));
            }
        }
    }
}
