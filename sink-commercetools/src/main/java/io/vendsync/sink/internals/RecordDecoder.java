package io.vendsync.sink.internals;

import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a raw canonical record without ever throwing: the sink consumes bytes and decodes here, so a record that
 * does not decode is still in hand, with its exact key and value bytes, to be dead-lettered (a throwing
 * deserializer inside {@code poll()} would leave the loop stuck before that record).
 *
 * @param <V> the canonical record type of the topic
 */
public final class RecordDecoder<V> {

    /**
     * One decoded record: {@code error} set when the bytes do not decode, {@code value} null for a tombstone.
     */
    public record Decoded<V>(String key, V value, Throwable error) {
        public boolean failed() {
            return error != null;
        }
    }

    private final Deserializer<String> keys;
    private final Deserializer<V> values;

    public RecordDecoder(final Deserializer<String> keys, final Deserializer<V> values) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.values = Objects.requireNonNull(values, "values");
    }

    public Decoded<V> decode(final ConsumerRecord<byte[], byte[]> record) {
        String key = null;
        try {
            key = record.key() == null ? null : keys.deserialize(record.topic(), record.headers(), record.key());
            final V value = record.value() == null ? null
                    : values.deserialize(record.topic(), record.headers(), record.value());
            if (record.value() != null && value == null) {
                return new Decoded<>(key, null, new IllegalArgumentException("value decoded to null"));
            }
            return new Decoded<>(key, value, null);
        } catch (RuntimeException e) {
            return new Decoded<>(key, null, e);
        }
    }
}
