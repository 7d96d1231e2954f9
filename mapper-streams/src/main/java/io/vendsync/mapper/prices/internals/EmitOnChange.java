package io.vendsync.mapper.prices.internals;

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
 * Forwards an outcome only when it differs from the last one forwarded for its key (by {@link PriceOutcome#fingerprint()}).
 * Every product joins the whole pricing context, so any context change re-prices every product; this keeps the output to
 * the products whose prices, or problems, actually changed.
 */
public final class EmitOnChange<R> implements FixedKeyProcessorSupplier<String, PriceOutcome<R>, PriceOutcome<R>> {

    private final String storeName;

    public EmitOnChange(final String storeName) {
        this.storeName = Objects.requireNonNull(storeName, "storeName");
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName), Serdes.String(), Serdes.String()));
    }

    @Override
    public FixedKeyProcessor<String, PriceOutcome<R>, PriceOutcome<R>> get() {
        return new FixedKeyProcessor<>() {
            private FixedKeyProcessorContext<String, PriceOutcome<R>> context;
            private KeyValueStore<String, String> emitted;

            @Override
            public void init(final FixedKeyProcessorContext<String, PriceOutcome<R>> context) {
                this.context = context;
                this.emitted = context.getStateStore(storeName);
            }

            @Override
            public void process(final FixedKeyRecord<String, PriceOutcome<R>> record) {
                final String fingerprint = record.value().fingerprint();
                if (fingerprint.equals(emitted.get(record.key()))) {
                    return;
                }
                emitted.put(record.key(), fingerprint);
                context.forward(record);
            }
        };
    }
}
