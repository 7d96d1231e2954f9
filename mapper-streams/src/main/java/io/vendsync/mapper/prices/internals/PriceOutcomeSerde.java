package io.vendsync.mapper.prices.internals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vendsync.schemas.canonical.v1.ValidationError;
import io.vendsync.schemas.serde.SpecificAvroSerde;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Stores a {@link PriceOutcome} (the foreign-key join's result table): JSON holding the key and the record and errors in
 * Avro single-object encoding (base64). Internal state only, never on a contract topic.
 */
public final class PriceOutcomeSerde<R extends SpecificRecord> implements Serde<PriceOutcome<R>> {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SpecificAvroSerde<ValidationError> ERRORS = SpecificAvroSerde.singleObject(ValidationError.class);

    private final SpecificAvroSerde<R> records;

    public PriceOutcomeSerde(final Class<R> type) {
        this.records = SpecificAvroSerde.singleObject(type);
    }

    @Override
    public Serializer<PriceOutcome<R>> serializer() {
        return (topic, outcome) -> {
            if (outcome == null) {
                return null;
            }
            final ObjectNode json = MAPPER.createObjectNode().put("key", outcome.key());
            json.put("record", outcome.record() == null ? null
                    : Base64.getEncoder().encodeToString(records.serializer().serialize(topic, outcome.record())));
            final ArrayNode errors = json.putArray("errors");
            outcome.errors().forEach(e -> errors.add(Base64.getEncoder().encodeToString(ERRORS.serializer().serialize(topic, e))));
            try {
                return MAPPER.writeValueAsBytes(json);
            } catch (IOException e) {
                throw new SerializationException("Cannot serialize a price outcome for " + topic, e);
            }
        };
    }

    @Override
    public Deserializer<PriceOutcome<R>> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                final JsonNode json = MAPPER.readTree(bytes);
                final JsonNode record = json.get("record");
                final List<ValidationError> errors = new ArrayList<>();
                json.path("errors").forEach(e -> errors.add(ERRORS.deserializer().deserialize(topic, Base64.getDecoder().decode(e.asText()))));
                return new PriceOutcome<>(json.path("key").isNull() ? null : json.path("key").asText(null),
                        record == null || record.isNull() ? null : records.deserializer().deserialize(topic,
                                Base64.getDecoder().decode(record.asText())), List.copyOf(errors));
            } catch (IOException e) {
                throw new SerializationException("Cannot deserialize a price outcome from " + topic, e);
            }
        };
    }
}
