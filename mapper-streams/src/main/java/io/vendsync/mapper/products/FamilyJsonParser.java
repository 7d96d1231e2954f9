package io.vendsync.mapper.products;

import com.fasterxml.jackson.databind.JsonNode;
import io.vendsync.mapper.identity.Skus;
import io.vendsync.mapper.internals.IdentifiedProduct;
import io.vendsync.mapper.vend.InvalidPayloadException;
import io.vendsync.mapper.vend.VendEnvelope;
import io.vendsync.mapper.vend.VendProduct;
import io.vendsync.schemas.raw.VendChange;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Vend 2.0 fields the product mapper needs beyond the shared identity fields ({@code VendJsonParser.product}
 * reads id, sku, product_codes, deleted and version, and its failures are reported by the inventory mapper already):
 * name, handle, description, variant_parent_id, variant_name, variant_options, active. Outlet taxes and outlets too.
 */
public final class FamilyJsonParser {


    private FamilyJsonParser() {
    }

    /** The family fields of {@code product}, which the shared parser has read from the same change. */
    public static FamilyMember member(final VendProduct product, final VendChange change, final Skus skus)
            throws InvalidPayloadException {
        final JsonNode json = VendEnvelope.after(change);
        final String parentId = VendEnvelope.text(json, "variant_parent_id");
        final String familyId = parentId == null || parentId.isBlank() ? product.id() : parentId;
        final List<String> gtins = IdentifiedProduct.of(product, skus).gtins();
        return new FamilyMember(product.id(), familyId, VendEnvelope.text(json, "name"), VendEnvelope.text(json, "handle"), VendEnvelope.text(json, "description"),
                VendEnvelope.text(json, "variant_name"), options(json), gtins, booleanOrTrue(json, "active"), product.deleted(),
                product.version(), change.getSource().getTsMs());
    }

    /** An {@code outlet_taxes} record, keyed {@code <product_id>/<outlet_id>}; it has no id of its own. */
    public static OutletTax outletTax(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = VendEnvelope.after(change);
        final int slash = key == null ? -1 : key.indexOf('/');
        if (slash <= 0 || slash == key.length() - 1) {
            throw new InvalidPayloadException("record key '" + key + "' is not <product_id>/<outlet_id>");
        }
        final String productId = key.substring(0, slash);
        final String outletId = key.substring(slash + 1);
        if (json != null) {
            requireEqual(json, "product_id", productId, key);
            requireEqual(json, "outlet_id", outletId, key);
        }
        final boolean deleted = VendEnvelope.isDeleted(change, json);
        final String taxId = VendEnvelope.text(json, "tax_id");
        if (!deleted && (taxId == null || taxId.isBlank())) {
            throw new InvalidPayloadException("required field 'tax_id' is missing or blank");
        }
        return new OutletTax(productId, outletId, taxId, deleted, VendEnvelope.version(change, json));
    }

    public static Outlet outlet(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = VendEnvelope.after(change);
        if (key == null || key.isBlank()) {
            throw new InvalidPayloadException("record key (the Vend id) is missing");
        }
        final String taxId = VendEnvelope.text(json, "default_tax_id");
        return new Outlet(key, taxId == null || taxId.isBlank() ? null : taxId, VendEnvelope.isDeleted(change, json), VendEnvelope.version(change, json));
    }

    /** A 2.0 tax: {@code id, is_default, deleted_at, version}. */
    public static StoreTax tax(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = VendEnvelope.after(change);
        if (key == null || key.isBlank()) {
            throw new InvalidPayloadException("record key (the Vend id) is missing");
        }
        final JsonNode isDefault = json == null ? null : json.get("is_default");
        return new StoreTax(key, isDefault != null && isDefault.asBoolean(false), VendEnvelope.isDeleted(change, json), VendEnvelope.version(change, json));
    }

    private static void requireEqual(final JsonNode json, final String field, final String expected, final String key)
            throws InvalidPayloadException {
        final String value = VendEnvelope.text(json, field);
        if (value != null && !value.equals(expected)) {
            throw new InvalidPayloadException("'" + field + "' " + value + " does not match the record key " + key);
        }
    }

    /** {@code variant_options[{name, value}]}; absent or null reads as none, any other shape is refused. */
    private static List<VariantOption> options(final JsonNode json) throws InvalidPayloadException {
        final JsonNode node = json == null ? null : json.get("variant_options");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new InvalidPayloadException("field 'variant_options' is not an array: " + node);
        }
        final List<VariantOption> options = new ArrayList<>(node.size());
        for (final JsonNode entry : node) {
            final String name = entry.isObject() ? VendEnvelope.text(entry, "name") : null;
            if (name == null || name.isBlank()) {
                throw new InvalidPayloadException("an entry of 'variant_options' has no name: " + entry);
            }
            final String value = VendEnvelope.text(entry, "value");
            options.add(new VariantOption(name.trim(), value == null ? "" : value.trim()));
        }
        return List.copyOf(options);
    }

    private static boolean booleanOrTrue(final JsonNode json, final String field) throws InvalidPayloadException {
        final JsonNode node = json == null ? null : json.get(field);
        if (node == null || node.isNull()) {
            return true;
        }
        if (!node.isBoolean()) {
            throw new InvalidPayloadException("field '" + field + "' is not a boolean: " + node);
        }
        return node.booleanValue();
    }
}
