package io.vendsync.mapper.vend;

import com.fasterxml.jackson.databind.JsonNode;
import io.vendsync.schemas.raw.VendChange;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Reads a {@code raw.vend.customers} record into a {@link VendCustomer}; the only parser of Vend customers. */
public final class VendCustomerParser {

    private VendCustomerParser() {
    }

    public static VendCustomer customer(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = VendEnvelope.after(change);
        final String id = VendEnvelope.id(key, json);
        final boolean deleted = VendEnvelope.isDeleted(change, json);
        final long version = VendEnvelope.version(change, json);
        if (json == null) {
            return new VendCustomer(id, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, Map.of(), null, null, true, version);
        }
        final Map<String, String> custom = new LinkedHashMap<>();
        for (int f = 1; f <= 4; f++) {
            final String value = VendEnvelope.trimmed(json, "custom_field_" + f);
            if (value != null) {
                custom.put("custom_field_" + f, value);
            }
        }
        final String kind = addressKind(json);
        final String country = VendEnvelope.trimmed(json, kind + "_country_id");
        return new VendCustomer(id, VendEnvelope.trimmed(json, "customer_code"), email(json), VendEnvelope.trimmed(json, "first_name"),
                VendEnvelope.trimmed(json, "last_name"), VendEnvelope.trimmed(json, "company_name"), VendEnvelope.trimmed(json, "phone"), VendEnvelope.trimmed(json, "mobile"),
                dateOfBirth(json), VendEnvelope.trimmed(json, kind + "_address_1"), VendEnvelope.trimmed(json, kind + "_address_2"),
                VendEnvelope.trimmed(json, kind + "_suburb"), VendEnvelope.trimmed(json, kind + "_city"), VendEnvelope.trimmed(json, kind + "_postcode"),
                VendEnvelope.trimmed(json, kind + "_state"), country == null ? null : country.toUpperCase(Locale.ROOT), doNotEmail(json),
                VendEnvelope.trimmed(json, "customer_group_id"), custom, VendEnvelope.dateTime(json, "created_at"), VendEnvelope.dateTime(json, "updated_at"), deleted, version);
    }

    /** The parts of an address that say where, not only in which state or country. */
    private static final String[] ADDRESS_LINES = {"_address_1", "_address_2", "_suburb", "_city", "_postcode"};
    private static final String[] ADDRESS_REGION = {"_state", "_country_id"};

    /**
     * Which of Vend's two addresses (2.0 Customer: {@code physical_*} and {@code postal_*}) the customer's address is:
     * the physical one, or the postal one when the cashier filled in only that. A physical address of only a state or a
     * country (what a store's default leaves) is no address against a postal one with lines.
     */
    private static String addressKind(final JsonNode json) {
        if (any(json, "physical", ADDRESS_LINES)) {
            return "physical";
        }
        if (any(json, "postal", ADDRESS_LINES)) {
            return "postal";
        }
        return any(json, "physical", ADDRESS_REGION) || !any(json, "postal", ADDRESS_REGION) ? "physical" : "postal";
    }

    private static boolean any(final JsonNode json, final String kind, final String[] parts) {
        for (final String part : parts) {
            if (VendEnvelope.trimmed(json, kind + part) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The email without the blanks around it, Unicode's too ({@link Blanks}): one pasted from a web page or a spreadsheet
     * can end in a no-break or zero-width space, which would make it another email than its twin's and the web-shop
     * account's.
     */
    private static String email(final JsonNode json) {
        final String value = VendEnvelope.trimmed(json, "email");
        final String stripped = value == null ? "" : Blanks.strip(value);
        return stripped.isEmpty() ? null : stripped;
    }

    /** Vend sends a date or a timestamp; commercetools takes a date. */
    private static String dateOfBirth(final JsonNode json) throws InvalidPayloadException {
        final String value = VendEnvelope.trimmed(json, "date_of_birth");
        if (value == null) {
            return null;
        }
        final String date = value.length() >= 10 ? value.substring(0, 10) : value;
        if (date.equals("0000-00-00")) {
            return null; // older Vend APIs send a zero date for "not given"
        }
        try {
            return LocalDate.parse(date).toString();
        } catch (DateTimeParseException e) {
            // Not the value: a birth date is personal data, and the error topic is read more widely than the customers'.
            throw new InvalidPayloadException("field 'date_of_birth' is not a date (YYYY-MM-DD)", e);
        }
    }

    private static Boolean doNotEmail(final JsonNode json) throws InvalidPayloadException {
        final JsonNode node = json.get("do_not_email");
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        // 1.0 payloads (webhooks) send flags as 0/1 or "0"/"1".
        final String text = node.asText().trim();
        if (text.equals("1") || text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equals("0") || text.equalsIgnoreCase("false")) {
            return false;
        }
        throw new InvalidPayloadException("field 'do_not_email' is not a boolean: " + node);
    }
}
