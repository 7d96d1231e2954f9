package io.vendsync.mapper.vend;

import com.fasterxml.jackson.databind.JsonNode;
import io.vendsync.schemas.raw.VendChange;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the store's small Vend 2.0 objects products, prices and sales refer to: outlet taxes, taxes, the retailer,
 * registers, payment types and customer groups. By the rules of {@link VendJsonParser}: the object's own {@code version}
 * orders changes, a delete needs no other field, an id that does not match the record key is refused.
 */
public final class VendReferenceParser {

    private VendReferenceParser() {
    }

    /** Keyed {@code <product_id>/<outlet_id>} (outlet taxes have no id of their own). */
    public static VendOutletTax outletTax(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = VendEnvelope.after(change);
        if (key == null || key.isBlank()) {
            throw new InvalidPayloadException("record key (<product_id>/<outlet_id>) is missing");
        }
        final int slash = key.indexOf('/');
        final String named = VendEnvelope.text(json, "product_id");
        final String at = VendEnvelope.text(json, "outlet_id");
        final String productId = named != null ? named : slash < 0 ? null : key.substring(0, slash);
        final String outletId = at != null ? at : slash < 0 ? null : key.substring(slash + 1);
        if (productId == null || productId.isEmpty() || outletId == null || outletId.isEmpty()
                || !key.equals(productId + "/" + outletId)) {
            throw new InvalidPayloadException("record key '" + key + "' is not <product_id>/<outlet_id> of the record");
        }
        final boolean deleted = VendEnvelope.isDeleted(change, json);
        final String taxId = VendEnvelope.nonBlank(json, "tax_id");
        if (!deleted && taxId == null) {
            throw new InvalidPayloadException("required field 'tax_id' is missing or blank");
        }
        return new VendOutletTax(key, productId, outletId, taxId, deleted, VendEnvelope.version(change, json),
                change.getSource().getTsMs());
    }

    /** A tax and its {@code rates[]}; every rate needs its {@code rate}, its id is optional here. */
    public static VendTax tax(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = VendEnvelope.after(change);
        final List<VendTaxRate> rates = new ArrayList<>();
        for (final JsonNode entry : VendEnvelope.array(json, "rates")) {
            final BigDecimal rate = VendEnvelope.decimal(entry, "rate");
            if (rate == null) {
                throw new InvalidPayloadException("an entry of 'rates' has no 'rate': " + entry);
            }
            rates.add(new VendTaxRate(VendEnvelope.trimmed(entry, "id"), VendEnvelope.text(entry, "name"), rate));
        }
        final JsonNode isDefault = json == null ? null : json.get("is_default");
        return new VendTax(VendEnvelope.id(key, json), VendEnvelope.text(json, "name"), VendEnvelope.text(json, "display_name"),
                rates, isDefault != null && isDefault.asBoolean(false), VendEnvelope.isDeleted(change, json),
                VendEnvelope.version(change, json), change.getSource().getTsMs());
    }

    /**
     * {@code currency} is an object {@code {code, symbol}} in 2.0, a plain code in older shapes. Vend's specs type the
     * retailer's {@code version} as a string: one that is not a whole number must not lose the retailer, so it is read at
     * the version the ingest gave the record (the time it read it).
     */
    public static VendRetailer retailer(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = VendEnvelope.after(change);
        if (json == null) {
            throw new InvalidPayloadException("the retailer cannot be deleted");
        }
        final JsonNode currency = json.get("currency");
        final String code = currency == null || currency.isNull() ? null
                : currency.isObject() ? VendEnvelope.text(currency, "code") : currency.asText();
        return new VendRetailer(VendEnvelope.id(key, json), VendEnvelope.bool(json, "tax_exclusive", false),
                VendEnvelope.upperCode(code), VendEnvelope.upperCode(VendEnvelope.text(json, "country")),
                VendEnvelope.trimmed(json, "discount_product_id"), retailerVersion(change, json));
    }

    private static long retailerVersion(final VendChange change, final JsonNode json) {
        try {
            return VendEnvelope.version(change, json);
        } catch (InvalidPayloadException e) {
            return change.getSource().getVersion();
        }
    }

    public static VendRegister register(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = VendEnvelope.after(change);
        return new VendRegister(VendEnvelope.id(key, json), VendEnvelope.text(json, "name"), VendEnvelope.text(json, "outlet_id"),
                VendEnvelope.isDeleted(change, json), VendEnvelope.version(change, json));
    }

    public static VendPaymentType paymentType(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = VendEnvelope.after(change);
        return new VendPaymentType(VendEnvelope.id(key, json), VendEnvelope.text(json, "name"), VendEnvelope.text(json, "type_id"),
                VendEnvelope.isDeleted(change, json), VendEnvelope.version(change, json));
    }

    public static VendCustomerGroup customerGroup(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = VendEnvelope.after(change);
        return new VendCustomerGroup(VendEnvelope.id(key, json), VendEnvelope.text(json, "name"), VendEnvelope.text(json, "group_id"),
                VendEnvelope.isDeleted(change, json), VendEnvelope.version(change, json), change.getSource().getTsMs());
    }
}
