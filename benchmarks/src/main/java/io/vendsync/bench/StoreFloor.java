package io.vendsync.bench;

import io.vendsync.schemas.Topics;
import io.vendsync.schemas.raw.VendChange;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The pass-through plus one read and one write per record of a persistent, changelogged store holding the record's
 * payload: what remembering each record costs, before any parsing or deciding.
 */
final class StoreFloor {

    private static final String STORE = "floor-records";

    private StoreFloor() {
    }

    static void build(final StreamsBuilder builder, final Topics topics, final String output) {
        builder.stream(topics.rawInventory.name(), topics.rawInventory.consumed())
                .processValues(new Remember(), Named.as("floor-remember"))
                .selectKey((productId, change) -> Long.toString(change.getSource().getVersion()))
                .to(output, topics.rawInventory.produced());
    }

    private static final class Remember implements FixedKeyProcessorSupplier<String, VendChange, VendChange> {
        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.Bytes(), Serdes.ByteArray()));
        }

        @Override
        public FixedKeyProcessor<String, VendChange, VendChange> get() {
            return new FixedKeyProcessor<>() {
                private FixedKeyProcessorContext<String, VendChange> context;
                private KeyValueStore<Bytes, byte[]> store;

                @Override
                public void init(final FixedKeyProcessorContext<String, VendChange> context) {
                    this.context = context;
                    this.store = context.getStateStore(STORE);
                }

                @Override
                public void process(final FixedKeyRecord<String, VendChange> record) {
                    final byte[] payload = record.value().getAfter().getBytes(StandardCharsets.UTF_8);
                    final Bytes key = Bytes.wrap((record.key() + "|" + record.value().getSource().getVersion())
                            .getBytes(StandardCharsets.UTF_8));
                    // One read and one write, always, as the inventory mapper's version gate does per stock change.
                    store.get(key);
                    store.put(key, payload);
                    context.forward(record);
                }
            };
        }
    }
}
