package io.vendsync.mapper.internals;

import io.vendsync.mapper.vend.InvalidPayloadException;
import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.raw.VendChange;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * Reads a raw Vend topic into parsed values for a mapper topology: what the parser refuses goes to
 * {@code errors.validation} as {@code PAYLOAD_INVALID} with its payload, nothing is dropped silently; a parser may
 * return null for a record another topology reports (see {@link #unlessRefusedBy}), which is then skipped.
 */
public final class RawTopicReader {

    /** Reads one Vend object out of its envelope. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String key, VendChange change) throws InvalidPayloadException;
    }

    private RawTopicReader() {
    }

    /**
     * @param entity the Vend entity, named in the error records
     * @param name   prefix of the processor names (part of the deployed topology: keep it stable)
     */
    public static <T> KStream<String, T> read(final StreamsBuilder builder, final Topics topics, final Topic<String, VendChange> topic,
                                              final String entity, final String name, final Parser<T> parser) {
        final KStream<String, Parsed<T>> parsed = builder
                .stream(topic.name(), topic.consumed().withName(name + "-raw-source"))
                .processValues(new RecordMapper<VendChange, Parsed<T>>((key, change, timestampMs) -> {
                    try {
                        final T value = parser.parse(key, change);
                        return value == null ? null : Parsed.ok(value);
                    } catch (InvalidPayloadException e) {
                        return Parsed.failed(ValidationErrors.payloadInvalid(topic.name(), entity, key, change,
                                e.getMessage(), timestampMs));
                    }
                }), Named.as(name + "-parse"));
        parsed.filterNot((key, result) -> result.isOk(), Named.as(name + "-invalid"))
                .mapValues(Parsed::error, Named.as(name + "-invalid-error"))
                .to(topics.validationErrors.name(), topics.validationErrors.produced().withName(name + "-invalid-sink"));
        return parsed.filter((key, result) -> result.isOk(), Named.as(name + "-valid"))
                .mapValues(Parsed::value, Named.as(name + "-valid-value"));
    }

    /**
     * {@code parser}, except that a record {@code reporter} (the parser of the topology that reports this topic's bad
     * records) refuses too reads as null: skipped here, so one bad record is reported once.
     */
    public static <T> Parser<T> unlessRefusedBy(final Parser<?> reporter, final Parser<T> parser) {
        return (key, change) -> {
            try {
                return parser.parse(key, change);
            } catch (InvalidPayloadException e) {
                try {
                    reporter.parse(key, change);
                } catch (InvalidPayloadException refusedThereToo) {
                    return null;
                }
                throw e;
            }
        };
    }
}
