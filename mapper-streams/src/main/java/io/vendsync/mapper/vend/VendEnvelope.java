package io.vendsync.mapper.vend;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Set;
import io.vendsync.schemas.raw.Op;
import io.vendsync.schemas.raw.VendChange;
import java.math.BigDecimal;

/**
 * Reading the Vend 2.0 object out of a raw {@link VendChange} envelope, the same way in every mapper: the
 * {@code after} JSON, whether it is a delete, its id against the record key, its version, and optional text fields.
 */
public final class VendEnvelope {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = MAPPER.getNodeFactory();
    private static final String NOT_AN_OBJECT = "'after' is not a JSON object";

    private VendEnvelope() {
    }

    /** The {@code after} object; null only for a delete without one, which needs no fields. */
    public static JsonNode after(final VendChange change) throws InvalidPayloadException {
        final String after = afterText(change);
        if (after == null) {
            return null;
        }
        final JsonNode json;
        try {
            json = MAPPER.readTree(after);
        } catch (JsonProcessingException e) {
            throw new InvalidPayloadException("'after' is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (json == null || !json.isObject()) {
            throw new InvalidPayloadException(NOT_AN_OBJECT);
        }
        return json;
    }

    /**
     * The {@code after} object with only its top-level {@code fields}, read as {@link #after(VendChange)} reads them; the
     * rest is still checked to be JSON, then skipped. For the stock change, read on every sale: a whole tree (a map,
     * a node per value, a deserialization context per call) costs more than the change's decision.
     */
    public static JsonNode after(final VendChange change, final Set<String> fields) throws InvalidPayloadException {
        final String after = afterText(change);
        if (after == null) {
            return null;
        }
        try (JsonParser parser = MAPPER.createParser(after)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidPayloadException(NOT_AN_OBJECT);
            }
            final ObjectNode json = NODES.objectNode();
            JsonToken token = parser.nextToken();
            for (; token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                final String name = parser.currentName();
                final JsonToken value = parser.nextToken();
                if (fields.contains(name)) {
                    json.set(name, value.isStructStart() ? parser.readValueAsTree() : scalar(parser, value));
                } else {
                    parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT) {
                throw new InvalidPayloadException("'after' is not valid JSON: the object does not end");
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new InvalidPayloadException("'after' is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidPayloadException("'after' could not be read: " + e.getMessage(), e);
        }
    }

    /** A scalar as the tree reader makes it (integers by size, other numbers as doubles). */
    private static JsonNode scalar(final JsonParser parser, final JsonToken token) throws IOException, InvalidPayloadException {
        return switch (token) {
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new InvalidPayloadException("'after' holds an unexpected " + token);
        };
    }

    private static String afterText(final VendChange change) throws InvalidPayloadException {
        if (change == null) {
            throw new InvalidPayloadException("record has no value (a tombstone); raw topics carry VendChange envelopes");
        }
        final String after = change.getAfter();
        if (after == null && change.getOp() != Op.d) {
            throw new InvalidPayloadException("op=" + change.getOp() + " but 'after' is null");
        }
        return after;
    }

    /** A delete envelope, or an object with {@code deleted_at} set (Vend deletes softly). */
    public static boolean isDeleted(final VendChange change, final JsonNode json) {
        if (change.getOp() == Op.d) {
            return true;
        }
        return hasDeletedAt(json);
    }

    /** Whether a Vend record says it is deleted: a {@code deleted_at} that is not null or blank. */
    public static boolean hasDeletedAt(final JsonNode json) {
        final JsonNode deletedAt = json == null ? null : json.get("deleted_at");
        return deletedAt != null && !deletedAt.isNull() && !deletedAt.asText().isBlank();
    }

    /** The record key is the Vend id; a payload naming another object is a producer bug, not a record to map. */
    public static String id(final String key, final JsonNode json) throws InvalidPayloadException {
        if (key == null || key.isBlank()) {
            throw new InvalidPayloadException("record key (the Vend id) is missing");
        }
        final String id = text(json, "id");
        if (id != null && !id.equals(key)) {
            throw new InvalidPayloadException("'id' " + id + " does not match the record key " + key);
        }
        return key;
    }

    /** The object's {@code version}, else the envelope's (a delete without an object). */
    public static long version(final VendChange change, final JsonNode json) throws InvalidPayloadException {
        final JsonNode node = json == null ? null : json.get("version");
        if (node == null || node.isNull()) {
            return change.getSource().getVersion();
        }
        return wholeNumber(node, "version");
    }

    /** A whole number sent as a JSON number or as text (1.0 payloads send numbers as strings). */
    public static long wholeNumber(final JsonNode node, final String field) throws InvalidPayloadException {
        return whole(node, field, java.math.RoundingMode.UNNECESSARY);
    }

    /**
     * A stock level in whole units, rounded down: Vend keeps fractions of weighed or measured goods (its 2.0 spec types
     * {@code inventory_level} as a double), commercetools counts whole units, and only whole units can be sold online.
     */
    public static long wholeUnits(final JsonNode node, final String field) throws InvalidPayloadException {
        return whole(node, field, java.math.RoundingMode.FLOOR);
    }

    /** A number sent as a JSON number or as text, made whole by {@code rounding} (UNNECESSARY: a fraction is refused). */
    private static long whole(final JsonNode node, final String field, final java.math.RoundingMode rounding)
            throws InvalidPayloadException {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue(); // the common case, read without a BigDecimal (every stock change has two)
        }
        try {
            final BigDecimal value;
            if (node.isNumber()) {
                value = node.decimalValue();
            } else if (node.isTextual()) {
                value = new BigDecimal(node.asText().trim());
            } else {
                throw new InvalidPayloadException("field '" + field + "' is not a number: " + node);
            }
            return value.setScale(0, rounding).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidPayloadException("field '" + field + "' is not a whole number in range: " + node, e);
        }
    }

    /** A decimal sent as a JSON number or as text; null when absent, null or blank. */
    public static BigDecimal decimal(final JsonNode json, final String field) throws InvalidPayloadException {
        final JsonNode node = json == null ? null : json.get(field);
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            return null;
        }
        try {
            if (node.isNumber()) {
                return node.decimalValue();
            }
            if (node.isTextual()) {
                return new BigDecimal(node.asText().trim());
            }
        } catch (NumberFormatException e) {
            throw new InvalidPayloadException("field '" + field + "' is not a number: " + node, e);
        }
        throw new InvalidPayloadException("field '" + field + "' is not a number: " + node);
    }

    /** A date-time field as epoch millis ({@link #dateTimeMillis}); null when absent or blank, refused when unreadable. */
    public static Long dateTime(final JsonNode json, final String field) throws InvalidPayloadException {
        final String value = trimmed(json, field);
        if (value == null) {
            return null;
        }
        final Long millis = dateTimeMillis(value);
        if (millis == null) {
            throw new InvalidPayloadException("field '" + field + "' is not a date-time: " + value);
        }
        return millis;
    }

    /** A date-time as epoch millis: ISO-8601 with an offset or zone, or Vend's "2025-09-18 01:37:56" read as UTC; null when neither. */
    public static Long dateTimeMillis(final String value) {
        try {
            return java.time.OffsetDateTime.parse(value).toInstant().toEpochMilli();
        } catch (java.time.format.DateTimeParseException ignored) {
            // no offset
        }
        try {
            return java.time.Instant.parse(value).toEpochMilli();
        } catch (java.time.format.DateTimeParseException ignored) {
            // no zone
        }
        try {
            return java.time.LocalDateTime.parse(value.replace(' ', 'T')).toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
        } catch (java.time.format.DateTimeParseException ignored) {
            return null;
        }
    }

    /** A scalar field as trimmed text; null when absent, null, blank or not a scalar. */
    public static String trimmed(final JsonNode json, final String field) {
        final String value = text(json, field);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A scalar field as text, null when blank; not trimmed (an id is compared as Vend sent it). */
    public static String nonBlank(final JsonNode json, final String field) {
        final String value = text(json, field);
        return value == null || value.isBlank() ? null : value;
    }

    /** A code (currency, country) trimmed and upper-cased; null when absent or blank. */
    public static String upperCode(final String value) {
        return value == null || value.isBlank() ? null : value.trim().toUpperCase(java.util.Locale.ROOT);
    }

    /** An array field; absent or null reads as empty, any other shape is refused. */
    public static Iterable<JsonNode> array(final JsonNode json, final String field) throws InvalidPayloadException {
        final JsonNode node = json == null ? null : json.get(field);
        if (node == null || node.isNull()) {
            return java.util.List.of();
        }
        if (!node.isArray()) {
            throw new InvalidPayloadException("field '" + field + "' is not an array: " + node);
        }
        return node;
    }

    /** A boolean field; {@code absent} when absent or null, anything but a JSON boolean is refused. */
    public static boolean bool(final JsonNode json, final String field, final boolean absent) throws InvalidPayloadException {
        final JsonNode node = json == null ? null : json.get(field);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isBoolean()) {
            throw new InvalidPayloadException("field '" + field + "' is not a boolean: " + node);
        }
        return node.booleanValue();
    }

    /** A scalar field as text; null when absent, null or not a scalar. */
    public static String text(final JsonNode json, final String field) {
        final JsonNode node = json == null ? null : json.get(field);
        return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
    }
}
