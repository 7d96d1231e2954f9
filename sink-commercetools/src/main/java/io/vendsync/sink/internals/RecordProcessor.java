package io.vendsync.sink.internals;

import io.vendsync.schemas.FailureHeaders;
import io.vendsync.sink.SinkStatistics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * A record of a topic without handler is dead-lettered as permanent. One instance per loop (the router collects that
 * loop's pending sends); thread-safe, as the loop's workers apply records of different keys at once.
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

    /** Whether the records of {@code topic} are absolute states, so a newer one of a key supersedes an older one. */
    public boolean absoluteState(final String topic) {
        final TopicHandler<?> handler = handlers.get(topic);
        return handler != null && handler.writer().absoluteState();
    }

    /** The source version of a source-topic record; null when it has none to compare (no handler, undecodable, tombstone). */
    public Long sourceVersion(final ConsumerRecord<byte[], byte[]> record) {
        final TopicHandler<?> handler = handlers.get(record.topic());
        return handler == null ? null : sourceVersion(handler, record);
    }

    private static <V> Long sourceVersion(final TopicHandler<V> handler, final ConsumerRecord<byte[], byte[]> record) {
        final RecordDecoder.Decoded<V> decoded = handler.decoder().decode(record);
        return decoded.failed() || decoded.value() == null ? null : handler.writer().sourceVersion(decoded.value());
    }

    /**
     * Counts a source-topic record that a newer record of its key in the same fetched batch makes needless: it ends
     * as superseded (and stale), without a request.
     */
    public void superseded(final ConsumerRecord<byte[], byte[]> record) {
        final TopicHandler<?> handler = handlers.get(record.topic());
        final SinkStatistics counted = handler.writer().statistics() == null ? statistics : handler.writer().statistics();
        counted.incrementSkippedStale();
        counted.incrementSuperseded();
        LOG.debug("{}-{}@{}: superseded by a newer record of its key in the same batch", record.topic(), record.partition(),
                record.offset());
    }

    /** Reads the current state of the records' keys in batched requests, when their topic's writer can; else NONE. */
    public Prefetch prefetch(final String topic, final List<ConsumerRecord<byte[], byte[]>> records) {
        final TopicHandler<?> handler = handlers.get(topic);
        return handler == null ? Prefetch.NONE : prefetch(handler, records);
    }

    private static <V> Prefetch prefetch(final TopicHandler<V> handler, final List<ConsumerRecord<byte[], byte[]>> records) {
        final List<V> values = new ArrayList<>(records.size());
        for (final ConsumerRecord<byte[], byte[]> record : records) {
            final RecordDecoder.Decoded<V> decoded = handler.decoder().decode(record);
            if (!decoded.failed() && decoded.value() != null) {
                values.add(decoded.value());
            }
        }
        return handler.writer().prefetch(values);
    }

    /**
     * @param tier 0 for the source topic, else the 1-based retry tier the record was read from
     */
    public Result process(final ConsumerRecord<byte[], byte[]> record, final int tier) {
        return process(record, tier, Prefetch.NONE);
    }

    /** {@link #process(ConsumerRecord, int)} with the state of the record's key read beforehand in a batch. */
    public Result process(final ConsumerRecord<byte[], byte[]> record, final int tier, final Prefetch prefetch) {
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
        return process(handler, record, tier, where, prefetch);
    }

    private <V> Result process(final TopicHandler<V> handler, final ConsumerRecord<byte[], byte[]> record, final int tier,
                               final String where, final Prefetch prefetch) {
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
        // Where the record stands in its key's order: its canonical offset (from a retry tier, the original one). A dead
        // letter replayed onto the canonical topic has a new offset that says nothing of its order: the one it was first
        // read at, which the replay carries, else unknown.
        final long offset = tier > 0
                ? FailureHeaders.number(record.headers(), FailureHeaders.ORIGINAL_OFFSET).orElse(AppliedVersions.Mark.UNKNOWN_OFFSET)
                : FailureHeaders.text(record.headers(), FailureHeaders.REPLAY_OF) != null
                ? FailureHeaders.number(record.headers(), FailureHeaders.REPLAY_ORIGINAL_OFFSET).orElse(AppliedVersions.Mark.UNKNOWN_OFFSET)
                : record.offset();
        final AppliedVersions.Mark mark = new AppliedVersions.Mark(version, offset);
        if (applied.applied(handler.topic(), decoded.key()).isNewerThan(mark)) {
            // A newer record of this key was applied already: by the main group, when this is a replay group, or while
            // this one waited on a retry tier (also one of the same version that came later in the topic).
            statistics.incrementSkippedStale();
            LOG.debug("{} ({}): older than the record already applied, skipped", writer.correlationId(value), where);
            if (tier > 0) {
                statistics.incrementSuperseded();
                return Result.SUPERSEDED;
            }
            return Result.APPLIED;
        }
        try {
            final WriteOutcome outcome = writer.apply(value, prefetch);
            if (writer.statistics() == null) {
                this.statistics.count(outcome);
            }
            if (outcome != WriteOutcome.SKIPPED_STALE) {
                applied.record(handler.topic(), decoded.key(), mark);
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
