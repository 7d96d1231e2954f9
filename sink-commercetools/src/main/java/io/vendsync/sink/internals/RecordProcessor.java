package io.vendsync.sink.internals;

import io.vendsync.sink.FailureHeaders;
import io.vendsync.sink.SinkStatistics;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one raw canonical record for a sink loop: pick the {@link TopicHandler} of the record's topic (for a
 * retry tier: of its {@value FailureHeaders#ORIGINAL_TOPIC}), decode, apply, and on failure classify and route it
 * to a retry tier or the DLQ. Never drops a record silently: every record ends applied (or stale, unchanged,
 * superseded), on a retry tier, in the DLQ, or (tombstones, which carry nothing to apply) counted and logged.
 * A record of a topic without handler is dead-lettered as permanent. One instance per loop thread (the router
 * collects that loop's pending sends).
 */
public final class RecordProcessor {

    /** How one record ended for now. */
    public enum Result { APPLIED, SUPERSEDED, TOMBSTONE, RETRYING, DEAD_LETTERED }

    private static final Logger LOG = LoggerFactory.getLogger(RecordProcessor.class);

    private final Map<String, TopicHandler<?>> handlers = new HashMap<>();
    private final SinkStatistics statistics;
    private final FailureClassifier classifier;
    private final FailureRouter router;
    private final AppliedVersions applied;

    /**
     * @param handlers one per source topic
     * @param statistics the loop's counters; a writer with its own (per resource, {@link CanonicalWriter#statistics()})
     *                   is counted there, which adds up here when they are this loop's {@link SinkStatistics#resource}
     */
    public RecordProcessor(final List<TopicHandler<?>> handlers, final SinkStatistics statistics,
                           final FailureClassifier classifier, final FailureRouter router) {
        this(handlers, statistics, classifier, router, AppliedVersions.NONE);
    }

    /** @param applied marks of what was applied per key, to skip records older than them (the catalog loops) */
    public RecordProcessor(final List<TopicHandler<?>> handlers, final SinkStatistics statistics,
                           final FailureClassifier classifier, final FailureRouter router, final AppliedVersions applied) {
        this.applied = Objects.requireNonNull(applied, "applied");
        for (final TopicHandler<?> handler : handlers) {
            if (this.handlers.put(handler.topic(), handler) != null) {
                throw new IllegalArgumentException("two handlers for topic " + handler.topic());
            }
        }
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.router = Objects.requireNonNull(router, "router");
    }

    public SinkStatistics statistics() {
        return statistics;
    }

    public FailureRouter router() {
        return router;
    }

    /** The source topics this processor has a handler for. */
    public List<String> topics() {
        return handlers.keySet().stream().sorted().toList();
    }

    /**
     * @param tier 0 for the source topic, else the 1-based retry tier the record was read from
     */
    public Result process(final ConsumerRecord<byte[], byte[]> record, final int tier) {
        final String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        final String source = tier == 0 ? record.topic() : FailureHeaders.text(record.headers(), FailureHeaders.ORIGINAL_TOPIC);
        final TopicHandler<?> handler = source == null ? null : handlers.get(source);
        if (handler == null) {
            final String keyText = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
            return deadLetterOrRetry(record, tier, null, null, new Failure(Failure.Kind.PERMANENT,
                    IllegalStateException.class.getName(), "no sink handler for source topic " + source
                    + (tier == 0 ? "" : " (the " + FailureHeaders.ORIGINAL_TOPIC + " header)"), -1, null, null), where, "key " + keyText,
                    statistics);
        }
        return process(handler, record, tier, where);
    }

    private <V> Result process(final TopicHandler<V> handler, final ConsumerRecord<byte[], byte[]> record, final int tier,
                               final String where) {
        final RecordDecoder.Decoded<V> decoded = handler.decoder().decode(record);
        final CanonicalWriter<V> writer = handler.writer();
        final SinkStatistics statistics = writer.statistics() == null ? this.statistics : writer.statistics();
        if (decoded.failed()) {
            statistics.incrementUndeserialisable();
            return deadLetterOrRetry(record, tier, writer.entity(), null, classifier.undeserialisable(decoded.error()), where,
                    "key " + decoded.key(), statistics);
        }
        final V value = decoded.value();
        if (value == null) {
            statistics.incrementTombstonesSkipped();
            LOG.warn("Skipping a record without value (key {}, {}): a {} is never deleted by a tombstone", decoded.key(), where,
                    writer.entity());
            return Result.TOMBSTONE;
        }
        final long version = writer.sourceVersion(value);
        if (version < applied.applied(handler.topic(), decoded.key())) {
            // A newer version of this key was applied already (e.g. by the main group, when this is a replay group).
            statistics.incrementSkippedStale();
            LOG.debug("{} ({}): older than the version already applied, skipped", writer.correlationId(value), where);
            return tier > 0 ? Result.SUPERSEDED : Result.APPLIED;
        }
        try {
            final WriteOutcome outcome = writer.apply(value);
            if (writer.statistics() == null) {
                this.statistics.count(outcome);
            }
            if (outcome != WriteOutcome.SKIPPED_STALE) {
                applied.record(handler.topic(), decoded.key(), version);
            }
            if (tier > 0 && outcome == WriteOutcome.SKIPPED_STALE) {
                // A newer version landed while this one waited: ordering per key held, nothing is lost.
                statistics.incrementSuperseded();
                LOG.info("{}: retried record superseded by a newer source version already in commercetools ({})",
                        writer.correlationId(value), where);
                return Result.SUPERSEDED;
            }
            return Result.APPLIED;
        } catch (SinkWriteException e) {
            return deadLetterOrRetry(record, tier, writer.entity(), writer.sourceVersion(value), classifier.classify(e), where,
                    writer.correlationId(value), statistics);
        }
        // Any other exception is a bug, not a verdict on the record: it stops the loop with the batch uncommitted.
    }

    private Result deadLetterOrRetry(final ConsumerRecord<byte[], byte[]> record, final int tier, final String entity,
                                     final Long sourceVersion, final Failure failure, final String where, final String id,
                                     final SinkStatistics statistics) {
        final FailureRouter.Routed routed = router.route(record, tier, entity, sourceVersion, failure);
        if (routed.deadLettered()) {
            statistics.incrementFailed();
            LOG.error("{} ({}): {} failure after {} attempt(s), dead-lettered to {}: {} {}", id, where,
                    failure.kind(), routed.attempts(), routed.topic(), failure.errorClass(), failure.message());
            return Result.DEAD_LETTERED;
        }
        statistics.incrementRetried();
        LOG.warn("{} ({}): transient failure (attempt {}), retrying in {} ms via {}: {} {}", id, where, routed.attempts(),
                router.delayMs(routed.tier()), routed.topic(), failure.errorClass(), failure.message());
        return Result.RETRYING;
    }
}
