package io.vendsync.mapper.internals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vendsync.schemas.raw.Op;
import io.vendsync.schemas.raw.VendChange;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Vend API 2.0 objects carried as JSON text in {@link VendChange#getAfter()}. Only the fields
 * the mapper needs are read; everything else Vend sends is ignored, so new Vend fields never break us.
 *
 * <p>The version that orders changes is the object's own {@code version}; the envelope's
 * {@code source.version} (the same number, copied by the ingest) is the fallback when the JSON lacks it.
 * A delete ({@code op=d}, or {@code deleted_at} set) needs no other field, because it only has to win
 * against older versions.
 */
public final class VendJsonParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private VendJsonParser() {
    }

    public static VendInventory inventory(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = objectOrNullForDelete(change);
        final boolean deleted = isDeleted(change, json);
        final String id = id(key, json);
        final long version = version(change, json);
        if (deleted) {
            return new VendInventory(id, optionalText(json, "product_id"), optionalText(json, "outlet_id"), 0L, version,
                    true, change.getSource().getTsMs(), change.getSource().getDomainPrefix());
        }
        return new VendInventory(id, requiredText(json, "product_id"), requiredText(json, "outlet_id"),
                requiredWholeNumber(json, "inventory_level"), version, false, change.getSource().getTsMs(),
                change.getSource().getDomainPrefix());
    }

    public static VendProduct product(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = objectOrNullForDelete(change);
        // The SKU stays raw: the identity rules trim it, and report the whitespace they trimmed.
        return new VendProduct(id(key, json), optionalText(json, "sku"), productCodes(json),
                booleanOrTrue(json, "has_inventory"), booleanOrFalse(json, "is_composite"), isDeleted(change, json),
                version(change, json));
    }

    /** {@code product_codes[{type, code}]}; absent or null reads as none, any other shape is refused. */
    private static List<ProductCode> productCodes(final JsonNode json) throws InvalidPayloadException {
        final JsonNode node = json == null ? null : json.get("product_codes");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidPayloadException("field 'product_codes' is not an array: " + node);
        }
        final List<ProductCode> codes = new ArrayList<>(node.size());
        for (final JsonNode entry : node) {
            if (!entry.isObject()) {
                throw new InvalidPayloadException("an entry of 'product_codes' is not an object: " + entry);
            }
            codes.add(new ProductCode(optionalText(entry, "type"), optionalText(entry, "code")));
        }
        return List.copyOf(codes);
    }

    public static VendOutlet outlet(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = objectOrNullForDelete(change);
        return new VendOutlet(id(key, json), optionalText(json, "name"), isDeleted(change, json), version(change, json));
    }

    /** The {@code after} object; null only for a delete without one, which needs no fields. */
    private static JsonNode objectOrNullForDelete(final VendChange change) throws InvalidPayloadException {
        if (change == null) {
            throw new InvalidPayloadException("record has no value (a tombstone); raw topics carry VendChange envelopes");
        }
        final String after = change.getAfter();
        if (after == null) {
            if (change.getOp() == Op.d) {
                return null;
            }
            throw new InvalidPayloadException("op=" + change.getOp() + " but 'after' is null");
        }
        final JsonNode json;
        try {
            json = MAPPER.readTree(after);
        } catch (JsonProcessingException e) {
            throw new InvalidPayloadException("'after' is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (json == null || !json.isObject()) {
            throw new InvalidPayloadException("'after' is not a JSON object");
        }
        return json;
    }

    private static boolean isDeleted(final VendChange change, final JsonNode json) {
        if (change.getOp() == Op.d) {
            return true;
        }
        final JsonNode deletedAt = json == null ? null : json.get("deleted_at");
        return deletedAt != null && !deletedAt.isNull() && !deletedAt.asText().isBlank();
    }

    /** The record key is the Vend id; a payload naming another object is a producer bug, not a record to map. */
    private static String id(final String key, final JsonNode json) throws InvalidPayloadException {
        if (key == null || key.isBlank()) {
            throw new InvalidPayloadException("record key (the Vend id) is missing");
        }
        final String id = optionalText(json, "id");
        if (id != null && !id.equals(key)) {
            throw new InvalidPayloadException("'id' " + id + " does not match the record key " + key);
        }
        return key;
    }

    private static long version(final VendChange change, final JsonNode json) throws InvalidPayloadException {
        final JsonNode node = json == null ? null : json.get("version");
        if (node == null || node.isNull()) {
            return change.getSource().getVersion();
        }
        return wholeNumber(node, "version");
    }

    private static String requiredText(final JsonNode json, final String field) throws InvalidPayloadException {
        final String value = optionalText(json, field);
        if (value == null || value.isBlank()) {
            throw new InvalidPayloadException("required field '" + field + "' is missing or blank");
        }
        return value;
    }

    private static String optionalText(final JsonNode json, final String field) {
        final JsonNode node = json == null ? null : json.get(field);
        return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
    }

    private static boolean booleanOrFalse(final JsonNode json, final String field) throws InvalidPayloadException {
        final JsonNode node = json == null ? null : json.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw new InvalidPayloadException("field '" + field + "' is not a boolean: " + node);
        }
        return node.booleanValue();
    }

    private static boolean booleanOrTrue(final JsonNode json, final String field) throws InvalidPayloadException {
        final JsonNode node = json == null ? null : json.get(field);
        if (node == null || node.isNull()) {
            return true; // Vend's default: a product tracks inventory unless told otherwise
        }
        if (!node.isBoolean()) {
            throw new InvalidPayloadException("field '" + field + "' is not a boolean: " + node);
        }
        return node.booleanValue();
    }

    private static long requiredWholeNumber(final JsonNode json, final String field) throws InvalidPayloadException {
        final JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidPayloadException("required field '" + field + "' is missing");
        }
        return wholeNumber(node, field);
    }

    /** Accepts 12, 12.0 and "12" (Vend's 1.0 shapes send numbers as strings); refuses fractions rather than round them. */
    private static long wholeNumber(final JsonNode node, final String field) throws InvalidPayloadException {
        try {
            final BigDecimal value;
            if (node.isNumber()) {
                value = node.decimalValue();
            } else if (node.isTextual()) {
                value = new BigDecimal(node.asText().trim());
            } else {
                throw new InvalidPayloadException("field '" + field + "' is not a number: " + node);
            }
            return value.longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidPayloadException("field '" + field + "' is not a whole number in range: " + node, e);
        }
    }
}
