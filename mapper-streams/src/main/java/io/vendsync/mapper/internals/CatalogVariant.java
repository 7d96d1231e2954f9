package io.vendsync.mapper.internals;

import io.vendsync.schemas.mapping.CommercetoolsVariant;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of a commercetools variant record the matching needs, as a plain record so joined values serialize as
 * JSON. {@code skuSharedWith}: other variants reporting the same SKU, as {@code <product_id>/<variant_id>}.
 */
public record CatalogVariant(String sku, String productId, String productKey, int variantId, List<String> skuSharedWith) {

    public CatalogVariant {
        skuSharedWith = skuSharedWith == null ? List.of() : List.copyOf(skuSharedWith);
    }

    /** Null for a tombstone. */
    public static CatalogVariant of(final CommercetoolsVariant variant) {
        return variant == null ? null : new CatalogVariant(variant.getSku(), variant.getProductId(), variant.getProductKey(),
                variant.getVariantId(), variant.getSkuSharedWith());
    }

    public boolean isSkuShared() {
        return !skuSharedWith.isEmpty();
    }

    /** Every variant reporting the SKU, this one first, as {@code <product_id>/<variant_id>}. */
    public List<String> variantRefs() {
        final List<String> refs = new ArrayList<>();
        refs.add(productId + "/" + variantId);
        refs.addAll(skuSharedWith);
        return refs;
    }
}
