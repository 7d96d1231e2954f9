package io.vendsync.mapper.internals;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Joins the rows of one table to one store-wide context row (the pricing context, the live outlets) as a global table
 * holds it now: the shape that replaced the foreign-key join on one constant key, which carried the whole context through
 * two topics for every row and re-decided every row at once on each context change.
 *
 * <p>The global table triggers nothing, so every {@code recheck} of wall-clock time the task looks whether the context
 * differs from the one its rows were last decided under. Once the new context has held still from one re-check to the
 * next (or after {@link #MAX_CHECKS_WAITED} re-checks of one that never does), a pass decides every row of the task
 * again, once, however many times the context changed meanwhile. The pass goes in key order, a slice of
 * {@code sliceBudget} at a time, so the task commits in between: one pass over a large catalog in one transaction would
 * outlast the exactly-once transaction timeout (Kafka Streams' default: 10 s).
 *
 * <p>A row's change is decided at once under the context its rows were last decided under, or under the one a pass is
 * under way for. Otherwise it is left to the coming pass, and the task is marked {@link #UNSETTLED}, as it is while a
 * pass runs: a context that goes back to the one decided under before (an outlet mapped elsewhere and back) still gets
 * its pass, and so does a restart in the middle of one. The outcome's timestamp is the later of the row's and the
 * context's, as the join's was.
 *
 * <p>{@link Mode#INNER}: nothing is decided while there is no context. {@link Mode#LEFT}: rows are decided with a null
 * context too, but only after {@link #MAX_CHECKS_WAITED} re-checks without one, and its arrival or removal is a change.
 * A fresh task has decided under nothing yet, so in either mode its rows wait for the first pass: at a cold start the
 * context (published by the same application, read back through its topic) comes seconds after the first rows, and
 * deciding them without it would publish each row twice. That first pass also waits until the task's rows have arrived
 * and then held still through {@link #QUIET_CHECKS_FILLED} re-checks ({@link #FILLING}; at most
 * {@link #MAX_CHECKS_FILLING} re-checks in all), so a cold start's backlog is decided once, not at each of a row's
 * changes.
 *
 * <p>{@link Readiness}: a row whose context lacks something the row refers to (a tax, a price book) is not decided but
 * waits, as a foreign-key join waits for its other side: a context held still for a second can still be missing what
 * is on its way (a cold start's stall looks quiet too; measured: a pass under a context without its taxes and books,
 * 296 PRICE_MISSING, 584 TAX_CATEGORY_MISSING and 8,058 prices published twice for 20,000 products). A context change
 * re-decides it in its pass; after {@link #MAX_CHECKS_WAITED} re-checks it is decided as it is, so a reference that
 * never comes is reported. The waiting rows are kept in the decided-under store, so a restart keeps them waiting.
 *
 * @param <V> the table's row
 * @param <C> the context
 * @param <O> what a decision forwards
 */
public final class ContextJoin<V, C, O> implements ProcessorSupplier<String, V, String, O> {

    /** How a row is decided under the context (null in {@link Mode#LEFT} while there is none); null forwards nothing. */
    @FunctionalInterface
    public interface Decider<V, C, O> {
        O decide(String key, V row, C context, long timestampMs);
    }

    /**
     * Whether the context holds everything a row refers to, so deciding it now would not report what is on its way. The
     * context is null in {@link Mode#LEFT} while there is none.
     */
    @FunctionalInterface
    public interface Readiness<V, C> {
        boolean ready(V row, C context);
    }

    /** Whether a row is decided without a context, as a foreign-key inner or left join would. */
    public enum Mode { INNER, LEFT }

    /** How many re-checks a context that keeps changing waits before its rows are decided under it anyway. */
    public static final int MAX_CHECKS_WAITED = 10;
    /** How many re-checks a fresh task's rows, still arriving, wait for their first pass before it begins anyway. */
    public static final int MAX_CHECKS_FILLING = 30;
    /**
     * How many re-checks in a row a fresh task's rows must hold still through for its first pass: one quiet second in a
     * cold start's backlog happens (with one, a pass began early in one of three catalog runs: 15,598 product records for
     * 10,000 families).
     */
    static final int QUIET_CHECKS_FILLED = 2;
    /** What the store holds while the task's rows are not all decided under one context: no context's bytes are empty. */
    static final byte[] UNSETTLED = new byte[0];
    /** What the store holds while a fresh task's rows wait for its first pass (its first fill: a cold start's backlog). */
    static final byte[] FILLING = {1};
    /** No context, in {@link Mode#LEFT}: one zero byte, which no JSON or Avro context record is. */
    private static final byte[] ABSENT = {0};
    /** The decided-under store's key prefix of a row waiting for its context to hold what it refers to (no context key has it). */
    static final String WAITING = "\u0000waiting|";

    private final StoreNames names;
    private final Mode mode;
    private final Duration recheck;
    private final Duration sliceEvery;
    private final Duration sliceBudget;
    private final Deserializer<C> decoder;
    private final Decider<V, C, O> decider;
    private final Readiness<V, C> readiness;

    /**
     * @param recheck     how often to look whether the context changed
     * @param sliceEvery  how often a pass under way decides its next slice (at least one row each time)
     * @param sliceBudget how long one slice may decide rows; a task punctuates each of its processors, so a stream thread
     *                    spends up to (tasks x processors x budget) per loop on passes
     */
    public ContextJoin(final StoreNames names, final Mode mode, final Duration recheck, final Duration sliceEvery,
                       final Duration sliceBudget, final Deserializer<C> decoder, final Decider<V, C, O> decider) {
        this(names, mode, recheck, sliceEvery, sliceBudget, decoder, decider, (row, context) -> true);
    }

    /** As above; a row that is not {@code ready} under a context waits ({@link Readiness}). */
    public ContextJoin(final StoreNames names, final Mode mode, final Duration recheck, final Duration sliceEvery,
                       final Duration sliceBudget, final Deserializer<C> decoder, final Decider<V, C, O> decider,
                       final Readiness<V, C> readiness) {
        this.names = names;
        this.mode = mode;
        this.recheck = recheck;
        this.sliceEvery = sliceEvery;
        this.sliceBudget = sliceBudget;
        this.decoder = decoder;
        this.decider = decider;
        this.readiness = readiness;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        // Cached: every row's change reads it.
        return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(names.decidedUnder()), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled());
    }

    @Override
    public Processor<String, V, String, O> get() {
        return new Processor<>() {
            private ProcessorContext<String, O> context;
            private TimestampedKeyValueStore<String, V> rows;
            private DecodedGlobalTable<C> contexts;
            private KeyValueStore<String, byte[]> decidedUnderStore;
            private long lastCheckMs = Long.MIN_VALUE;
            /** The context at the last re-check, to see whether it held still since (in memory: a restart waits one more). */
            private byte[] seenAtLastCheck;
            private int checksWaited;
            /** Whether a row was left for the coming pass since the last re-check: a fresh task's rows still arriving. */
            private boolean rowLeftSinceCheck;
            /** The re-checks in a row that found no row left since the one before. */
            private int quietChecks;
            /** The pass under way (in memory: after a restart, the task is still unsettled, and a new pass begins). */
            private DecodedGlobalTable.Decoded<C> passContext;
            private String passedUpTo;
            private boolean passForced;
            private boolean rowLeftDuringPass;
            /** The rows waiting for what they refer to, by key, with the re-checks each has waited (mirrored in the store). */
            private final Map<String, Integer> waiting = new TreeMap<>();

            @Override
            public void init(final ProcessorContext<String, O> context) {
                this.context = context;
                this.rows = context.getStateStore(names.rows());
                this.contexts = new DecodedGlobalTable<>(context.getStateStore(names.context()), names.contextTopic(), decoder);
                this.decidedUnderStore = context.getStateStore(names.decidedUnder());
                waiting.clear(); // a revived task reads its store again: what it holds is what waits
                try (KeyValueIterator<String, byte[]> waiters = decidedUnderStore.prefixScan(WAITING, new StringSerializer())) {
                    waiters.forEachRemaining(w -> waiting.put(w.key.substring(WAITING.length()), 0));
                }
                context.schedule(sliceEvery, PunctuationType.WALL_CLOCK_TIME, this::tick);
            }

            @Override
            public void process(final Record<String, V> record) {
                if (record.value() == null) {
                    stopWaiting(record.key()); // a row that comes back waits afresh
                    return;
                }
                final DecodedGlobalTable.Decoded<C> now = current();
                if (now != null && (Arrays.equals(now.bytes(), decidedUnder()) || passUnder(now))) {
                    forward(record.key(), record.value(), now, record.timestamp());
                } else {
                    // Left to the coming pass (INNER: also while there is no context), which must run even if the context goes
                    // back to the one decided under.
                    markUnsettled();
                    rowLeftSinceCheck = true;
                    if (passContext != null) {
                        rowLeftDuringPass = true;
                    }
                }
            }

            private void tick(final long wallClockMs) {
                if (lastCheckMs == Long.MIN_VALUE || wallClockMs - lastCheckMs >= recheck.toMillis()) {
                    lastCheckMs = wallClockMs;
                    recheckContext();
                    recheckWaiting();
                }
                if (passContext != null) {
                    continuePass();
                }
            }

            private void recheckContext() {
                final DecodedGlobalTable.Decoded<C> now = current();
                if (passContext != null) {
                    if (passUnder(now) || passForced) {
                        return; // the pass goes on; a forced one runs to its end, or a context never holding still starves it
                    }
                    passContext = null; // the context moved on: a new pass begins once it holds still
                }
                if (now == null || Arrays.equals(decidedUnder(), now.bytes())) {
                    return;
                }
                // A context still changing (a store loading: outlets, taxes, books arriving one by one) is decided under once
                // it has held still for one re-check, not at every step.
                final boolean held = Arrays.equals(seenAtLastCheck, now.bytes());
                seenAtLastCheck = now.bytes();
                quietChecks = rowLeftSinceCheck ? 0 : quietChecks + 1;
                rowLeftSinceCheck = false;
                final boolean rowsHeld = quietChecks >= QUIET_CHECKS_FILLED;
                // No context yet (LEFT) is most often one on its way: at a cold start it comes through the application's own
                // topic after the first rows. Rows are decided without it only after the longest wait.
                if ((!held || now.bytes() == ABSENT) && ++checksWaited < MAX_CHECKS_WAITED) {
                    return;
                }
                // A fresh task's first pass waits for its rows to arrive and then stop arriving: a cold start reads a backlog in
                // which a row changes several times (a family gaining its variants, a product its book prices). Decided at once
                // after an early pass (one over no rows yet, when the context came first), each change would be published:
                // 12,677-18,913 product records for 10,000 families in the catalog runs.
                final byte[] decided = decidedUnder();
                if ((decided == null || !rowsHeld && Arrays.equals(decided, FILLING)) && ++checksWaited < MAX_CHECKS_FILLING) {
                    return;
                }
                checksWaited = 0;
                passForced = !held;
                passContext = now;
                passedUpTo = null;
                rowLeftDuringPass = false;
                markUnsettled();
            }

            /**
             * Counts a re-check for every waiting row; one that has waited the longest is decided as it is, under the context
             * its task is settled under (while a pass is due or under way, that pass decides it).
             */
            private void recheckWaiting() {
                if (waiting.isEmpty()) {
                    return;
                }
                waiting.replaceAll((key, checks) -> checks + 1);
                final DecodedGlobalTable.Decoded<C> now = current();
                if (passContext != null || now == null || !Arrays.equals(now.bytes(), decidedUnder())) {
                    return;
                }
                // Within the slice budget (at least one row), as a pass: the rest goes at the next re-check.
                final long deadline = System.nanoTime() + sliceBudget.toNanos();
                for (final String key : List.copyOf(waiting.keySet())) {
                    if (waiting.get(key) >= MAX_CHECKS_WAITED) {
                        final ValueAndTimestamp<V> row = rows.get(key);
                        if (row == null || row.value() == null) {
                            stopWaiting(key);
                        } else {
                            forward(key, row.value(), now, row.timestamp());
                        }
                        if (System.nanoTime() - deadline >= 0) {
                            return;
                        }
                    }
                }
            }

            private void stopWaiting(final String key) {
                if (waiting.remove(key) != null) {
                    decidedUnderStore.delete(WAITING + key);
                }
            }

            /** Decides the pass's next rows, in key order, for at most the budget; settles the context when all are done. */
            private void continuePass() {
                final long deadline = System.nanoTime() + sliceBudget.toNanos();
                try (KeyValueIterator<String, ValueAndTimestamp<V>> next = passedUpTo == null ? rows.all() : rows.range(passedUpTo, null)) {
                    while (next.hasNext()) {
                        final KeyValue<String, ValueAndTimestamp<V>> row = next.next();
                        if (row.key.equals(passedUpTo)) {
                            continue; // the range includes the row decided last
                        }
                        if (row.value != null && row.value.value() != null) {
                            forward(row.key, row.value.value(), passContext, row.value.timestamp());
                        }
                        passedUpTo = row.key;
                        if (System.nanoTime() - deadline >= 0) {
                            return;
                        }
                    }
                }
                // A row left for a later context while this (forced) pass ran keeps the task unsettled.
                if (!rowLeftDuringPass) {
                    decidedUnderStore.put(names.contextKey(), passContext.bytes());
                }
                passContext = null;
                passForced = false;
            }

            /** The context now; in LEFT mode, none is a context of its own. */
            private DecodedGlobalTable.Decoded<C> current() {
                final DecodedGlobalTable.Decoded<C> now = contexts.get(names.contextKey());
                return now == null && mode == Mode.LEFT ? new DecodedGlobalTable.Decoded<>(ABSENT, null, Long.MIN_VALUE) : now;
            }

            /** What the task's rows were last decided under: null while a fresh task decided nothing yet. */
            private byte[] decidedUnder() {
                return decidedUnderStore.get(names.contextKey());
            }

            private boolean passUnder(final DecodedGlobalTable.Decoded<C> now) {
                return passContext != null && now != null && Arrays.equals(now.bytes(), passContext.bytes());
            }

            /** Marks the task unsettled; a fresh one (nothing decided yet) as in its first fill. */
            private void markUnsettled() {
                final byte[] stored = decidedUnderStore.get(names.contextKey());
                final byte[] mark = stored == null || Arrays.equals(stored, FILLING) ? FILLING : UNSETTLED;
                if (!Arrays.equals(stored, mark)) {
                    decidedUnderStore.put(names.contextKey(), mark);
                }
            }

            private void forward(final String key, final V row, final DecodedGlobalTable.Decoded<C> now, final long rowTimestamp) {
                final Integer waited = waiting.get(key);
                if ((waited == null || waited < MAX_CHECKS_WAITED) && !readiness.ready(row, now.value())) {
                    if (waited == null) {
                        waiting.put(key, 0);
                        decidedUnderStore.put(WAITING + key, new byte[0]);
                    }
                    return;
                }
                stopWaiting(key);
                final long timestampMs = Math.max(rowTimestamp, now.timestamp());
                final O outcome = decider.decide(key, row, now.value(), timestampMs);
                if (outcome != null) {
                    context.forward(new Record<>(key, outcome, timestampMs));
                }
            }
        };
    }

    /**
     * Where the rows and the context are: the table's own store, the global context table's store (the topic's bytes),
     * the topic it reads and the context's key, and the store this processor keeps the context it last decided under in.
     */
    public record StoreNames(String rows, String context, String contextTopic, String contextKey, String decidedUnder) {
    }
}
