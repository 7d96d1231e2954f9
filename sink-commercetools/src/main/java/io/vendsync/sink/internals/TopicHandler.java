package io.vendsync.sink.internals;

import io.vendsync.schemas.Topic;
import java.util.Objects;

/**
 * What the sink does with one canonical topic: how to decode its records and which {@link CanonicalWriter}
 * applies them. The {@link RecordProcessor} picks the handler by the record's topic.
 *
 * @param <V> the canonical record type of the topic
 */
public final class TopicHandler<V> {

    private final String topic;
    private final RecordDecoder<V> decoder;
    private final CanonicalWriter<V> writer;

    private TopicHandler(final String topic, final RecordDecoder<V> decoder, final CanonicalWriter<V> writer) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /**
     * The topic's records decoded with its serdes and applied by {@code writer}: a {@link io.vendsync.sink.write.WriterTemplate}
     * counts them in its resource's statistics, any other writer's outcomes are counted by the loop.
     */
    public static <V> TopicHandler<V> of(final Topic<String, V> topic, final CanonicalWriter<V> writer) {
        return new TopicHandler<>(topic.name(), decoder(topic), writer);
    }

    private static <V> RecordDecoder<V> decoder(final Topic<String, V> topic) {
        return new RecordDecoder<>(topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    public String topic() {
        return topic;
    }

    public String entity() {
        return writer.entity();
    }

    RecordDecoder<V> decoder() {
        return decoder;
    }

    CanonicalWriter<V> writer() {
        return writer;
    }
}
