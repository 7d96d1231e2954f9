package io.vendsync.mapper.vend;

import com.fasterxml.jackson.databind.JsonNode;
import io.vendsync.schemas.raw.VendChange;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reads Vend 2.0 price books and their products (entries), by the rules of {@link VendJsonParser}. */
public final class VendPriceBookParser {

    private VendPriceBookParser() {
    }

    public static VendPriceBook priceBook(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = VendEnvelope.after(change);
        final Long from = instant(json, "valid_from", false);
        final Long until = instant(json, "valid_to", true);
        if (from != null && until != null && until <= from) {
            throw new InvalidPayloadException("'valid_to' " + VendEnvelope.text(json, "valid_to") + " is not after 'valid_from' "
                    + VendEnvelope.text(json, "valid_from"));
        }
        return new VendPriceBook(VendEnvelope.id(key, json), VendEnvelope.text(json, "name"), VendEnvelope.text(json, "type"),
                VendEnvelope.trimmed(json, "customer_group_id"), VendEnvelope.trimmed(json, "outlet_id"), from, until,
                VendEnvelope.text(json, "restrict_to_platform_key"), VendEnvelope.isDeleted(change, json),
                VendEnvelope.version(change, json), change.getSource().getTsMs());
    }

    /** The largest quantity a commercetools price tier can start from (its minimumQuantity is an Int). */
    private static final BigDecimal MAX_UNITS = BigDecimal.valueOf(Integer.MAX_VALUE);

    public static VendPriceBookEntry priceBookEntry(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = VendEnvelope.after(change);
        final boolean deleted = VendEnvelope.isDeleted(change, json);
        final String bookId = VendEnvelope.text(json, "price_book_id");
        final String productId = VendEnvelope.text(json, "product_id");
        final BigDecimal price = VendEnvelope.decimal(json, "price");
        if (!deleted && (bookId == null || productId == null || price == null)) {
            throw new InvalidPayloadException("required field 'price_book_id', 'product_id' or 'price' is missing");
        }
        final BigDecimal minUnits = VendEnvelope.decimal(json, "min_units");
        final BigDecimal maxUnits = VendEnvelope.decimal(json, "max_units");
        if (!deleted && (minUnits != null && (minUnits.signum() < 0 || minUnits.compareTo(MAX_UNITS) > 0)
                || maxUnits != null && maxUnits.signum() < 0
                || minUnits != null && maxUnits != null && maxUnits.signum() > 0 && maxUnits.compareTo(minUnits) < 0)) {
            throw new InvalidPayloadException("'min_units' " + minUnits + " and 'max_units' " + maxUnits + " are no quantity range");
        }
        return new VendPriceBookEntry(VendEnvelope.id(key, json), bookId, productId, price, VendEnvelope.trimmed(json, "tax_id"),
                deleted, VendEnvelope.version(change, json), change.getSource().getTsMs(), minUnits, maxUnits);
    }

    /**
     * A validity bound as epoch millis. With an offset it is exact; without one (Vend's "2024-05-01 00:00:00") it is read
     * as UTC. A bare date is the start of that day, except for an end bound ({@code valid_to}), where it is the start of the
     * next day, so the whole day named stays valid (commercetools' validUntil is exclusive).
     */
    private static Long instant(final JsonNode json, final String field, final boolean endBound) throws InvalidPayloadException {
        final String value = VendEnvelope.trimmed(json, field);
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
}
