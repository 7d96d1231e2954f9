package io.vendsync.mapper.vend;

import io.vendsync.mapper.internals.BomLine;
import com.fasterxml.jackson.databind.JsonNode;
import io.vendsync.schemas.raw.VendChange;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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

    /** Where Vend's documented shapes carry a composite's bill of materials, in the order they are looked for. */
    private static final List<String> BOM_FIELDS = List.of("composite_bom", "composite_components", "composite");

    /** All an inventory record is read for: it is read on every stock change, so the rest of the payload is skipped. */
    private static final Set<String> INVENTORY_FIELDS = Set.of("id", "product_id", "outlet_id", "inventory_level", "version",
            "deleted_at");

    private VendJsonParser() {
    }

    /**
     * An inventory record. The ingest keys raw inventory by product id (all of a product's stock in one partition), so
     * the record's own id comes from the payload; a record keyed by its own id (written before, or by another producer)
     * is read as well. A deletion must carry its record's id; its product is the payload's {@code product_id}, else the
     * key when the key is not the record's own id.
     */
    public static VendInventory inventory(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = VendEnvelope.after(change, INVENTORY_FIELDS);
        final boolean deleted = VendEnvelope.isDeleted(change, json);
        if (key == null || key.isBlank()) {
            throw new InvalidPayloadException("record key (the product id) is missing");
        }
        final String id = VendEnvelope.text(json, "id");
        if (id == null || id.isBlank()) {
            throw new InvalidPayloadException(deleted
                    ? "an inventory deletion without its record's 'id': raw inventory is keyed by product id, so the id must be in the payload"
                    : "'id' is missing");
        }
        final long version = VendEnvelope.version(change, json);
        final String named = VendEnvelope.text(json, "product_id");
        final String productId;
        if (deleted) {
            productId = named != null ? named : key.equals(id) ? null : key;
            if (productId == null) {
                throw new InvalidPayloadException("the deletion of inventory record " + id
                        + " names no 'product_id' and is keyed by the record's own id, so its product is unknown");
            }
        } else {
            productId = requiredText(json, "product_id");
        }
        if (!key.equals(productId) && !key.equals(id)) {
            throw new InvalidPayloadException("record key " + key + " is neither the 'product_id' " + productId
                    + " nor the 'id' " + id + " of the record");
        }
        if (deleted) {
            return new VendInventory(id, productId, VendEnvelope.text(json, "outlet_id"), 0L, version,
                    true, change.getSource().getTsMs(), change.getSource().getDomainPrefix(), false);
        }
        return new VendInventory(id, productId, requiredText(json, "outlet_id"),
                requiredWholeUnits(json, "inventory_level"), version, false, change.getSource().getTsMs(),
                change.getSource().getDomainPrefix(), false);
    }

    public static VendProduct product(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = VendEnvelope.after(change);
        final String id = VendEnvelope.id(key, json);
        final Map<String, String> unreadable = new TreeMap<>();
        // The SKU stays raw: the identity rules trim it, and report the whitespace they trimmed.
        return new VendProduct(id, VendEnvelope.text(json, "sku"), productCodes(json),
                VendEnvelope.bool(json, "has_inventory", true), // Vend's default: a product tracks inventory unless told otherwise
                VendEnvelope.bool(json, "is_composite", false), VendEnvelope.isDeleted(change, json),
                VendEnvelope.version(change, json), bom(id, json), VendEnvelope.text(json, "name"),
                VendEnvelope.text(json, "handle"), VendEnvelope.text(json, "description"),
                VendEnvelope.text(json, "variant_parent_id"), VendEnvelope.text(json, "variant_name"),
                readable(unreadable, "variant_options", List.of(), () -> variantOptions(json)),
                readable(unreadable, "active", true, () -> VendEnvelope.bool(json, "active", true)),
                readable(unreadable, "price_excluding_tax", null, () -> VendEnvelope.decimal(json, "price_excluding_tax")),
                readable(unreadable, "price_including_tax", null, () -> VendEnvelope.decimal(json, "price_including_tax")),
                change.getSource().getTsMs(), unreadable);
    }

    /** Reads a field only some topologies need; when it cannot be read, says why in {@code unreadable} and gives {@code absent}. */
    private static <T> T readable(final Map<String, String> unreadable, final String field, final T absent, final Field<T> reader) {
        try {
            return reader.read();
        } catch (InvalidPayloadException e) {
            unreadable.put(field, e.getMessage());
            return absent;
        }
    }

    @FunctionalInterface
    private interface Field<T> {
        T read() throws InvalidPayloadException;
    }

    /** {@code variant_options[{name, value}]}; absent or null reads as none, any other shape is refused. */
    private static List<VariantOption> variantOptions(final JsonNode json) throws InvalidPayloadException {
        final List<VariantOption> options = new ArrayList<>();
        for (final JsonNode entry : VendEnvelope.array(json, "variant_options")) {
            final String name = entry.isObject() ? VendEnvelope.text(entry, "name") : null;
            if (name == null || name.isBlank()) {
                throw new InvalidPayloadException("an entry of 'variant_options' has no name: " + entry);
            }
            final String value = VendEnvelope.text(entry, "value");
            options.add(new VariantOption(name.trim(), value == null ? "" : value.trim()));
        }
        return List.copyOf(options);
    }

    /**
     * The bill of materials of a composite: the first array present among {@code composite_bom} (date-versioned GET),
     * {@code composite_components} (2.1 update body) and {@code composite} (2.0 create body), each entry
     * {@code {product_id, quantity}}. Null when none is present. A component listed twice counts with its quantities added.
     * A malformed one is refused rather than read in part: a kit computed from part of its components would oversell.
     */
    private static List<BomLine> bom(final String compositeId, final JsonNode json) throws InvalidPayloadException {
        if (json == null) {
            return null;
        }
        for (final String field : BOM_FIELDS) {
            final JsonNode node = json.get(field);
            if (node == null || node.isNull()) {
                continue;
            }
            if (!node.isArray()) {
                throw new InvalidPayloadException("field '" + field + "' is not an array: " + node);
            }
            final Map<String, BigDecimal> quantities = new TreeMap<>();
            for (final JsonNode entry : node) {
                final String componentId = entry.isObject() ? VendEnvelope.text(entry, "product_id") : null;
                if (componentId == null || componentId.isBlank()) {
                    throw new InvalidPayloadException("an entry of '" + field + "' has no product_id: " + entry);
                }
                if (componentId.equals(compositeId)) {
                    throw new InvalidPayloadException("an entry of '" + field + "' names the composite itself: " + entry);
                }
                quantities.merge(componentId, bomQuantity(field, entry), BigDecimal::add);
            }
            final List<BomLine> lines = new ArrayList<>(quantities.size());
            quantities.forEach((componentId, quantity) -> lines.add(new BomLine(componentId, quantity)));
            return List.copyOf(lines);
        }
        return null;
    }

    /** A positive number, or a string holding one (Vend sends some decimals as strings). */
    private static BigDecimal bomQuantity(final String field, final JsonNode entry) throws InvalidPayloadException {
        final JsonNode node = entry.get("quantity");
        BigDecimal quantity = null;
        if (node != null && node.isNumber()) {
            quantity = node.decimalValue();
        } else if (node != null && node.isTextual()) {
            try {
                quantity = new BigDecimal(node.textValue().trim());
            } catch (NumberFormatException e) {
                quantity = null;
            }
        }
        if (quantity == null || quantity.signum() <= 0) {
            throw new InvalidPayloadException("an entry of '" + field + "' has no positive quantity: " + entry);
        }
        return quantity.stripTrailingZeros();
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
            codes.add(new ProductCode(VendEnvelope.text(entry, "type"), VendEnvelope.text(entry, "code")));
        }
        return List.copyOf(codes);
    }

    public static VendOutlet outlet(final String key, final VendChange change) throws InvalidPayloadException {
        final JsonNode json = VendEnvelope.after(change);
        final String displayPrices = VendEnvelope.trimmed(json, "display_prices");
        return new VendOutlet(VendEnvelope.id(key, json), VendEnvelope.text(json, "name"),
                VendEnvelope.upperCode(VendEnvelope.text(json, "currency")),
                displayPrices == null ? null : displayPrices.toLowerCase(Locale.ROOT),
                VendEnvelope.upperCode(VendEnvelope.text(json, "physical_country_id")), VendEnvelope.nonBlank(json, "default_tax_id"),
                VendEnvelope.isDeleted(change, json), VendEnvelope.version(change, json), change.getSource().getTsMs());
    }

    private static String requiredText(final JsonNode json, final String field) throws InvalidPayloadException {
        final String value = VendEnvelope.text(json, field);
        if (value == null || value.isBlank()) {
            throw new InvalidPayloadException("required field '" + field + "' is missing or blank");
        }
        return value;
    }

    private static long requiredWholeUnits(final JsonNode json, final String field) throws InvalidPayloadException {
        final JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            throw new InvalidPayloadException("required field '" + field + "' is missing");
        }
        return VendEnvelope.wholeUnits(node, field);
    }
}
