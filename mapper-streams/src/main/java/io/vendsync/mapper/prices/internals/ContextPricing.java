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
 * holds it now. A change of the context is noticed by a re-check every {@code recheck} of wall-clock time (a global table
 * triggers nothing); once the context has held still from one re-check to the next, every row of the task is priced
 * again, once, however many times the context changed meanwhile: in key order, a slice per re-check, so commits go on
 * during a pass over a large catalog. A row's change is priced at once, unless the context changed since the rows were
 * last priced and no pass under it is under way (then that pass prices it). Before, every product joined the context by a constant foreign key: each product's join carried the
 * whole context through two topics and decoded it, and each context change while a store loaded re-priced every product.
 *
 * <p>Nothing is priced while there is no context, as under the join it replaces. The outcome's timestamp is the later of
 * the row's and the context's, as the join's was, so a replay of the same inputs stamps the same times. The context the
 * task's rows were last priced under is kept in a store of its own, so a restart re-prices nothing that did not change.
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

    private final StoreNames names;
    private final Duration recheck;
    private final Duration passBudget;
    private final Deserializer<PricingContext> decoder;
    private final Pricer<V, R> pricer;

    /**
     * @param passBudget how long one re-check may price rows of a pass (at least one row each time); the rest waits for
     *                   the next re-check, after a commit: a pass over a large catalog in one go would outlast the
     *                   exactly-once transaction's timeout (Kafka Streams' default: 10 s) and the poll interval
     */
    public ContextPricing(final StoreNames names, final Duration recheck, final Duration passBudget,
                          final Deserializer<PricingContext> decoder, final Pricer<V, R> pricer) {
        this.names = names;
        this.recheck = recheck;
        this.passBudget = passBudget;
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
            /** The context at the last re-check, to see whether it held still since (in memory: a restart waits one more). */
            private byte[] seenAtLastCheck;
            private int checksWaited;
            /** The pass under way: its context and the last row it priced (in memory: a restart begins it again). */
            private DecodedGlobalTable.Decoded<PricingContext> passContext;
            private String passedUpTo;

            @Override
            public void init(final ProcessorContext<String, PriceOutcome<R>> context) {
                this.context = context;
                this.rows = context.getStateStore(names.rows());
                this.contexts = new DecodedGlobalTable<>(context.getStateStore(names.context()), names.contextTopic(), decoder);
                this.pricedUnder = context.getStateStore(names.pricedUnder());
                context.schedule(recheck, PunctuationType.WALL_CLOCK_TIME, this::repriceIfContextChanged);
            }

            @Override
            public void process(final Record<String, V> record) {
                final DecodedGlobalTable.Decoded<PricingContext> now = contexts.get(names.contextKey());
                // Under a context the task has not re-priced under yet (a store loading, or a change in the last second), the
                // next re-check prices this row with all the others: a row priced now would be priced again within the second,
                // and while a store loads, under a context still missing its taxes or price books.
                // During a pass under the context now, a changed row is priced at once too (the pass may have passed it).
                if (record.value() != null && now != null && (Arrays.equals(now.bytes(), pricedUnder.get(names.contextKey()))
                        || passContext != null && Arrays.equals(now.bytes(), passContext.bytes()))) {
                    forward(record.key(), record.value(), now, record.timestamp());
                }
            }

            private void repriceIfContextChanged(final long wallClockMs) {
                final DecodedGlobalTable.Decoded<PricingContext> now = contexts.get(names.contextKey());
                if (passContext != null) {
                    if (now != null && Arrays.equals(now.bytes(), passContext.bytes())) {
                        continuePass();
                        return;
                    }
                    passContext = null; // the context moved on: a new pass begins once it holds still
                }
                final byte[] was = pricedUnder.get(names.contextKey());
                if (now == null || Arrays.equals(was, now.bytes())) {
                    return;
                }
                // A context still changing (a store loading: outlets, taxes, books arriving one by one) is priced once it has
                // held still for one re-check, not at every step; one that never holds still is priced every few re-checks.
                final boolean held = Arrays.equals(seenAtLastCheck, now.bytes());
                seenAtLastCheck = now.bytes();
                if (!held && ++checksWaited < MAX_CHECKS_WAITED) {
                    return;
                }
                checksWaited = 0;
                passContext = now;
                passedUpTo = null;
                continuePass();
            }

            /** Prices the pass's next rows, in key order, for at most the budget; settles the context when all are done. */
            private void continuePass() {
                final long deadline = System.nanoTime() + passBudget.toNanos();
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
                pricedUnder.put(names.contextKey(), passContext.bytes());
                passContext = null;
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
