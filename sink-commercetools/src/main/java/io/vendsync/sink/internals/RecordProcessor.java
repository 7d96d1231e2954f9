package io.vendsync.sink.internals;

import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.sink.SinkStatistics;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles one raw canonical-inventory record for a sink loop: decode, apply, and on failure classify and route
 * it to a retry tier or the DLQ. Never drops a record silently: every record ends applied (or stale, unchanged,
 * superseded), on a retry tier, in the DLQ, or (tombstones, which carry nothing to apply) counted and logged.
 * One instance per loop thread (the router collects that loop's pending sends).
 */
public final class RecordProcessor {

    /** How one record ended for now. */
    public enum Result { APPLIED, SUPERSEDED, TOMBSTONE, RETRYING, DEAD_LETTERED }

    private static final Logger LOG = LoggerFactory.getLogger(RecordProcessor.class);

    private final InventoryDecoder decoder;
    private final InventoryWriter writer;
    private final FailureClassifier classifier;
    private final FailureRouter router;

    public RecordProcessor(final InventoryDecoder decoder, final InventoryWriter writer, final FailureClassifier classifier,
                           final FailureRouter router) {
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.router = Objects.requireNonNull(router, "router");
    }

    public SinkStatistics statistics() {
        return writer.statistics();
    }

    public FailureRouter router() {
        return router;
    }

    /**
     * @param tier 0 for the source topic, else the 1-based retry tier the record was read from
     */
    public Result process(final ConsumerRecord<byte[], byte[]> record, final int tier) {
        final String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        final InventoryDecoder.Decoded decoded = decoder.decode(record);
        if (decoded.failed()) {
            statistics().incrementUndeserialisable();
            return deadLetterOrRetry(record, tier, null, classifier.undeserialisable(decoded.error()), where, decoded.key());
        }
        final InventoryLevel level = decoded.level();
        if (level == null) {
            statistics().incrementTombstonesSkipped();
            LOG.warn("Skipping a record without value (key {}, {}): an inventory level is never deleted", decoded.key(), where);
            return Result.TOMBSTONE;
        }
        try {
            final WriteOutcome outcome = writer.apply(level);
            if (tier > 0 && outcome == WriteOutcome.SKIPPED_STALE) {
                // A newer version landed while this one waited: ordering per key held, nothing is lost.
                statistics().incrementSuperseded();
                LOG.info("{}: retried record superseded by a newer source version already in commercetools ({})",
                        InventoryWriter.correlationId(level), where);
                return Result.SUPERSEDED;
            }
            return Result.APPLIED;
        } catch (SinkWriteException e) {
            return deadLetterOrRetry(record, tier, level, classifier.classify(e), where, decoded.key());
        }
    }

    private Result deadLetterOrRetry(final ConsumerRecord<byte[], byte[]> record, final int tier, final InventoryLevel level,
                                     final Failure failure, final String where, final String key) {
        final FailureRouter.Routed routed = router.route(record, tier, level, failure);
        final String id = level == null ? "key " + key : InventoryWriter.correlationId(level);
        if (routed.deadLettered()) {
            statistics().incrementFailed();
            LOG.error("{} ({}): {} failure after {} attempt(s), dead-lettered to {}: {} {}", id, where,
                    failure.kind(), routed.attempts(), routed.topic(), failure.errorClass(), failure.message());
            return Result.DEAD_LETTERED;
        }
        statistics().incrementRetried();
        LOG.warn("{} ({}): transient failure (attempt {}), retrying in {} ms via {}: {} {}", id, where, routed.attempts(),
                router.delayMs(routed.tier()), routed.topic(), failure.errorClass(), failure.message());
        return Result.RETRYING;
    }
}
