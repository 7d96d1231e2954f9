package io.vendsync.mapper.internals;

import io.vendsync.mapper.identity.SkuSource;

/**
 * A Vend product's identity after every SKU rule: {@code sku} is the commercetools SKU its stock goes to, from
 * {@code skuSource}; {@code conflict} set means the catalog matching withholds its stock (sku is then the Vend or
 * explicit SKU, for information only).
 */
public record ResolvedProduct(String productId, String sku, SkuSource skuSource, long version, boolean deleted,
                              boolean hasInventory, CatalogConflict conflict) {

    /** Live, with a SKU and no catalog conflict: only such a product claims its SKU. */
    public boolean claimsSku() {
        return !deleted && sku != null && conflict == null;
    }
}
