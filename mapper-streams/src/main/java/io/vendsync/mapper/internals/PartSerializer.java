package io.vendsync.mapper.internals;

import java.util.function.Function;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes one part of a value with that part's own serializer. For a processor that sends each record to one named sink
 * with a value of several parts: the sink writes exactly what the contract's serde would, with no node between the
 * processor and the sink to unwrap the value (each node a record visits costs, and the inventory path is mostly such
 * visits).
 */
public final class PartSerializer<T, P> implements Serializer<T> {

    private final Serializer<P> part;
    private final Function<T, P> select;

    private PartSerializer(final Serializer<P> part, final Function<T, P> select) {
        this.part = part;
        this.select = select;
    }

    /** A serde for a sink: it writes {@code select(value)} with {@code partSerde}; it cannot read. */
    public static <T, P> Serde<T> serde(final Serde<P> partSerde, final Function<T, P> select) {
        return Serdes.serdeFrom(new PartSerializer<>(partSerde.serializer(), select), (topic, bytes) -> {
            throw new UnsupportedOperationException("a sink's serde of a part of " + topic + "'s records writes only");
        });
    }

    @Override
    public byte[] serialize(final String topic, final T value) {
        return part.serialize(topic, value == null ? null : select.apply(value));
    }

    @Override
    public byte[] serialize(final String topic, final Headers headers, final T value) {
        return part.serialize(topic, headers, value == null ? null : select.apply(value));
    }
}
