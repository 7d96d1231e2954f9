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
 * @param inactive        Vend marks it inactive: it yields its SKU to an active product (false in state written before it
 *                        was kept)
 * @param inactiveSkuClaimants the live inactive product ids with this SKU, sorted (see {@link Claimants})
 */
public record ProductState(String sku, boolean deleted, boolean hasInventory, long version, List<String> skuClaimants,
                           SkuSource skuSource, CatalogConflict catalogConflict, boolean pending, Kit kit, boolean inactive,
                           List<String> inactiveSkuClaimants) {

    public ProductState {
        skuClaimants = skuClaimants == null ? List.of() : List.copyOf(skuClaimants); // null: state written before claimants existed
        inactiveSkuClaimants = inactiveSkuClaimants == null ? List.of() : List.copyOf(inactiveSkuClaimants);
    }

    /** Null when the product is not known (yet). */
    public static ProductState of(final ResolvedProduct product, final Claimants claimants) {
        return product == null ? null
                : new ProductState(product.sku(), product.deleted(), product.hasInventory(), product.version(),
                        claimants == null ? List.of() : claimants.productIds(), product.skuSource(), product.conflict(),
                        product.pending(), product.kit(), product.inactive(), claimants == null ? List.of() : claimants.inactiveIds());
    }

    /**
     * Whether {@link #skuClaimants} can be trusted for this product: it claims no SKU (deleted, pending, without one, or
     * withheld by a catalog conflict), or its own claim has been counted. The claimants come back through a foreign-key
     * join that races the claim's own aggregation; before the claim is counted they may read "nobody else", and a
     * duplicate published then would have its stock sent before the conflict is known.
     */
    public boolean claimsCounted(final String productId) {
        if (claimsSku(deleted, inactive, pending, sku, catalogConflict)) {
            return skuClaimants.contains(productId);
        }
        return !claimsSku(deleted, false, pending, sku, catalogConflict) || inactiveSkuClaimants.contains(productId);
    }

    /** Whether a product claims its SKU: live, active, decided, with a SKU and no catalog conflict. */
    static boolean claimsSku(final boolean deleted, final boolean inactive, final boolean pending, final String sku,
                             final CatalogConflict conflict) {
        return !deleted && !inactive && !pending && sku != null && conflict == null;
    }

    /**
     * Another product holds the SKU: for an active claimant, another active one; for any other product (inactive, or
     * deleted and writing its 0), any other live one, active or inactive, whose stock it must not write over.
     */
    public boolean isSkuContested(final String productId) {
        if (claimsSku(deleted, inactive, pending, sku, catalogConflict)) {
            return new Claimants(skuClaimants).isClaimedByOtherThan(productId);
        }
        return !skuHolders(productId).isEmpty();
    }

    /** The live products other than {@code productId} that have the SKU, active first. */
    public List<String> skuHolders(final String productId) {
        final List<String> others = new java.util.ArrayList<>();
        skuClaimants.stream().filter(id -> !id.equals(productId)).forEach(others::add);
        inactiveSkuClaimants.stream().filter(id -> !id.equals(productId)).forEach(others::add);
        return others;
    }
}
