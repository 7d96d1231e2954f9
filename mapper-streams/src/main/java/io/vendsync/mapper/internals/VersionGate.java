package io.vendsync.mapper.internals;

import java.util.function.ToLongFunction;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
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
public final class VersionGate<V> extends KeyedVersions<V> {

    private static final Logger LOG = LoggerFactory.getLogger(VersionGate.class);

    public VersionGate(final String storeName, final ToLongFunction<V> version) {
        super(storeName, version);
    }

    /** Without a version nothing can pass the gate: forwarded, it would delete the table row downstream unchecked. */
    @Override
    void decideNull(final FixedKeyRecord<String, V> record, final FixedKeyProcessorContext<String, V> context) {
        LOG.warn("Dropping a {} record of {} without a value: a deletion is a versioned record, not a tombstone", storeName, record.key());
    }

    @Override
    void decide(final FixedKeyRecord<String, V> record, final long incoming, final KeyValueStore<String, Long> versions,
                final FixedKeyProcessorContext<String, V> context) {
        final Long held = versions.get(record.key());
        if (held != null && incoming <= held) {
            LOG.debug("Ignoring {} version {} of {}: version {} already applied", storeName, incoming, record.key(), held);
            return;
        }
        versions.put(record.key(), incoming);
        context.forward(record);
    }
}
