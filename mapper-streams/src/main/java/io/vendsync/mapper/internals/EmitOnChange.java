package io.vendsync.mapper.internals;

import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Forwards a value only when it differs from the last one forwarded for its key, compared by a fingerprint that leaves
 * out what does not matter downstream (e.g. when the mapper happened to see the record).
 *
 * <p>Why: a foreign-key join re-emits every joined row when the other side changes, even when nothing the output
 * carries changed (a Vend price edit bumps the product's version and re-joins all its inventory). Each such duplicate
 * costs the sink a commercetools read. A value that reads the same as the last one is not new information, so
 * holding it back loses nothing; a null (a retraction) always passes and clears the key.
 */
public final class EmitOnChange<V> implements FixedKeyProcessorSupplier<String, V, V> {

    private final String storeName;
    private final Function<V, String> fingerprint;

    public EmitOnChange(final String storeName, final Function<V, String> fingerprint) {
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName), Serdes.String(), Serdes.String()));
    }

    @Override
    public FixedKeyProcessor<String, V, V> get() {
        return new FixedKeyProcessor<>() {
            private FixedKeyProcessorContext<String, V> context;
            private KeyValueStore<String, String> last;

            @Override
            public void init(final FixedKeyProcessorContext<String, V> context) {
                this.context = context;
                this.last = context.getStateStore(storeName);
            }

            @Override
            public void process(final FixedKeyRecord<String, V> record) {
                if (record.value() == null) {
                    last.delete(record.key());
                    context.forward(record);
                    return;
                }
                final String print = fingerprint.apply(record.value());
                if (print.equals(last.get(record.key()))) {
                    return;
                }
                last.put(record.key(), print);
                context.forward(record);
            }
        };
    }
}
