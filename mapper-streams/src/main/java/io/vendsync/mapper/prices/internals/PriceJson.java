package io.vendsync.mapper.prices.internals;

import io.vendsync.mapper.vend.VendCustomerGroup;

import com.fasterxml.jackson.databind.JsonNode;
import io.vendsync.mapper.vend.InvalidPayloadException;
import io.vendsync.mapper.vend.VendEnvelope;
import io.vendsync.schemas.raw.VendChange;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Reads the Vend 2.0 objects pricing needs from {@link VendChange#getAfter()}, by the rules of the inventory mapper's
 * parser: the object's own {@code version} orders changes (the envelope's as fallback), a delete needs no other field,
 * an id that does not match the record key is refused. Numbers are accepted as JSON numbers or strings (1.0 shapes).
 */
public final class PriceJson {

    /** Vend writes "2024-05-01 00:00:00" as well as ISO-8601. */

    private PriceJson() {
    }

    public static PricedProduct product(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = VendEnvelope.after(change);
        return new PricedProduct(VendEnvelope.id(key, json), decimal(json, "price_excluding_tax"), decimal(json, "price_including_tax"),
                VendEnvelope.isDeleted(change, json), VendEnvelope.version(change, json), change.getSource().getTsMs());
    }

    public static PriceOutlet outlet(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = VendEnvelope.after(change);
        final boolean deleted = VendEnvelope.isDeleted(change, json);
        final String currency = upper(VendEnvelope.text(json, "currency"));
        if (!deleted && (currency == null || !currency.matches("[A-Z]{3}"))) {
            throw new InvalidPayloadException("outlet 'currency' is missing or not an ISO 4217 code: " + VendEnvelope.text(json, "currency"));
        }
        final String country = upper(VendEnvelope.text(json, "physical_country_id"));
        return new PriceOutlet(VendEnvelope.id(key, json), VendEnvelope.text(json, "name"), currency, lower(VendEnvelope.text(json, "display_prices")),
                country == null || country.isBlank() ? null : country, VendEnvelope.text(json, "default_tax_id"), deleted,
                VendEnvelope.version(change, json), change.getSource().getTsMs());
    }

    public static VendTax tax(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = VendEnvelope.after(change);
        final boolean deleted = VendEnvelope.isDeleted(change, json);
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
        final String displayName = VendEnvelope.text(json, "display_name");
        final String name = displayName == null || displayName.isBlank() ? VendEnvelope.text(json, "name") : displayName;
        final JsonNode isDefault = json == null ? null : json.get("is_default");
        return new VendTax(VendEnvelope.id(key, json), name == null ? key : name, rate, isDefault != null && isDefault.asBoolean(false), deleted,
                VendEnvelope.version(change, json),
                change.getSource().getTsMs());
    }

    /** Keyed {@code <product_id>/<outlet_id>} (outlet taxes have no id of their own). */
    public static OutletTax outletTax(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = VendEnvelope.after(change);
        if (key == null || key.isBlank()) {
            throw new InvalidPayloadException("record key (<product_id>/<outlet_id>) is missing");
        }
        final boolean deleted = VendEnvelope.isDeleted(change, json);
        final int slash = key.indexOf('/');
        final String productId = VendEnvelope.text(json, "product_id") != null ? VendEnvelope.text(json, "product_id") : slash < 0 ? null : key.substring(0, slash);
        final String outletId = VendEnvelope.text(json, "outlet_id") != null ? VendEnvelope.text(json, "outlet_id") : slash < 0 ? null : key.substring(slash + 1);
        if (productId == null || outletId == null || !key.equals(productId + "/" + outletId)) {
            throw new InvalidPayloadException("key " + key + " is not <product_id>/<outlet_id> of the record");
        }
        final String taxId = VendEnvelope.text(json, "tax_id");
        if (!deleted && (taxId == null || taxId.isBlank())) {
            throw new InvalidPayloadException("required field 'tax_id' is missing or blank");
        }
        return new OutletTax(key, productId, outletId, taxId, deleted, VendEnvelope.version(change, json), change.getSource().getTsMs());
    }

