package io.vendsync.sink;

/**
 * The sink's counters over JMX, for a JMX exporter (Prometheus, Datadog, ...) to scrape: one bean per loop, named
 * by its consumer group, {@code io.vendsync:type=sink,group=<sink.group.id>} for inventory and
 * {@code group=<sink.group.id>-catalog} for the catalog loops. Cumulative since the sink started.
 */
public interface SinkMetricsMXBean {

    long getCreated();

    long getUpdated();

    long getUnchanged();

    long getSkippedStale();

    /** Records sent to a retry tier (a record failing at two tiers counts twice). */
    long getRetried();

    /** Retried records found older than commercetools' entry: ordered, not lost. */
    long getSuperseded();

    /** Records written to the dead-letter topic. */
    long getDeadLettered();

    long getUndeserialisable();

    long getConflictRetries();

    long getNegativeQuantitiesClamped();

    /** Records without value: nothing to apply, counted and logged. */
    long getTombstonesSkipped();
}
