package io.vendsync.mapper.internals;

import java.util.Objects;
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

/**
 * A processor that keeps one Vend version per key in its own store and decides each record against it: what
 * {@link VersionGate} (drop what is not newer) and {@link NeverLowerVersion} (raise what is older) share.
 */
abstract class KeyedVersions<V> implements FixedKeyProcessorSupplier<String, V, V> {

    /** The store's name (also in log lines). */
    protected final String storeName;
    private final ToLongFunction<V> version;

    KeyedVersions(final String storeName, final ToLongFunction<V> version) {
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.version = Objects.requireNonNull(version, "version");
    }

    @Override
    public final Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName), Serdes.String(), Serdes.Long()));
    }

    @Override
    public final FixedKeyProcessor<String, V, V> get() {
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
                if (record.value() == null) {
                    decideNull(record, context);
                    return;
                }
                decide(record, version.applyAsLong(record.value()), versions, context);
            }
        };
    }

    /** A record without a value, which carries no version. */
    abstract void decideNull(FixedKeyRecord<String, V> record, FixedKeyProcessorContext<String, V> context);

    /** Decides a record of version {@code incoming} against its key's stored version; forwards what goes on. */
    abstract void decide(FixedKeyRecord<String, V> record, long incoming, KeyValueStore<String, Long> versions,
                         FixedKeyProcessorContext<String, V> context);
}
