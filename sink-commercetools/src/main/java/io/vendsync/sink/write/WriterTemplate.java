package io.vendsync.sink.write;

import com.commercetools.api.client.error.BadRequestException;
import com.commercetools.api.client.error.ConcurrentModificationException;
import io.vrap.rmf.base.client.error.NotFoundException;
import io.vendsync.sink.SinkStatistics;
import io.vendsync.sink.internals.CanonicalWriter;
import io.vendsync.sink.internals.SinkWriteException;
import io.vendsync.sink.internals.WriteOutcome;
import io.vendsync.sink.internals.Prefetch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer every sink resource goes through: applies a record with the {@link ResourceWriter} of its resource
 * and owns what they all share.
 * <ul>
 *   <li><b>Per key, one at a time:</b> applies of one key are serialised (striped locks), because the main loop, the
 *       retry loop and concurrent workers may meet on a key, and a concurrent create would make two resources on a
 *       server that does not enforce uniqueness (the mock).</li>
 *   <li><b>Read, diff, write:</b> find the current state; none: create; else the diff's actions, in requests of at
 *       most {@value #MAX_ACTIONS_PER_REQUEST}, each at the version the previous one returned; no actions: no
 *       request. A resource that records the source version it holds ({@link ResourceWriter#appliedVersion}) at or
 *       above the record's is left alone (unchanged or stale).</li>
 *   <li><b>409:</b> a {@code ConcurrentModification} (or a {@code DuplicateField} on create) re-reads and rebuilds the
 *       actions from the fresh state (never resends old ones), at most {@code maxConflictRetries} times, then the
 *       record fails (transient: a retry tier tries it later).</li>
 *   <li><b>Known states</b> (when built with a capacity and the resource tells its state after a write,
 *       {@link ResourceWriter#afterUpdate}): the state of each key last read or written is remembered
 *       ({@link KnownStates}), so the next record of the key is diffed against it and written with its version, with
 *       no read and not part of a batched read. Safe because the write carries that version: if anything moved the
 *       resource since (another writer, or a second sink replica that held the key's partition between two
 *       rebalances, so this instance's memory of it is old), commercetools answers 409 and the key is forgotten and
 *       re-read as above; a 404 (the resource was deleted) likewise. A record at or below the remembered source
 *       version is stale without a request: resources' source versions only ever rise.</li>
 *   <li><b>Outcomes</b> are counted in the resource's {@link SinkStatistics} (created, updated, unchanged, stale;
 *       failures are counted by the sink once the record is dead-lettered). Anything thrown leaves as a
 *       {@link SinkWriteException} naming the record ({@link #correlationId}), for the sink's
 *       {@link io.vendsync.sink.internals.FailureClassifier}.</li>
 * </ul>
 * Thread-safe.
 *
 * @param <V> canonical record type
 * @param <R> current state type
 * @param <A> update action type
 */
public final class WriterTemplate<V, R, A> implements CanonicalWriter<V> {

    /** commercetools' limit of update actions per request. */
    public static final int MAX_ACTIONS_PER_REQUEST = 500;

    private static final Logger LOG = LoggerFactory.getLogger(WriterTemplate.class);
    private static final int LOCK_STRIPES = 1024;

    private final ResourceWriter<V, R, A> writer;
    private final int maxConflictRetries;
    private final SinkStatistics statistics;
    private final Object[] keyLocks = new Object[LOCK_STRIPES];
    /** A batched read of a key is used only if no apply of the key ended after it was sent. */
    private final AppliesSince applies = new AppliesSince();
    private final KnownStates<R> known;
    /** Test seam: runs after the current state was read and before the update that uses its version. */
    private volatile Consumer<R> beforeUpdate = current -> { };

    /**
     * @param statistics the resource's counters (e.g. {@code loopStatistics.resource("product")})
     */
    public WriterTemplate(final ResourceWriter<V, R, A> writer, final int maxConflictRetries, final SinkStatistics statistics) {
        this(writer, maxConflictRetries, statistics, 0);
    }

    /**
     * @param knownStates how many keys' last read or written state to remember (least recently used forgotten first);
     *                    0: none, every record is read first
     */
    public WriterTemplate(final ResourceWriter<V, R, A> writer, final int maxConflictRetries, final SinkStatistics statistics,
                          final int knownStates) {
        this.known = new KnownStates<>(knownStates);
        this.writer = Objects.requireNonNull(writer, "writer");
        if (maxConflictRetries < 0) {
            throw new IllegalArgumentException("maxConflictRetries must be >= 0");
        }
        this.maxConflictRetries = maxConflictRetries;
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        for (int i = 0; i < keyLocks.length; i++) {
            keyLocks[i] = new Object();
        }
    }

    /** For tests: {@code hook} runs with the state just read, before the update that uses its version (e.g. to force a 409). */
    public void beforeUpdateForTests(final Consumer<R> hook) {
        this.beforeUpdate = hook == null ? current -> { } : hook;
    }

    /** The resource writer this template applies records with. */
    public ResourceWriter<V, R, A> resource() {
        return writer;
    }

    @Override
    public SinkStatistics statistics() {
        return statistics;
    }

    @Override
    public String entity() {
        return writer.entity();
    }

    @Override
    public long sourceVersion(final V record) {
        return writer.sourceVersion(record);
    }

    @Override
    public String correlationId(final V record) {
        return writer.correlationId(record);
    }

    @Override
    public boolean absoluteState() {
        return writer.absoluteState();
    }

    /**
     * Reads the records' keys with {@link ResourceWriter#findAll} (when the resource {@link ResourceWriter#readsInBatches()}),
     * noting the moment first, so an apply uses the state only if no apply of the key ended between.
     */
    @Override
    public Prefetch prefetch(final List<V> records) {
        if (!writer.readsInBatches() || records.isEmpty()) {
            return Prefetch.NONE;
        }
        final long mark = applies.mark();
        final Map<String, Long> read = new HashMap<>();
        final List<V> unknown = new ArrayList<>(records.size());
        for (final V record : records) {
            final String key = writer.key(record);
            if (!known.contains(key)) { // a known key is written without a read
                read.put(key, mark);
                unknown.add(record);
            }
        }
        if (unknown.isEmpty()) {
            return Prefetch.NONE;
        }
        final String correlationId = writer.entity() + ":batch(" + read.size() + ")@" + writer.key(unknown.get(0));
        try {
            return new Prefetch(writer.findAll(unknown, new Attempt(correlationId, 1)), read);
        } catch (RuntimeException e) {
            LOG.warn("{}: batched read failed, each record reads on its own: {}", correlationId, e.toString());
            return Prefetch.NONE;
        }
    }

    /**
     * Applies the record and counts its outcome.
     *
     * @throws SinkWriteException when it could not be applied (not counted: the sink decides whether it is retried)
     */
    @Override
    public WriteOutcome apply(final V record) {
        return apply(record, Prefetch.NONE);
    }

    @Override
    public WriteOutcome apply(final V record, final Prefetch prefetch) {
        final String key = writer.key(record);
        synchronized (keyLocks[Math.floorMod(key.hashCode(), LOCK_STRIPES)]) {
            final String correlationId = writer.correlationId(record);
            final boolean fresh = prefetch.read(key) && applies.unchangedSince(key, prefetch.generation(key));
            @SuppressWarnings("unchecked")
            final R read = fresh ? (R) prefetch.state(key) : null;
            final R remembered = fresh ? null : known.get(key);
            final WriteOutcome outcome;
            try {
                outcome = remembered != null ? applyLocked(key, record, new Attempt(correlationId, 1), First.REMEMBERED, remembered)
                        : applyLocked(key, record, new Attempt(correlationId, 1), fresh ? First.READ : First.NONE, read);
                statistics.count(outcome); // what the record wrote, whether or not the work after it succeeds
                writer.afterApply(record, outcome, new Attempt(correlationId, 1));
            } catch (RuntimeException e) {
                known.forget(key); // whatever failed, the key's next record reads it afresh
                throw e instanceof SinkWriteException failed ? failed
                        : new SinkWriteException(correlationId, "cannot apply " + writer.entity() + ": " + e.getMessage(), e);
            } finally {
                // Whatever happened, a state read before now may be out of date.
                applies.ended(key);
            }
            return outcome;
        }
    }

    /** Where the state for the first try comes from. */
    private enum First {
        /** Nothing: read it. */
        NONE,
        /** Read in a batch just before (a null state: no resource). */
        READ,
        /** Remembered from this instance's last read or write of the key: may be out of date (then 409 or 404). */
        REMEMBERED
    }

    private WriteOutcome applyLocked(final String key, final V record, final Attempt first, final First source, final R given) {
        final String skip = writer.skipReason(record);
        if (skip != null) {
            LOG.info("{}: {}", first.correlationId(), skip);
            return WriteOutcome.UNCHANGED;
        }
        boolean wrote = false; // a chunk went through before a 409 on a later one
        RuntimeException lastConflict = null;
        Attempt attempt = first;
        for (int n = 1; n <= maxConflictRetries + 1; n++, attempt = attempt.next()) {
            final boolean remembered = n == 1 && source == First.REMEMBERED;
            final R current = n == 1 && source != First.NONE ? given : writer.find(record, attempt);
            if (!remembered) {
                known.put(key, current); // as read (none: forgotten)
            }
            try {
                if (current == null && !writer.createsWhenMissing(record)) {
                    return wrote ? WriteOutcome.UPDATED : WriteOutcome.UNCHANGED;
                }
                if (current == null) {
                    known.put(key, writer.createAndKnow(record, attempt));
                    return WriteOutcome.CREATED;
                }
                final OptionalLong applied = writer.appliedVersion(current);
                final long version = writer.sourceVersion(record);
                if (applied.isPresent() && applied.getAsLong() >= version) {
                    // A remembered source version is a lower bound of the resource's, so "stale" holds without a read.
                    LOG.debug("{}: already at source version {}", attempt.correlationId(), applied.getAsLong());
                    return wrote ? WriteOutcome.UPDATED
                            : applied.getAsLong() == version ? WriteOutcome.UNCHANGED : WriteOutcome.SKIPPED_STALE;
                }
                final List<A> actions = writer.diff(current, record);
                if (actions.isEmpty()) {
                    return wrote ? WriteOutcome.UPDATED : WriteOutcome.UNCHANGED;
                }
                writer.beforeUpdate(current, record, actions, attempt);
                beforeUpdate.accept(current);
                long resourceVersion = writer.version(current);
                known.forget(key); // until the writes answered
                for (final List<A> chunk : chunks(actions, MAX_ACTIONS_PER_REQUEST)) {
                    resourceVersion = writer.update(current, resourceVersion, chunk, attempt);
                    wrote = true;
                }
                known.put(key, writer.afterUpdate(current, record, actions, resourceVersion));
                LOG.debug("{}: {} action(s) applied", attempt.correlationId(), actions.size());
                return WriteOutcome.UPDATED;
            } catch (ConcurrentModificationException e) {
                known.forget(key);
                lastConflict = e;
            } catch (NotFoundException e) {
                known.forget(key);
                if (!remembered) {
                    throw e;
                }
                lastConflict = e; // the remembered resource was deleted behind our back: read what is there now
            } catch (BadRequestException e) {
                // The real API refuses a second resource with the key: someone created it meanwhile; re-read and update it.
                if (current != null || !String.valueOf(e.getBody()).contains("DuplicateField")) {
                    throw e;
                }
                lastConflict = e;
            }
            if (n <= maxConflictRetries) {
                statistics.incrementConflictRetries();
                LOG.info("{}: changed concurrently ({}); re-reading, retry {}/{}", attempt.correlationId(),
                        lastConflict.getClass().getSimpleName(), n, maxConflictRetries);
            }
        }
        if (lastConflict instanceof BadRequestException) {
            throw lastConflict;
        }
        throw new SinkWriteException(first.correlationId(), "still conflicting (409 ConcurrentModification) after "
                + maxConflictRetries + " retries", lastConflict);
    }

    /**
     * {@code items} cut into lists of at most {@code size}, in order; the last item never alone when there are more. A
     * writer's last action finishes the others (the price writer's publish): alone in a request of its own, a 409 or a
     * crash before it would leave the changes written and nothing for the rebuilt diff to carry it with again.
     */
    public static <T> List<List<T>> chunks(final List<T> items, final int size) {
        final List<List<T>> chunks = new ArrayList<>();
        int start = 0;
        while (start < items.size()) {
            int end = Math.min(items.size(), start + size);
            if (end == items.size() - 1 && end - start > 1) {
                end--; // one item would be left: it goes with the one before it
            }
            chunks.add(items.subList(start, end));
            start = end;
        }
        return chunks;
    }
}
