package io.vendsync.mapper.inventory.internals;

import io.vendsync.schemas.mapping.OutletChannel;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The channel key each outlet resolves to now, read from the global outlet table, which holds the topic's bytes: every
 * stock change asks, so an outlet's record is decoded again only when its bytes changed (outlets are few; decoding the
 * Avro record on every ask was a tenth of a stock change's cost).
 */
public final class OutletChannels {

    private final TimestampedKeyValueStore<String, byte[]> store;
    private final String topic;
    private final Deserializer<OutletChannel> decoder;
    private final Map<String, Decoded> decoded = new HashMap<>();

    public OutletChannels(final TimestampedKeyValueStore<String, byte[]> store, final String topic,
                          final Deserializer<OutletChannel> decoder) {
        this.store = store;
        this.topic = topic;
        this.decoder = decoder;
    }

    /** The channel key the outlet resolves to now, or null (unknown, deleted, or no channel). */
    public String channelKey(final String outletId) {
        if (outletId == null) {
            return null;
        }
        final ValueAndTimestamp<byte[]> stored = store.get(outletId);
        if (stored == null || stored.value() == null) {
            decoded.remove(outletId);
            return null;
        }
        final Decoded held = decoded.get(outletId);
        if (held != null && Arrays.equals(held.bytes(), stored.value())) {
            return held.channelKey();
        }
        final String channelKey = decode(outletId, stored.value());
        decoded.put(outletId, new Decoded(stored.value(), channelKey));
        return channelKey;
    }

    /** Every outlet that resolves to a channel now, with its channel key. */
    public Map<String, String> all() {
        final Map<String, String> current = new HashMap<>();
        try (KeyValueIterator<String, ValueAndTimestamp<byte[]>> all = store.all()) {
            all.forEachRemaining(entry -> {
                final String channelKey = entry.value == null || entry.value.value() == null ? null
                        : decode(entry.key, entry.value.value());
                if (channelKey != null) {
                    current.put(entry.key, channelKey);
                }
            });
        }
        return current;
    }

    private String decode(final String outletId, final byte[] bytes) {
        final OutletChannel channel;
        try {
            channel = decoder.deserialize(topic, bytes);
        } catch (RuntimeException e) {
            throw new SerializationException("The record of outlet " + outletId + " on " + topic
                    + " is not an OutletChannel: " + e.getMessage(), e);
        }
        return channel == null ? null : channel.getChannelKey();
    }

    private record Decoded(byte[] bytes, String channelKey) {
    }
}
