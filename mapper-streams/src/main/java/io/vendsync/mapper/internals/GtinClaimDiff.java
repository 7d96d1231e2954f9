package io.vendsync.mapper.internals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Turns product versions (keyed by product id), or commercetools variant records (keyed by SKU), into GTIN claim
 * changes (keyed by GTIN-14, the claimant being the input key): a claim for each GTIN gained, a retraction for each lost. A product has several GTINs, so a KTable
 * {@code groupBy} (one key per row) cannot index them; this keeps each product's last GTINs in a store to
 * compute the difference. Only changes are sent, so an edit that keeps the GTINs (a price change) reports
 * no duplicate again.
 */
public final class GtinClaimDiff<V> implements ProcessorSupplier<String, V, String, GtinClaim> {

    private final String storeName;
    private final Function<V, List<String>> gtins;

    /** {@code gtins}: the GTIN-14s a value claims, distinct and sorted; a null value (tombstone) claims none. */
    public GtinClaimDiff(final String storeName, final Function<V, List<String>> gtins) {
        this.storeName = storeName;
        this.gtins = gtins;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName), Serdes.String(), Serdes.String()));
    }

    @Override
    public Processor<String, V, String, GtinClaim> get() {
        return new Processor<>() {
            private ProcessorContext<String, GtinClaim> context;
            private KeyValueStore<String, String> held;

            @Override
            public void init(final ProcessorContext<String, GtinClaim> context) {
                this.context = context;
                this.held = context.getStateStore(storeName);
            }

            @Override
            public void process(final Record<String, V> record) {
                final String productId = record.key();
                final List<String> now = record.value() == null ? List.of() : gtins.apply(record.value());
                final String before = held.get(productId);
                final List<String> was = before == null || before.isEmpty() ? List.of() : Arrays.asList(before.split(","));
                for (final String gtin : was) {
                    if (!now.contains(gtin)) {
                        context.forward(record.withKey(gtin).withValue(new GtinClaim(productId, false)));
                    }
                }
                final List<String> gained = new ArrayList<>();
                for (final String gtin : now) {
                    if (!was.contains(gtin)) {
                        gained.add(gtin);
                        context.forward(record.withKey(gtin).withValue(new GtinClaim(productId, true)));
                    }
                }
                if (now.isEmpty()) {
                    held.delete(productId);
                } else if (!gained.isEmpty() || now.size() != was.size()) {
                    held.put(productId, String.join(",", now)); // GTIN-14s are digits: a comma cannot occur in one
                }
            }
        };
    }
}
