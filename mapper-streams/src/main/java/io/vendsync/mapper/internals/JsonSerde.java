package io.vendsync.mapper.internals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON serde for the mapper's internal records (state stores, changelogs, foreign-key join topics).
 * These never leave the app, so they need no registered schema; unknown properties are ignored so a
 * field added in a later release still reads old state. Serialization is deterministic (record
 * component order), which the foreign-key join relies on when it hashes values.
 */
public final class JsonSerde<T> implements Serde<T> {

    /*
     * Field names are not canonicalized: state holds maps keyed by ids and canonical keys (an inventory entry's published
     * versions, a kit's components), and Jackson's shared symbol table copies itself on every read that adds a name
     * it has not seen, which with unbounded distinct keys cost more than all the rest of a read.
     */
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Class<T> type;

    public JsonSerde(final Class<T> type) {
        this.type = type;
    }

    /** Compact JSON of any value, for the {@code payload} of error records. */
    public static String toJson(final Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new SerializationException("Cannot render " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try {
                return MAPPER.writeValueAsBytes(data);
            } catch (IOException e) {
                throw new SerializationException("Cannot serialize " + type.getSimpleName() + " for " + topic, e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return MAPPER.readValue(bytes, type);
            } catch (IOException e) {
                throw new SerializationException("Cannot deserialize " + type.getSimpleName() + " from " + topic, e);
            }
        };
    }
}
