package io.vendsync.mapper.internals;

import io.vendsync.schemas.Keys;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Keeps the source versions published for one inventory record strictly rising. The sink applies a level only when
 * its version is newer than the one on the commercetools entry, and a level can change without a new inventory
 * version: a product deletion sets it to 0, an undelete brings it back. Such a level would carry the version of the
 * level before it and be skipped as already applied, so it is raised to one above the last version published for the
 * record at that (SKU, channel). Keyed by inventory id, as the outcomes are; place it after {@link EmitOnChange}, so it
 * sees only news.
 */
public final class LevelVersionFloor implements FixedKeyProcessorSupplier<String, MappingOutcome, MappingOutcome> {

    private final String storeName;

    public LevelVersionFloor(final String storeName) {
        this.storeName = Objects.requireNonNull(storeName, "storeName");
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName), Serdes.String(), Serdes.Long()));
    }

    @Override
    public FixedKeyProcessor<String, MappingOutcome, MappingOutcome> get() {
        return new FixedKeyProcessor<>() {
            private FixedKeyProcessorContext<String, MappingOutcome> context;
            private KeyValueStore<String, Long> published;

            @Override
            public void init(final FixedKeyProcessorContext<String, MappingOutcome> context) {
                this.context = context;
                this.published = context.getStateStore(storeName);
            }

            @Override
            public void process(final FixedKeyRecord<String, MappingOutcome> record) {
                final MappingOutcome outcome = record.value();
                if (outcome == null || !outcome.isMapped()) {
                    context.forward(record);
                    return;
                }
                // Per canonical key too: the sink compares versions per (SKU, channel), and a record that moved to a new
                // SKU starts afresh there.
                final InventoryLevel level = outcome.level();
                final String key = record.key() + '|' + Keys.inventory(level.getChannelKey(), level.getSku());
                final Long last = published.get(key);
                final long version = level.getSourceVersion();
                if (last == null || version > last) {
                    published.put(key, version);
                    context.forward(record);
                    return;
                }
                final long raised = last + 1;
                published.put(key, raised);
                context.forward(record.withValue(MappingOutcome.mapped(
                        InventoryLevel.newBuilder(level).setSourceVersion(raised).build())));
            }
        };
    }
}
