package io.vendsync.simulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A 2.0 product: standalone, a variant family's parent ({@code hasVariants}) or one of its children
 * ({@code variantParentId} set). Prices are kept as Vend does: the tax-exclusive price is authoritative
 * and the tax-inclusive one is derived from the retailer's default tax rate.
 *
 * @param productCodes the SKU as a CUSTOM code first (Vend adds it when missing), then barcodes
 */
public record Product(
        String id,
        String name,
        String handle,
        String sku,
        boolean active,
        BigDecimal priceExcludingTax,
        BigDecimal priceIncludingTax,
        BigDecimal supplyPrice,
        String variantParentId,
        boolean hasVariants,
        String variantName,
        List<VariantOption> variantOptions,
        List<ProductCode> productCodes,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt,
        long version) implements Versioned {

    public Product {
        variantOptions = List.copyOf(variantOptions);
        productCodes = List.copyOf(productCodes);
    }

    @Override
    public boolean deleted() {
        return deletedAt != null;
    }

    /** One option of a variant, e.g. Size = L. */
    public record VariantOption(String name, String value) {
    }

    /** A product code: {@code type} is CUSTOM, EAN, ISBN, ITF, JAN or UPC. */
    public record ProductCode(String type, String code) {

        public static ProductCode custom(final String sku) {
            return new ProductCode("CUSTOM", sku);
        }
    }

    /** A variant to add to a family: its SKU, options and barcode (null for none). */
    public record VariantSpec(String sku, List<VariantOption> options, ProductCode barcode) {
    }
}
