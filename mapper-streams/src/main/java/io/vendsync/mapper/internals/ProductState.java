package io.vendsync.mapper.internals;

import io.vendsync.mapper.identity.SkuSource;
import java.util.List;

/**
 * The product side of an inventory record: the resolved identity (see {@link CatalogMatcher} for the SKU precedence),
 * the live products claiming that SKU, and the catalog conflict that withholds its stock, if any.
 *
 * @param skuClaimants    live product ids with this SKU, sorted; may not yet include this product itself (see
 *                        {@link #claimsCounted})
 * @param skuSource       where the SKU came from; null in state written before catalog matching existed
 * @param catalogConflict set when the catalog matching withholds the product's stock
 * @param pending         the catalog matching has not decided yet (see {@link ResolvedProduct}): nothing is published
 * @param kit             what it is as a composite; null when it is none (or in state written before kits were derived)
 * @param inactive        Vend marks it inactive: it claims no SKU (false in state written before it was kept)
 */
public record ProductState(String sku, boolean deleted, boolean hasInventory, long version, List<String> skuClaimants,
                           SkuSource skuSource, CatalogConflict catalogConflict, boolean pending, Kit kit, boolean inactive) {

    public ProductState {
        skuClaimants = skuClaimants == null ? List.of() : List.copyOf(skuClaimants); // null: state written before claimants existed
    }

    /** Null when the product is not known (yet). */
    public static ProductState of(final ResolvedProduct product, final Claimants claimants) {
        return product == null ? null
                : new ProductState(product.sku(), product.deleted(), product.hasInventory(), product.version(),
                        claimants == null ? List.of() : claimants.productIds(), product.skuSource(), product.conflict(),
                        product.pending(), product.kit(), product.inactive());
    }

    /**
     * Whether {@link #skuClaimants} can be trusted for this product: it claims no SKU (deleted, pending, without one, or
     * withheld by a catalog conflict), or its own claim has been counted. The claimants come back through a foreign-key
     * join that races the claim's own aggregation; before the claim is counted they may read "nobody else", and a
     * duplicate published then would have its stock sent before the conflict is known.
     */
    public boolean claimsCounted(final String productId) {
        return !claimsSku(deleted, inactive, pending, sku, catalogConflict) || skuClaimants.contains(productId);
    }

    /** Whether a product claims its SKU: live, active, decided, with a SKU and no catalog conflict. */
    static boolean claimsSku(final boolean deleted, final boolean inactive, final boolean pending, final String sku,
                             final CatalogConflict conflict) {
        return !deleted && !inactive && !pending && sku != null && conflict == null;
    }

    /** Another live product has the same SKU. */
    public boolean isSkuContested(final String productId) {
        return new Claimants(skuClaimants).isClaimedByOtherThan(productId);
    }
}
