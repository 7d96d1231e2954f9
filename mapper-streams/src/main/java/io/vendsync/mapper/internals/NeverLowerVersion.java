package io.vendsync.mapper.internals;

import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Publishes each key's records at a source version never below the last one published for it. A record's version is the
 * highest among its inputs, so it goes down when an input leaves (an outlet closed, a member moved to another family),
 * and the sink skips a record below the version it applied as stale: the change would never reach commercetools. Raised
 * to the last version instead, it is the same version published later, which the sink orders by offset (its applied
 * marks), so it is applied. The inventory mapper does the same in its own store ({@code InventoryRecords}).
 */
public final class NeverLowerVersion<V> extends KeyedVersions<V> {

    private final BiFunction<V, Long, V> withVersion;

    public NeverLowerVersion(final String storeName, final ToLongFunction<V> version, final BiFunction<V, Long, V> withVersion) {
        super(storeName, version);
        this.withVersion = Objects.requireNonNull(withVersion, "withVersion");
    }

    /** A retraction passes as it is: there is no version to raise. */
    @Override
    void decideNull(final FixedKeyRecord<String, V> record, final FixedKeyProcessorContext<String, V> context) {
        context.forward(record);
    }

    @Override
    void decide(final FixedKeyRecord<String, V> record, final long incoming, final KeyValueStore<String, Long> versions,
                final FixedKeyProcessorContext<String, V> context) {
        final Long last = versions.get(record.key());
        if (last != null && incoming < last) {
            context.forward(record.withValue(withVersion.apply(record.value(), last)));
            return;
        }
        if (last == null || incoming > last) {
            versions.put(record.key(), incoming);
        }
        context.forward(record);
    }
}