    public static PriceBook priceBook(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = VendEnvelope.after(change);
        final Long from = instant(json, "valid_from", false);
        final Long until = instant(json, "valid_to", true);
        if (from != null && until != null && until <= from) {
            throw new InvalidPayloadException("'valid_to' " + VendEnvelope.text(json, "valid_to") + " is not after 'valid_from' " + VendEnvelope.text(json, "valid_from"));
        }
        final String platformKey = VendEnvelope.text(json, "restrict_to_platform_key");
        try {
            io.vendsync.mapper.prices.PriceBookPlatform.ofVendKey(platformKey);
        } catch (IllegalArgumentException e) {
            throw new InvalidPayloadException(e.getMessage(), e);
        }
        return new PriceBook(VendEnvelope.id(key, json), VendEnvelope.text(json, "name"), VendEnvelope.text(json, "type"), blankToNull(VendEnvelope.text(json, "customer_group_id")),
                blankToNull(VendEnvelope.text(json, "outlet_id")), from, until, platformKey,
                VendEnvelope.isDeleted(change, json), VendEnvelope.version(change, json), change.getSource().getTsMs());
    }

    public static PriceBookEntry priceBookEntry(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = VendEnvelope.after(change);
        final boolean deleted = VendEnvelope.isDeleted(change, json);
        final String bookId = VendEnvelope.text(json, "price_book_id");
        final String productId = VendEnvelope.text(json, "product_id");
        final BigDecimal price = decimal(json, "price");
        if (!deleted && (bookId == null || productId == null || price == null)) {
            throw new InvalidPayloadException("required field 'price_book_id', 'product_id' or 'price' is missing");
        }
        return new PriceBookEntry(VendEnvelope.id(key, json), bookId, productId, price, blankToNull(VendEnvelope.text(json, "tax_id")), deleted,
                VendEnvelope.version(change, json), change.getSource().getTsMs());
    }

    public static VendCustomerGroup customerGroup(final String key, final VendChange change) throws InvalidPayloadException {
        return VendCustomerGroup.parse(key, change);
    }

    /** {@code currency} is an object {@code {code, symbol}} in 2.0, a plain code in older shapes. */
    public static VendRetailer retailer(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = VendEnvelope.after(change);
        if (json == null) {
            throw new InvalidPayloadException("the retailer cannot be deleted");
        }
        final JsonNode currency = json.get("currency");
        final String code = currency == null || currency.isNull() ? null
                : currency.isObject() ? VendEnvelope.text(currency, "code") : currency.asText();
        final JsonNode taxExclusive = json.get("tax_exclusive");
        if (taxExclusive != null && !taxExclusive.isNull() && !taxExclusive.isBoolean()) {
            throw new InvalidPayloadException("field 'tax_exclusive' is not a boolean: " + taxExclusive);
        }
        return new VendRetailer(VendEnvelope.id(key, json), taxExclusive != null && taxExclusive.asBoolean(false), upper(code),
                upper(VendEnvelope.text(json, "country")), VendEnvelope.version(change, json));
    }

    private static BigDecimal decimal(final JsonNode json, final String field) throws InvalidPayloadException {
        return VendEnvelope.decimal(json, field);
    }

    /**
     * A validity bound as epoch millis. With an offset it is exact; without one (Vend's "2024-05-01 00:00:00") it is read
     * as UTC. A bare date is the start of that day, except for an end bound ({@code valid_to}), where it is the start of the
     * next day, so the whole day named stays valid (commercetools' validUntil is exclusive).
     */
    private static Long instant(final JsonNode json, final String field, final boolean endBound) throws InvalidPayloadException {
        final String value = blankToNull(VendEnvelope.text(json, field));
        if (value == null) {
            return null;
        }
        final Long dateTime = VendEnvelope.dateTimeMillis(value);
        if (dateTime != null) {
            return dateTime;
        }
        try {
            final LocalDate date = LocalDate.parse(value);
            return (endBound ? date.plusDays(1) : date).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new InvalidPayloadException("field '" + field + "' is not a date or date-time: " + value, e);
        }
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
