package io.vendsync.mapper.internals;

import io.vendsync.schemas.mapping.ProductIdentity;

/**
 * A Vend product's SKU candidates before the catalog decides: its normalised Vend SKU, an explicit override (null
 * when none), and the commercetools variant with the Vend SKU (null when none).
 */
public record SkuSelection(String productId, String vendSku, String explicitSku, long version, boolean deleted,
                           boolean hasInventory, CatalogVariant catalogBySku) {

    public static SkuSelection of(final ProductIdentity identity, final String explicitSku) {
        return new SkuSelection(identity.getProductId(), identity.getSku(), explicitSku, identity.getVersion(),
                identity.getDeleted(), identity.getHasInventory(), null);
    }

    public SkuSelection withCatalogBySku(final CatalogVariant variant) {
        return new SkuSelection(productId, vendSku, explicitSku, version, deleted, hasInventory, variant);
    }
}
