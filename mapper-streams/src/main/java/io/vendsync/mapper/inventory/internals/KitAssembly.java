package io.vendsync.mapper.inventory.internals;

import io.vendsync.mapper.internals.JsonSerde;
import io.vendsync.mapper.internals.KitComponent;
import io.vendsync.mapper.internals.KitInputs;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/** On the kit's task (keyed by composite id): gathers each component's edge and stock into the kit's inputs. */
public final class KitAssembly implements FixedKeyProcessorSupplier<String, KitComponentChange, KitInputs> {

    private final String storeName;

    public KitAssembly(final String storeName) {
        this.storeName = storeName;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName), Serdes.String(),
                new JsonSerde<>(KitInputs.class)));
    }

    @Override
    public FixedKeyProcessor<String, KitComponentChange, KitInputs> get() {
        return new FixedKeyProcessor<>() {
            private FixedKeyProcessorContext<String, KitInputs> context;
            private KeyValueStore<String, KitInputs> kits;

            @Override
            public void init(final FixedKeyProcessorContext<String, KitInputs> context) {
                this.context = context;
                this.kits = context.getStateStore(storeName);
            }

            @Override
            public void process(final FixedKeyRecord<String, KitComponentChange> record) {
                final KitComponentChange change = record.value();
                final KitInputs held = kits.get(record.key());
                final KitInputs before = held == null ? KitInputs.NONE : held;
                final KitInputs after = change.edge() == null ? before.without(change.componentId())
                        : before.with(new KitComponent(change.edge(), change.stock()));
                if (after.components().isEmpty()) {
                    kits.delete(record.key());
                } else {
                    kits.put(record.key(), after);
                }
                context.forward(record.withValue(after));
            }
        };
    }
}
