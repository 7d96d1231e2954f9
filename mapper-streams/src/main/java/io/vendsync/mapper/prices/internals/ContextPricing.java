package io.vendsync.mapper.prices.internals;

import io.vendsync.mapper.internals.DecodedGlobalTable;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
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
 * Prices the rows of one table (products, or taxes) against the store's pricing context as the global context table
 * holds it now. The global table triggers nothing, so every {@code recheck} of wall-clock time the task looks whether
 * the context differs from the one its rows were last priced under. Once the new context has held still from one
 * re-check to the next (or after {@link #MAX_CHECKS_WAITED} re-checks of one that never does), a pass prices every row
 * of the task again, once, however many times the context changed meanwhile. The pass goes in key order, a slice of
 * {@code sliceBudget} at a time, so the task commits in between: one pass over a large catalog in one transaction would
 * outlast the exactly-once transaction timeout (Kafka Streams' default: 10 s).
 *
 * <p>A row's change is priced at once under the context its rows were last priced under, or under the one a pass is
 * under way for. Otherwise it is left to the coming pass, and the task is marked {@link #UNSETTLED}, as it is while a
 * pass runs: a context that goes back to the one priced under before (an outlet mapped elsewhere and back) still gets
 * its pass, and so does a restart in the middle of one. Nothing is priced while there is no context, as under the
 * foreign-key join this replaced. The outcome's timestamp is the later of the row's and the context's, as the join's was.
 *
 * @param <V> the table's row
 * @param <R> the record an outcome publishes
 */
public final class ContextPricing<V, R> implements ProcessorSupplier<String, V, String, PriceOutcome<R>> {

    /** How a row is priced against the context; a null outcome publishes nothing. */
    @FunctionalInterface
    public interface Pricer<V, R> {
        PriceOutcome<R> price(String key, V row, PricingContext context);
    }

    /** How many re-checks a context that keeps changing waits before its rows are priced under it anyway. */
    public static final int MAX_CHECKS_WAITED = 10;
    /** What the store holds while the task's rows are not all priced under one context: no context's JSON is empty. */
    static final byte[] UNSETTLED = new byte[0];

    private final StoreNames names;
    private final Duration recheck;
    private final Duration sliceEvery;
    private final Duration sliceBudget;
    private final Deserializer<PricingContext> decoder;
    private final Pricer<V, R> pricer;

    /**
     * @param recheck     how often to look whether the context changed
     * @param sliceEvery  how often a pass under way prices its next slice (at least one row each time)
     * @param sliceBudget how long one slice may price rows; a task punctuates each of its processors, so a stream thread
     *                    spends up to (tasks x processors x budget) per loop on passes
     */
    public ContextPricing(final StoreNames names, final Duration recheck, final Duration sliceEvery, final Duration sliceBudget,
                          final Deserializer<PricingContext> decoder, final Pricer<V, R> pricer) {
        this.names = names;
        this.recheck = recheck;
        this.sliceEvery = sliceEvery;
        this.sliceBudget = sliceBudget;
        this.decoder = decoder;
        this.pricer = pricer;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        // Cached: every row's change reads it.
        return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(names.pricedUnder()), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled());
    }

    @Override
    public Processor<String, V, String, PriceOutcome<R>> get() {
        return new Processor<>() {
            private ProcessorContext<String, PriceOutcome<R>> context;
            private TimestampedKeyValueStore<String, V> rows;
            private DecodedGlobalTable<PricingContext> contexts;
            private KeyValueStore<String, byte[]> pricedUnder;
            private long lastCheckMs = Long.MIN_VALUE;
            /** The context at the last re-check, to see whether it held still since (in memory: a restart waits one more). */
            private byte[] seenAtLastCheck;
            private int checksWaited;
            /** The pass under way (in memory: after a restart, the task is still unsettled, and a new pass begins). */
            private DecodedGlobalTable.Decoded<PricingContext> passContext;
            private String passedUpTo;
            private boolean passForced;
            private boolean rowLeftDuringPass;

            @Override
            public void init(final ProcessorContext<String, PriceOutcome<R>> context) {
                this.context = context;
                this.rows = context.getStateStore(names.rows());
                this.contexts = new DecodedGlobalTable<>(context.getStateStore(names.context()), names.contextTopic(), decoder);
                this.pricedUnder = context.getStateStore(names.pricedUnder());
                context.schedule(sliceEvery, PunctuationType.WALL_CLOCK_TIME, this::tick);
            }

            @Override
            public void process(final Record<String, V> record) {
                final DecodedGlobalTable.Decoded<PricingContext> now = contexts.get(names.contextKey());
                if (record.value() == null || now == null) {
                    return;
                }
                if (Arrays.equals(now.bytes(), pricedUnder.get(names.contextKey())) || passUnder(now)) {
                    forward(record.key(), record.value(), now, record.timestamp());
                } else {
                    // Left to the coming pass, which must run even if the context goes back to the one priced under.
                    markUnsettled();
                    if (passContext != null) {
                        rowLeftDuringPass = true;
                    }
                }
            }

            private void tick(final long wallClockMs) {
                if (lastCheckMs == Long.MIN_VALUE || wallClockMs - lastCheckMs >= recheck.toMillis()) {
                    lastCheckMs = wallClockMs;
                    recheckContext();
                }
                if (passContext != null) {
                    continuePass();
                }
            }

            private void recheckContext() {
                final DecodedGlobalTable.Decoded<PricingContext> now = contexts.get(names.contextKey());
                if (passContext != null) {
                    if (passUnder(now) || passForced) {
                        return; // the pass goes on; a forced one runs to its end, or a context never holding still starves it
                    }
                    passContext = null; // the context moved on: a new pass begins once it holds still
                }
                if (now == null || Arrays.equals(pricedUnder.get(names.contextKey()), now.bytes())) {
                    return;
                }
                // A context still changing (a store loading: outlets, taxes, books arriving one by one) is priced once it has
                // held still for one re-check, not at every step.
                final boolean held = Arrays.equals(seenAtLastCheck, now.bytes());
                seenAtLastCheck = now.bytes();
                if (!held && ++checksWaited < MAX_CHECKS_WAITED) {
                    return;
                }
                checksWaited = 0;
                passForced = !held;
                passContext = now;
                passedUpTo = null;
                rowLeftDuringPass = false;
                markUnsettled();
            }

            /** Prices the pass's next rows, in key order, for at most the budget; settles the context when all are done. */
            private void continuePass() {
                final long deadline = System.nanoTime() + sliceBudget.toNanos();
                try (KeyValueIterator<String, ValueAndTimestamp<V>> next = passedUpTo == null ? rows.all() : rows.range(passedUpTo, null)) {
                    while (next.hasNext()) {
                        final KeyValue<String, ValueAndTimestamp<V>> row = next.next();
                        if (row.key.equals(passedUpTo)) {
                            continue; // the range includes the row priced last
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
                    pricedUnder.put(names.contextKey(), passContext.bytes());
                }
                passContext = null;
                passForced = false;
            }

            private boolean passUnder(final DecodedGlobalTable.Decoded<PricingContext> now) {
                return passContext != null && now != null && Arrays.equals(now.bytes(), passContext.bytes());
            }

            private void markUnsettled() {
                if (!Arrays.equals(pricedUnder.get(names.contextKey()), UNSETTLED)) {
                    pricedUnder.put(names.contextKey(), UNSETTLED);
                }
            }

            private void forward(final String key, final V row, final DecodedGlobalTable.Decoded<PricingContext> now, final long rowTimestamp) {
                final PriceOutcome<R> outcome = pricer.price(key, row, now.value());
                if (outcome != null) {
                    context.forward(new Record<>(key, outcome, Math.max(rowTimestamp, now.timestamp())));
                }
            }
        };
    }

    /**
     * Where the rows and the context are: the table's own store, the global context table's store (the topic's bytes),
     * the topic it reads and the context's key, and the store this processor keeps the context it last priced under in.
     */
    public record StoreNames(String rows, String context, String contextTopic, String contextKey, String pricedUnder) {
    }
}
