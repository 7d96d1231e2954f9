package io.vendsync.cli.dlq;

import io.vendsync.mapper.MapperTopics;
import io.vendsync.schemas.FailureHeaders;
import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import io.vendsync.sink.SinkTopics;
import java.util.Locale;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One of the dead-letter topics {@code vendsync dlq} works on, and how its records say where they came from:
 * the sink's inventory and catalog DLQs carry the {@code vendsync.*} {@link FailureHeaders}; the mapper's is
 * Kafka Streams' own (KIP-1034) with {@code __streams.errors.*} headers and raw Vend records.
 *
 * <p>Every replay is marked in the compacted {@code dlq.sink.inventory.resolved} topic (the contract has no
 * resolved topic per DLQ): inventory dead letters keep their {@code <partition>/<offset>} key, as before;
 * catalog and mapper dead letters are keyed {@code <dlq topic>/<partition>/<offset>}, which cannot collide.
 */
enum DeadLetterQueue {

    INVENTORY(FailureHeaders.ORIGINAL_TOPIC, FailureHeaders.ERROR_CLASS),
    CATALOG(FailureHeaders.ORIGINAL_TOPIC, FailureHeaders.ERROR_CLASS),
    MAPPER(DeadLetterQueue.STREAMS_TOPIC, DeadLetterQueue.STREAMS_EXCEPTION);

    /** Kafka Streams' dead-letter headers (KIP-1034, ExceptionHandlerUtils). */
    static final String STREAMS_ERRORS_PREFIX = "__streams.errors.";
    static final String STREAMS_TOPIC = "__streams.errors.topic";
    static final String STREAMS_PARTITION = "__streams.errors.partition";
    static final String STREAMS_OFFSET = "__streams.errors.offset";
    static final String STREAMS_EXCEPTION = "__streams.errors.exception";
    static final String STREAMS_MESSAGE = "__streams.errors.message";

    private final String originalTopicHeader;
    private final String errorClassHeader;

    DeadLetterQueue(final String originalTopicHeader, final String errorClassHeader) {
        this.originalTopicHeader = originalTopicHeader;
        this.errorClassHeader = errorClassHeader;
    }

    /** {@code inventory}, {@code catalog} or {@code mapper}, as given to {@code --dlq}. */
    static DeadLetterQueue parse(final String text) {
        for (final DeadLetterQueue dlq : values()) {
            if (dlq.optionName().equals(text.toLowerCase(Locale.ROOT))) {
                return dlq;
            }
        }
        throw new IllegalArgumentException("--dlq takes inventory, catalog or mapper, not '" + text + "'");
    }

    String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    Topic<byte[], byte[]> topic(final Topics topics) {
        return switch (this) {
            case INVENTORY -> SinkTopics.of(topics).inventoryDlq;
            case CATALOG -> SinkTopics.of(topics).catalogDlq;
            case MAPPER -> MapperTopics.of(topics).dlq;
        };
    }

    /** The header naming the topic a dead letter came from and is replayed to. */
    String originalTopicHeader() {
        return originalTopicHeader;
    }

    String errorClassHeader() {
        return errorClassHeader;
    }

    /** Key of the dead letter's mark in the resolved topic (and the {@value FailureHeaders#REPLAY_OF} of its replay). */
    String markKey(final ConsumerRecord<?, ?> record) {
        final String coordinates = record.partition() + "/" + record.offset();
        return this == INVENTORY ? coordinates : record.topic() + "/" + coordinates;
    }

    /** Whether a header is failure bookkeeping, dropped on replay. */
    static boolean isFailureHeader(final String name) {
        return name.startsWith("vendsync.error.") || name.startsWith("vendsync.original.") || name.startsWith(STREAMS_ERRORS_PREFIX)
                || name.equals(FailureHeaders.ATTEMPTS) || name.equals(FailureHeaders.FIRST_FAILURE_MS)
                || name.equals(FailureHeaders.LAST_FAILURE_MS) || name.equals(FailureHeaders.RETRY_DUE_MS)
                || name.equals(FailureHeaders.ENTITY) || name.equals(FailureHeaders.SOURCE_VERSION)
                || name.equals(FailureHeaders.REPLAY_OF) || name.equals(FailureHeaders.REPLAY_ORIGINAL_OFFSET);
    }
}
