package io.vendsync.sink.internals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A {@link CanonicalWriter} standing in for the catalog writers in sink tests: records every record it is asked to
 * apply (also the failed tries) and every one it applied, and fails the records of an id transiently (a
 * {@link MissingReferenceException}, as a price before its product) a given number of times, or permanently.
 * Thread-safe: the main and the retry loop call it at once.
 */
public final class FakeCatalogWriter<V> implements CanonicalWriter<V> {

    private final String entity;
    private final ToLongFunction<V> sourceVersion;
    private final Function<V, String> id;
    private final List<String> attempts = new CopyOnWriteArrayList<>();
    private final List<V> applied = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> transientFailures = new ConcurrentHashMap<>();
    private final Map<String, Boolean> permanentFailures = new ConcurrentHashMap<>();

    /** @param id names a record, e.g. by its key; the failure rules match it */
    public FakeCatalogWriter(final String entity, final ToLongFunction<V> sourceVersion, final Function<V, String> id) {
        this.entity = entity;
        this.sourceVersion = sourceVersion;
        this.id = id;
    }

    /** The next {@code times} applies of {@code recordId} fail transiently. */
    public FakeCatalogWriter<V> failTransiently(final String recordId, final int times) {
        transientFailures.put(recordId, new AtomicInteger(times));
        return this;
    }

    /** Every apply of {@code recordId} fails permanently (the writer refuses the record). */
    public FakeCatalogWriter<V> failPermanently(final String recordId) {
        permanentFailures.put(recordId, Boolean.TRUE);
        return this;
    }

    @Override
    public String entity() {
        return entity;
    }

    @Override
    public WriteOutcome apply(final V record) {
        final String recordId = id.apply(record);
        attempts.add(recordId);
        if (permanentFailures.containsKey(recordId)) {
            throw new SinkWriteException(correlationId(record), "refused by the test",
                    new IllegalArgumentException("invalid " + entity + " " + recordId));
        }
        final AtomicInteger left = transientFailures.get(recordId);
        if (left != null && left.getAndDecrement() > 0) {
            throw new SinkWriteException(correlationId(record), "not yet",
                    new MissingReferenceException("what " + recordId + " refers to is not in commercetools yet"));
        }
        applied.add(record);
        return WriteOutcome.CREATED;
    }

    @Override
    public long sourceVersion(final V record) {
        return sourceVersion.applyAsLong(record);
    }

    @Override
    public String correlationId(final V record) {
        return entity + ":" + id.apply(record) + "@" + sourceVersion(record);
    }

    /** Ids of every record apply was called with, failed tries included, in call order. */
    public List<String> attempts() {
        return List.copyOf(attempts);
    }

    /** Records applied, in order. */
    public List<V> applied() {
        return List.copyOf(applied);
    }

    public List<String> appliedIds() {
        return applied.stream().map(id).toList();
    }
}
