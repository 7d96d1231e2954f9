package io.vendsync.mapper.products;

import io.vendsync.schemas.mapping.CommercetoolsVariant;

/** The commercetools variant a resolved SKU lives in, from {@code mapping.commercetools-variants}. */
public record CatalogMatch(String productId, String productKey, int variantId, String variantKey) {

    /** Null for a tombstone. */
    public static CatalogMatch of(final CommercetoolsVariant variant) {
        return variant == null ? null
                : new CatalogMatch(variant.getProductId(), variant.getProductKey(), variant.getVariantId(), variant.getVariantKey());
    }

    /** {@code <product id> (<product key>)}: how an error names the commercetools product. */
    public String describeProduct() {
        return productId + " (" + (productKey == null ? "no key" : productKey) + ")";
    }
}
