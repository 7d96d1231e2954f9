package io.vendsync.mapper.internals;

import io.vendsync.mapper.identity.Sku;
import io.vendsync.mapper.identity.Skus;
import io.vendsync.schemas.mapping.ProductSkuOverride;

/** The rule an explicit product SKU override must meet to be used; the CSV import applies the same one. */
public final class SkuOverrides {

    private SkuOverrides() {
    }

    /** Why the override cannot be used, or null when it can. */
    public static String problem(final String productId, final ProductSkuOverride override, final Skus skus) {
        if (!productId.equals(override.getProductId())) {
            return "its product_id " + override.getProductId() + " differs from the record key";
        }
        final Sku sku = skus.normalise(override.getSku());
        if (sku.isMissing()) {
            return "its SKU is blank";
        }
        if (sku.hasWhitespace()) {
            // Explicit means exact: rather than silently trimming the operator's value, ask for the intended one.
            return "its SKU '" + override.getSku() + "' has whitespace (did you mean '" + sku.suggestion() + "'?)";
        }
        return null;
    }
}
