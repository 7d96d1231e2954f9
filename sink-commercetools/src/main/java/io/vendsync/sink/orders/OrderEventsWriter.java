package io.vendsync.sink.orders;

import com.commercetools.api.client.ProjectApiRoot;
import io.vendsync.schemas.canonical.v1.Order;
import io.vendsync.sink.SinkStatistics;
import io.vendsync.sink.internals.CanonicalWriter;
import io.vendsync.sink.internals.Prefetch;
import io.vendsync.sink.internals.WriteOutcome;
import io.vendsync.sink.write.WriterTemplate;
import java.util.Objects;

/**
 * The writer of {@code canonical.order.v1}: a sale goes to the {@link OrderWriter} (one order per sale), a return
 * ({@code return_for} set) to the {@link ReturnWriter} (onto its original's order). Both count into one statistics.
 */
public final class OrderEventsWriter implements CanonicalWriter<Order> {

    private final WriterTemplate<Order, CurrentOrder, com.commercetools.api.models.order.OrderUpdateAction> orders;
    private final WriterTemplate<Order, ReturnWriter.Current, com.commercetools.api.models.order.OrderUpdateAction> returns;

    OrderEventsWriter(final WriterTemplate<Order, CurrentOrder, com.commercetools.api.models.order.OrderUpdateAction> orders,
                      final WriterTemplate<Order, ReturnWriter.Current, com.commercetools.api.models.order.OrderUpdateAction> returns) {
        this.orders = Objects.requireNonNull(orders, "orders");
        this.returns = Objects.requireNonNull(returns, "returns");
    }

    /** Both writers on the template, the order Type ensured, counting into {@code statistics}. */
    public static OrderEventsWriter of(final ProjectApiRoot api, final int maxConflictRetries, final SinkStatistics statistics) {
        return new OrderEventsWriter(OrderWriter.template(api, maxConflictRetries, statistics),
                new WriterTemplate<>(new ReturnWriter(api), maxConflictRetries, statistics));
    }

    private CanonicalWriter<Order> writerOf(final Order record) {
        return record.getReturnFor() == null ? orders : returns;
    }

    @Override
    public String entity() {
        return OrderWriter.ENTITY;
    }

    @Override
    public WriteOutcome apply(final Order record) {
        return writerOf(record).apply(record);
    }

    @Override
    public WriteOutcome apply(final Order record, final Prefetch prefetch) {
        return writerOf(record).apply(record, prefetch);
    }

    @Override
    public long sourceVersion(final Order record) {
        return record.getSourceVersion();
    }

    @Override
    public String correlationId(final Order record) {
        return writerOf(record).correlationId(record);
    }

    @Override
    public SinkStatistics statistics() {
        return orders.statistics();
    }
}
