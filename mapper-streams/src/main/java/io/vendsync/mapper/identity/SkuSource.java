package io.vendsync.mapper.identity;

/**
 * Where a product's commercetools SKU came from, in order of precedence: an explicit override wins over a
 * catalog match by SKU, which wins over a match by GTIN, which wins over the Vend SKU.
 */
public enum SkuSource {
    /** An operator override on {@code mapping.product-sku}. */
    EXPLICIT,
    /** The (normalised) Vend SKU is a commercetools variant's SKU. */
    CATALOG_SKU,
    /** No variant has the Vend SKU, but exactly one carries a GTIN of the Vend product: its SKU is used. */
    CATALOG_GTIN,
    /** No match: the Vend SKU, under {@link CatalogMatchPolicy#CREATE}. */
    VEND_SKU
}
