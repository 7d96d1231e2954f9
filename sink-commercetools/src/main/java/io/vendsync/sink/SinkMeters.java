package io.vendsync.sink;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The sink's counters for Prometheus: {@code vendsync_sink_records_total{loop, resource, outcome}} per resource
 * (inventory, product, price, tax-category, customer, order), plus retries, dead letters and 409 re-reads per loop.
 * Read from {@link SinkStatistics} at scrape time, so nothing on the write path changes.
 */
final class SinkMeters {

    private static final Map<String, ToLongFunction<SinkStatistics>> OUTCOMES = Map.of(
            "created", SinkStatistics::created,
            "updated", SinkStatistics::updated,
            "unchanged", SinkStatistics::unchanged,
            "stale", SinkStatistics::skippedStale,
            "failed", SinkStatistics::failed,
            "superseded", SinkStatistics::superseded);

    private SinkMeters() {
    }

    /** Binds the loop's counters and those of every resource registered under it so far. */
    static void bind(final MeterRegistry registry, final String loop, final SinkStatistics statistics) {
        final Map<String, SinkStatistics> resources = statistics.resources();
        if (resources.isEmpty()) {
            outcomes(registry, Tags.of("loop", loop, "resource", loop), statistics); // the inventory loop counts itself
        } else {
            resources.forEach((entity, resource) -> outcomes(registry, Tags.of("loop", loop, "resource", entity), resource));
        }
        final Tags tags = Tags.of("loop", loop);
        FunctionCounter.builder("vendsync.sink.retries", statistics, SinkStatistics::retried).tags(tags)
                .description("Records sent to a retry tier").register(registry);
        FunctionCounter.builder("vendsync.sink.dead.letters", statistics, SinkStatistics::failed).tags(tags)
                .description("Records dead-lettered (permanent failures, undecodable bytes)").register(registry);
        FunctionCounter.builder("vendsync.sink.conflict.retries", statistics, SinkStatistics::conflictRetries).tags(tags)
                .description("409 answers re-read and rebuilt").register(registry);
    }

    private static void outcomes(final MeterRegistry registry, final Tags tags, final SinkStatistics statistics) {
        OUTCOMES.forEach((outcome, count) -> FunctionCounter.builder("vendsync.sink.records", statistics, s -> count.applyAsLong(s))
                .tags(tags.and("outcome", outcome)).description("Canonical records the sink applied, by resource and outcome")
                .register(registry));
    }
}
