package io.vendsync.mapper.internals;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * A global table that keeps its topic's bytes, read as values: a key's value is decoded again only when its bytes
 * changed. Global tables hold small reference data that every record of a topology asks for (an outlet's channel, the
 * store's pricing context), so decoding on every ask would cost more than the lookup.
 */
public final class DecodedGlobalTable<T> {

    private final TimestampedKeyValueStore<String, byte[]> store;
    private final String topic;
    private final Deserializer<T> decoder;
    private final Map<String, Decoded<T>> decoded = new HashMap<>();

    public DecodedGlobalTable(final TimestampedKeyValueStore<String, byte[]> store, final String topic, final Deserializer<T> decoder) {
        this.store = store;
        this.topic = topic;
        this.decoder = decoder;
    }

    /** The key's value now with its bytes and record timestamp, or null when the table holds none. */
    public Decoded<T> get(final String key) {
        final ValueAndTimestamp<byte[]> stored = store.get(key);
        if (stored == null || stored.value() == null) {
            decoded.remove(key);
            return null;
        }
        final Decoded<T> held = decoded.get(key);
        if (held != null && Arrays.equals(held.bytes(), stored.value())) {
            if (held.timestamp() == stored.timestamp()) {
                return held;
            }
            final Decoded<T> restamped = new Decoded<>(held.bytes(), held.value(), stored.timestamp());
            decoded.put(key, restamped);
            return restamped;
        }
        final Decoded<T> fresh = new Decoded<>(stored.value(), decode(key, stored.value()), stored.timestamp());
        decoded.put(key, fresh);
        return fresh;
    }

    /** Each key with its value now (decoded afresh: a scan is rare). */
    public void forEach(final BiConsumer<String, T> action) {
        try (KeyValueIterator<String, ValueAndTimestamp<byte[]>> all = store.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value != null && entry.value.value() != null) {
                    action.accept(entry.key, decode(entry.key, entry.value.value()));
                }
            });
        }
    }

    private T decode(final String key, final byte[] bytes) {
        try {
            return decoder.deserialize(topic, bytes);
        } catch (RuntimeException e) {
            throw new SerializationException("The record of " + key + " on " + topic + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** A value with the bytes it was decoded from and its record's timestamp. */
    public record Decoded<T>(byte[] bytes, T value, long timestamp) {
    }
}
