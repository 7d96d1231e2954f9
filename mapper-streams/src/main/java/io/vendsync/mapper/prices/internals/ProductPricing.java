package io.vendsync.mapper.prices.internals;

import io.vendsync.mapper.vend.ProductOutletTaxes;
import io.vendsync.schemas.mapping.ProductResolution;

/** A product with what is specific to it: its SKU resolution, its outlet taxes, its price book entries. */
public record ProductPricing(PricedProduct product, ResolvedSku resolution, ProductOutletTaxes taxes, ProductBookPrices bookPrices) {

    /**
     * The fields of {@code mapping.product-resolution} pricing needs (kept as JSON in the stores; {@code inactive} false
     * in state written before it was kept).
     */
    public record ResolvedSku(String sku, String conflictCode, boolean deleted, long version, boolean inactive) {

        public static ResolvedSku of(final ProductResolution resolution) {
            return resolution == null ? null : new ResolvedSku(resolution.getSku(), resolution.getConflictCode(),
                    resolution.getDeleted(), resolution.getVersion(), !resolution.getActive());
        }
    }

    public ProductPricing withTaxes(final ProductOutletTaxes value) {
        return new ProductPricing(product, resolution, value == null ? ProductOutletTaxes.NONE : value, bookPrices);
    }

    public ProductPricing withBookPrices(final ProductBookPrices value) {
        return new ProductPricing(product, resolution, taxes, value == null ? ProductBookPrices.NONE : value);
    }

    public ProductPricing withResolution(final ProductResolution value) {
        return new ProductPricing(product, ResolvedSku.of(value), taxes, bookPrices);
    }
}
