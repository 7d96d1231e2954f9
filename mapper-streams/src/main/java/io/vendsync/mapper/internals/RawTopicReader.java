package io.vendsync.mapper.internals;

import io.vendsync.mapper.vend.InvalidPayloadException;
import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.raw.VendChange;
import java.util.Map;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * Reads a raw Vend topic into the read model ({@code io.vendsync.mapper.vend}) for a mapper topology; nothing is dropped
 * silently. Every raw entity has one parser, and one topology that reports what it refuses ({@code PAYLOAD_INVALID} on
 * {@code errors.validation}, with the payload): it reads with {@link #read}. The other topologies reading the same topic
 * use {@link #readReportedElsewhere}, which skips those records, so each is reported once. A topology that needs more of a
 * record than the parser demands (the price mapper an outlet's currency, say) adds a {@link Requirement}, and reports
 * what fails it itself.
 */
public final class RawTopicReader {

    /** Reads one Vend object out of its envelope. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String key, VendChange change) throws InvalidPayloadException;
    }

    /** What one topology needs of a parsed record beyond what the parser demands; throws, saying why, when it is missing. */
    @FunctionalInterface
    public interface Requirement<T> {
        void check(T value) throws InvalidPayloadException;
    }

    private RawTopicReader() {
    }

    /** No requirement beyond the parser's. */
    public static <T> Requirement<T> nothingMore() {
        return value -> { };
    }

    /**
     * For the topology that reports the entity's unreadable records.
     *
     * @param entity the Vend entity, named in the error records
     * @param name   prefix of the processor names (part of the deployed topology: keep it stable)
     */
    public static <T> KStream<String, T> read(final StreamsBuilder builder, final Topics topics, final Topic<String, VendChange> topic,
                                              final String entity, final String name, final Parser<T> parser) {
        return read(builder, topics, topic, entity, name, parser, nothingMore());
    }

    /** The same, with what this topology needs of a record beyond the parser. */
    public static <T> KStream<String, T> read(final StreamsBuilder builder, final Topics topics, final Topic<String, VendChange> topic,
                                              final String entity, final String name, final Parser<T> parser,
                                              final Requirement<T> requirement) {
        return read(builder, topics, topic, entity, name, parser, requirement, true);
    }

    /**
     * For a topology that is not the entity's reporter: a record the parser refuses is skipped here (its reporter reports
     * it); one failing {@code requirement} is reported here, since only this topology needs it.
     */
    public static <T> KStream<String, T> readReportedElsewhere(final StreamsBuilder builder, final Topics topics,
                                                               final Topic<String, VendChange> topic, final String entity,
                                                               final String name, final Parser<T> parser,
                                                               final Requirement<T> requirement) {
        return read(builder, topics, topic, entity, name, parser, requirement, false);
    }

    private static <T> KStream<String, T> read(final StreamsBuilder builder, final Topics topics, final Topic<String, VendChange> topic,
                                               final String entity, final String name, final Parser<T> parser,
                                               final Requirement<T> requirement, final boolean reportUnreadable) {
        final KStream<String, Parsed<T>> parsed = builder
                .stream(topic.name(), topic.consumed().withName(name + "-raw-source"))
                .processValues(new RecordMapper<VendChange, Parsed<T>>((key, change, timestampMs) ->
                        parse(topic, entity, parser, requirement, reportUnreadable, key, change, timestampMs)), Named.as(name + "-parse"));
        // One split, not a filter and its negation: every record passes here, and each node it visits costs (the hot path of
        // the inventory mapper is mostly such visits).
        final Map<String, KStream<String, Parsed<T>>> byOutcome = parsed.split(Named.as(name + "-parsed-"))
                .branch((key, result) -> result.isOk(), Branched.as("valid"))
                .defaultBranch(Branched.as("invalid"));
        byOutcome.get(name + "-parsed-invalid")
                .mapValues(Parsed::error, Named.as(name + "-invalid-error"))
                .to(topics.validationErrors.name(), topics.validationErrors.produced().withName(name + "-invalid-sink"));
        return byOutcome.get(name + "-parsed-valid").mapValues(Parsed::value, Named.as(name + "-valid-value"));
    }

    /**
     * One raw record read as {@link #read} reads it, for a topology that routes the result itself: the value, the
     * {@code PAYLOAD_INVALID} error that reports it, or null when the parser refuses it and {@code reportUnreadable} is
     * false (another topology reports it).
     */
    public static <T> Parsed<T> parse(final Topic<String, VendChange> topic, final String entity, final Parser<T> parser,
                                      final Requirement<T> requirement, final boolean reportUnreadable, final String key,
                                      final VendChange change, final long timestampMs) {
        final T value;
        try {
            value = parser.parse(key, change);
        } catch (InvalidPayloadException e) {
            return reportUnreadable ? invalid(topic, entity, key, change, e, timestampMs) : null;
        }
        try {
            requirement.check(value);
        } catch (InvalidPayloadException e) {
            return invalid(topic, entity, key, change, e, timestampMs);
        }
        return Parsed.ok(value);
    }

    private static <T> Parsed<T> invalid(final Topic<String, VendChange> topic, final String entity, final String key,
                                         final VendChange change, final InvalidPayloadException e, final long timestampMs) {
        return Parsed.failed(ValidationErrors.payloadInvalid(topic.name(), entity, key, change, e.getMessage(), timestampMs));
    }
}
