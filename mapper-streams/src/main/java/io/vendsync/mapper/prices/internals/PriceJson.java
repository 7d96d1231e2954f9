package io.vendsync.mapper.prices.internals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vendsync.mapper.internals.InvalidPayloadException;
import io.vendsync.schemas.raw.Op;
import io.vendsync.schemas.raw.VendChange;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Reads the Vend 2.0 objects pricing needs from {@link VendChange#getAfter()}, by the rules of the inventory mapper's
 * parser: the object's own {@code version} orders changes (the envelope's as fallback), a delete needs no other field,
 * an id that does not match the record key is refused. Numbers are accepted as JSON numbers or strings (1.0 shapes).
 */
public final class PriceJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Vend writes "2024-05-01 00:00:00" as well as ISO-8601. */

    private PriceJson() {
    }

    public static PricedProduct product(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = objectOrNullForDelete(change);
        return new PricedProduct(id(key, json), decimal(json, "price_excluding_tax"), decimal(json, "price_including_tax"),
                isDeleted(change, json), version(change, json), change.getSource().getTsMs());
    }

    public static PriceOutlet outlet(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = objectOrNullForDelete(change);
        final boolean deleted = isDeleted(change, json);
        final String currency = upper(text(json, "currency"));
        if (!deleted && (currency == null || !currency.matches("[A-Z]{3}"))) {
            throw new InvalidPayloadException("outlet 'currency' is missing or not an ISO 4217 code: " + text(json, "currency"));
        }
        final String country = upper(text(json, "physical_country_id"));
        return new PriceOutlet(id(key, json), text(json, "name"), currency, lower(text(json, "display_prices")),
                country == null || country.isBlank() ? null : country, text(json, "default_tax_id"), deleted,
                version(change, json), change.getSource().getTsMs());
    }

    public static VendTax tax(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = objectOrNullForDelete(change);
        final boolean deleted = isDeleted(change, json);
        BigDecimal rate = BigDecimal.ZERO;
        final JsonNode rates = json == null ? null : json.get("rates");
        if (rates != null && !rates.isNull()) {
            if (!rates.isArray()) {
                throw new InvalidPayloadException("field 'rates' is not an array: " + rates);
            }
            for (final JsonNode entry : rates) {
                final BigDecimal part = decimal(entry, "rate");
                if (part == null) {
                    throw new InvalidPayloadException("an entry of 'rates' has no 'rate': " + entry);
                }
                rate = rate.add(part);
            }
        }
        final String displayName = text(json, "display_name");
        final String name = displayName == null || displayName.isBlank() ? text(json, "name") : displayName;
        final JsonNode isDefault = json == null ? null : json.get("is_default");
        return new VendTax(id(key, json), name == null ? key : name, rate, isDefault != null && isDefault.asBoolean(false), deleted,
                version(change, json),
                change.getSource().getTsMs());
    }

    /** Keyed {@code <product_id>/<outlet_id>} (outlet taxes have no id of their own). */
    public static OutletTax outletTax(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = objectOrNullForDelete(change);
        if (key == null || key.isBlank()) {
            throw new InvalidPayloadException("record key (<product_id>/<outlet_id>) is missing");
        }
        final boolean deleted = isDeleted(change, json);
        final int slash = key.indexOf('/');
        final String productId = text(json, "product_id") != null ? text(json, "product_id") : slash < 0 ? null : key.substring(0, slash);
        final String outletId = text(json, "outlet_id") != null ? text(json, "outlet_id") : slash < 0 ? null : key.substring(slash + 1);
        if (productId == null || outletId == null || !key.equals(productId + "/" + outletId)) {
            throw new InvalidPayloadException("key " + key + " is not <product_id>/<outlet_id> of the record");
        }
        final String taxId = text(json, "tax_id");
        if (!deleted && (taxId == null || taxId.isBlank())) {
            throw new InvalidPayloadException("required field 'tax_id' is missing or blank");
        }
        return new OutletTax(key, productId, outletId, taxId, deleted, version(change, json), change.getSource().getTsMs());
    }

    public static PriceBook priceBook(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = objectOrNullForDelete(change);
        final Long from = instant(json, "valid_from", false);
        final Long until = instant(json, "valid_to", true);
        if (from != null && until != null && until <= from) {
            throw new InvalidPayloadException("'valid_to' " + text(json, "valid_to") + " is not after 'valid_from' " + text(json, "valid_from"));
        }
        final String platformKey = text(json, "restrict_to_platform_key");
        try {
            io.vendsync.mapper.prices.PriceBookPlatform.ofVendKey(platformKey);
        } catch (IllegalArgumentException e) {
            throw new InvalidPayloadException(e.getMessage(), e);
        }
        return new PriceBook(id(key, json), text(json, "name"), text(json, "type"), blankToNull(text(json, "customer_group_id")),
                blankToNull(text(json, "outlet_id")), from, until, platformKey,
                isDeleted(change, json), version(change, json), change.getSource().getTsMs());
    }

    public static PriceBookEntry priceBookEntry(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = objectOrNullForDelete(change);
        final boolean deleted = isDeleted(change, json);
        final String bookId = text(json, "price_book_id");
        final String productId = text(json, "product_id");
        final BigDecimal price = decimal(json, "price");
        if (!deleted && (bookId == null || productId == null || price == null)) {
            throw new InvalidPayloadException("required field 'price_book_id', 'product_id' or 'price' is missing");
        }
        return new PriceBookEntry(id(key, json), bookId, productId, price, blankToNull(text(json, "tax_id")), deleted,
                version(change, json), change.getSource().getTsMs());
    }

    public static VendCustomerGroup customerGroup(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = objectOrNullForDelete(change);
        return new VendCustomerGroup(id(key, json), text(json, "name"), text(json, "group_id"), isDeleted(change, json),
                version(change, json), change.getSource().getTsMs());
    }

    /** {@code currency} is an object {@code {code, symbol}} in 2.0, a plain code in older shapes. */
    public static VendRetailer retailer(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = objectOrNullForDelete(change);
        if (json == null) {
            throw new InvalidPayloadException("the retailer cannot be deleted");
        }
        final JsonNode currency = json.get("currency");
        final String code = currency == null || currency.isNull() ? null
                : currency.isObject() ? text(currency, "code") : currency.asText();
        final JsonNode taxExclusive = json.get("tax_exclusive");
        if (taxExclusive != null && !taxExclusive.isNull() && !taxExclusive.isBoolean()) {
            throw new InvalidPayloadException("field 'tax_exclusive' is not a boolean: " + taxExclusive);
        }
        return new VendRetailer(id(key, json), taxExclusive != null && taxExclusive.asBoolean(false), upper(code),
                upper(text(json, "country")), version(change, json));
    }

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

    private static String id(final String key, final JsonNode json) throws InvalidPayloadException {
        if (key == null || key.isBlank()) {
            throw new InvalidPayloadException("record key (the Vend id) is missing");
        }
        final String id = text(json, "id");
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
        try {
            return (node.isTextual() ? new BigDecimal(node.asText().trim()) : node.decimalValue()).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidPayloadException("field 'version' is not a whole number: " + node, e);
        }
    }

    private static BigDecimal decimal(final JsonNode json, final String field) throws InvalidPayloadException {
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

    /**
     * A validity bound as epoch millis. With an offset it is exact; without one (Vend's "2024-05-01 00:00:00") it is read
     * as UTC. A bare date is the start of that day, except for an end bound ({@code valid_to}), where it is the start of the
     * next day, so the whole day named stays valid (commercetools' validUntil is exclusive).
     */
    private static Long instant(final JsonNode json, final String field, final boolean endBound) throws InvalidPayloadException {
        final String value = blankToNull(text(json, field));
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant().toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // not ISO with an offset; try the other shapes
        }
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // no zone
        }
        try {
            return LocalDateTime.parse(value.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // not a date-time
        }
        try {
            final LocalDate date = LocalDate.parse(value);
            return (endBound ? date.plusDays(1) : date).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new InvalidPayloadException("field '" + field + "' is not a date or date-time: " + value, e);
        }
    }

    private static String text(final JsonNode json, final String field) {
        final JsonNode node = json == null ? null : json.get(field);
        return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
    }

    private static String blankToNull(final String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String upper(final String value) {
        return value == null ? null : value.trim().toUpperCase(Locale.ROOT);
    }

    private static String lower(final String value) {
        return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
    }
}
