package io.vendsync.sink.internals;

import io.vendsync.sink.SinkStatistics;
import java.util.List;

/**
 * Applies the records of one canonical topic to commercetools: reads the current state, computes update actions
 * from the diff with the record's desired state, and writes only when something changed (at most 500 actions per
 * request). A 409 is handled by a bounded re-read and rebuild; whatever still fails is thrown as a
 * {@link SinkWriteException} for the caller to classify and route to a retry tier or the dead-letter topic.
 *
 * @param <V> the canonical record type (e.g. {@code canonical.v1.Product})
 */
public interface CanonicalWriter<V> {

    /** The entity the records describe, for logs and the {@code vendsync.entity} header of dead letters, e.g. "product". */
    String entity();

    /** How the record ended; {@link WriteOutcome#UNCHANGED} means no request changed anything. */
    WriteOutcome apply(V record);

    /** The Vend source version of the record (the {@code vendsync.source.version} header of a dead letter). */
    long sourceVersion(V record);

    /** Names the record in logs and errors, e.g. {@code product:vend-family-123@4711}. */
    String correlationId(V record);

    /**
     * The counters of the writer's resource when it counts its own outcomes (every {@link io.vendsync.sink.write.WriterTemplate}
     * does); the sink then counts the record's failures, retries and skips there too. Null: the sink counts the outcomes
     * in its loop's counters.
     */
    default SinkStatistics statistics() {
        return null;
    }

    /**
     * Whether a record is the whole desired state of its key, so a newer record of the key in the same fetched batch
     * makes it needless (counted as superseded, no request). False (the default) for events that must each be applied.
     */
    default boolean absoluteState() {
        return false;
    }

    /** Reads the current state of these records' keys in batched requests for {@link #apply(Object, Prefetch)}; NONE when it cannot. */
    default Prefetch prefetch(final List<V> records) {
        return Prefetch.NONE;
    }

    /** {@link #apply(Object)}, using the state {@code prefetch} holds for the record's key when it is still current. */
    default WriteOutcome apply(final V record, final Prefetch prefetch) {
        return apply(record);
    }
}
