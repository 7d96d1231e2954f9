package io.vendsync.mapper.internals;

import java.util.List;

import io.vendsync.schemas.mapping.ProductIdentity;

/**
 * A Vend product's SKU candidates before the catalog decides: its normalised Vend SKU, an explicit override (null
 * when none), the commercetools variant with the Vend SKU (null when none), and its valid GTIN-14s (for the GTIN
 * lookup, which must have answered for each before the catalog can decide), what it is as a composite ({@link Kit},
 * null when it is none), and whether Vend marks it inactive (false in state written before it was kept).
 */
public record SkuSelection(String productId, String vendSku, String explicitSku, long version, boolean deleted,
                           boolean hasInventory, CatalogVariant catalogBySku, List<String> gtins, Kit kit, boolean inactive) {

    public SkuSelection {
        gtins = gtins == null ? List.of() : List.copyOf(gtins); // null: state written before GTINs were carried
    }

    public static SkuSelection of(final ProductIdentity identity, final String explicitSku) {
        return new SkuSelection(identity.getProductId(), identity.getSku(), explicitSku, identity.getVersion(),
                identity.getDeleted(), identity.getHasInventory(), null, identity.getGtins(),
                identity.getKit() == null ? null : Kit.valueOf(identity.getKit()), !identity.getActive());
    }

    public SkuSelection withCatalogBySku(final CatalogVariant variant) {
        return new SkuSelection(productId, vendSku, explicitSku, version, deleted, hasInventory, variant, gtins, kit, inactive);
    }
}
