package io.vendsync.mapper.internals;

import java.util.Set;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a change through only when its Vend version is higher than every version seen before for its key.
 *
 * <p>Why not a {@code reduce} that keeps the newer value: a reduce forwards on every input, even when it
 * keeps the old value, so a replayed or late event would still re-trigger the foreign-key joins
 * downstream. Dropping it here means an older event, or the same event twice (the ingest re-reads with
 * an overlap), changes nothing downstream. The store holds only the version per key; deletes are
 * versions too, so an older event cannot resurrect a deleted object.
 */
public final class VersionGate<V> implements FixedKeyProcessorSupplier<String, V, V> {

    private static final Logger LOG = LoggerFactory.getLogger(VersionGate.class);

    private final String storeName;
    private final ToLongFunction<V> version;

    public VersionGate(final String storeName, final ToLongFunction<V> version) {
        this.storeName = storeName;
        this.version = version;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName), Serdes.String(), Serdes.Long()));
    }

    @Override
    public FixedKeyProcessor<String, V, V> get() {
        return new FixedKeyProcessor<>() {
            private FixedKeyProcessorContext<String, V> context;
            private KeyValueStore<String, Long> versions;

            @Override
            public void init(final FixedKeyProcessorContext<String, V> context) {
                this.context = context;
                this.versions = context.getStateStore(storeName);
            }

            @Override
            public void process(final FixedKeyRecord<String, V> record) {
                final long incoming = version.applyAsLong(record.value());
                final Long held = versions.get(record.key());
                if (held != null && incoming <= held) {
                    LOG.debug("Ignoring {} version {} of {}: version {} already applied", storeName, incoming, record.key(), held);
                    return;
                }
                versions.put(record.key(), incoming);
                context.forward(record);
            }
        };
    }
}
