package io.vendsync.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Shared Jackson mapper and Vend's timestamp formats. */
final class Json {
    // Plain decimals: "34.78261", never "3.478261E+1".
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    // 2.0 uses an explicit "+00:00" offset, not "Z".
    private static final DateTimeFormatter ISO_OFFSET =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.ROOT).withZone(ZoneOffset.UTC);
    // 0.9/1.0 payloads use "YYYY-MM-DD HH:MM:SS" (UTC).
    private static final DateTimeFormatter LEGACY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String iso(final Instant instant) {
        return instant == null ? null : ISO_OFFSET.format(instant);
    }

    static String legacy(final Instant instant) {
        return instant == null ? null : LEGACY.format(instant);
    }

    static String write(final JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (final JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(final String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    static ObjectNode error(final String error, final String message) {
        final ObjectNode body = object();
        body.put("error", error);
        body.put("message", message);
        return body;
    }
}
