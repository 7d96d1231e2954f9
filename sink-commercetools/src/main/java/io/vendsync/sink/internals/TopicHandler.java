package io.vendsync.sink.internals;

import io.vendsync.schemas.Topic;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
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
    private final boolean countOutcomes;

    private TopicHandler(final String topic, final RecordDecoder<V> decoder, final CanonicalWriter<V> writer,
                         final boolean countOutcomes) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.countOutcomes = countOutcomes;
    }

    /** A topic whose writer returns its outcome and leaves counting it to the processor. */
    public static <V> TopicHandler<V> of(final Topic<String, V> topic, final CanonicalWriter<V> writer) {
        return new TopicHandler<>(topic.name(), decoder(topic), writer, true);
    }

    /**
     * A topic whose writer counts its own outcomes (and conflict retries) into the loop's statistics, so the processor
     * must not count them again.
     */
    public static <V> TopicHandler<V> selfCounting(final Topic<String, V> topic, final CanonicalWriter<V> writer) {
        return new TopicHandler<>(topic.name(), decoder(topic), writer, false);
    }

    /**
     * The inventory topic: the {@link InventoryWriter} counts its own outcomes (its tests read them from it), so
     * the processor must not count them again; it must share the loop's statistics.
     */
    public static TopicHandler<InventoryLevel> inventory(final Topic<String, InventoryLevel> topic, final InventoryWriter writer) {
        return new TopicHandler<>(topic.name(), decoder(topic), new InventoryLevelWriter(writer), false);
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

    /** Whether the processor counts the writer's outcomes (false when the writer counts them itself). */
    boolean countOutcomes() {
        return countOutcomes;
    }
}
