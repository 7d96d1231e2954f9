package io.vendsync.mapper.vend;

import io.vendsync.mapper.internals.BomLine;
import io.vendsync.mapper.internals.Kit;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Vend 2.0 product, the one record every topology reads products into.
 *
 * <p>Identifiers as Vend sent them: {@code sku} raw (untrimmed, may be blank or null), so the identity rules can report
 * whitespace; {@code productCodes} empty when Vend sent none; {@code bom} the bill of materials of a composite (one line
 * per component, quantities of a repeated component added up), null when Vend sent none.
 *
 * <p>Family fields ({@code variant_parent_id}, {@code variant_name}, {@code variant_options}, {@code active}, name,
 * handle, description) and prices ({@code price_excluding_tax}, {@code price_including_tax}) are read too. A field only
 * some topologies need that cannot be read does not make the product unreadable: it is listed in {@code unreadable}
 * (field -> why) and a topology that needs it refuses the product with {@link #require}, while the others go on.
 *
 * @param tsMs {@code source.ts_ms} of the raw change
 */
public record VendProduct(String id, String sku, List<ProductCode> productCodes, boolean hasInventory, boolean composite,
                          boolean deleted, long version, List<BomLine> bom, String name, String handle, String description,
                          String variantParentId, String variantName, List<VariantOption> variantOptions, boolean active,
                          BigDecimal priceExcludingTax, BigDecimal priceIncludingTax, long tsMs,
                          Map<String, String> unreadable) {

    public VendProduct {
        productCodes = productCodes == null ? List.of() : List.copyOf(productCodes);
        variantOptions = variantOptions == null ? List.of() : List.copyOf(variantOptions);
        unreadable = unreadable == null ? Map.of() : new TreeMap<>(unreadable);
    }

    /**
     * Whether Vend keeps stock of its own for the product: not when has_inventory is false (services), and not for a
     * composite, whose stock is derived from its components (see {@link Kit}).
     */
    public boolean tracksStock() {
        return hasInventory && !composite;
    }

    /** Null when the product is not a composite. */
    public Kit kit() {
        return Kit.of(composite, bom);
    }

    /** The family it belongs to: {@code variant_parent_id}, or its own id for a family parent or a standalone product. */
    public String familyId() {
        return variantParentId == null || variantParentId.isBlank() ? id : variantParentId;
    }

    /** Refuses the product, saying why, when one of {@code fields} could not be read. */
    public VendProduct require(final String... fields) throws InvalidPayloadException {
        for (final String field : fields) {
            final String reason = unreadable.get(field);
            if (reason != null) {
                throw new InvalidPayloadException(reason);
            }
        }
        return this;
    }
}
