package io.vendsync.mapper.internals;

import io.vendsync.mapper.identity.SkuSource;

/**
 * A Vend product's identity after every SKU rule: {@code sku} is the commercetools SKU its stock goes to, from
 * {@code skuSource}; {@code conflict} set means the catalog matching withholds its stock (sku is then the Vend or
 * explicit SKU, for information only). {@code pending}: not decided yet, because the GTIN lookup has not answered
 * for every GTIN of this version; {@code kit}: see {@link Kit}, null for a product that is not a composite; nothing is published for it meanwhile, so a product matched by barcode never
 * passes through its Vend SKU on the way (which would create an entry, or a product, under the wrong SKU).
 * {@code inactive}: Vend marks it inactive (off sale).
 */
public record ResolvedProduct(String productId, String sku, SkuSource skuSource, long version, boolean deleted,
                              boolean hasInventory, CatalogConflict conflict, boolean pending, Kit kit, boolean inactive) {

    /**
     * Live, active, decided, with a SKU and no catalog conflict: only such a product claims its SKU. Vend does not keep
     * SKUs unique, and a retailer who replaces a product often makes the old one inactive and gives the new one its SKU.
     */
    public boolean claimsSku() {
        return ProductState.claimsSku(deleted, inactive, pending, sku, conflict);
    }

    /** An inactive product otherwise claiming its SKU: it yields it to an active one (see {@link Claimants}). */
    public boolean claimsSkuInactive() {
        return inactive && ProductState.claimsSku(deleted, false, pending, sku, conflict);
    }
}
