package io.vendsync.mapper.internals;

import io.vendsync.schemas.mapping.ProductIdentity;
import java.util.List;

/**
 * The product side of an inventory record: the resolved identity (SKU = explicit override, else the
 * normalised Vend SKU) and the live products claiming that SKU. A plain record rather than the Avro
 * {@link ProductIdentity}, so the joined value serializes as JSON.
 *
 * @param skuClaimants live product ids with this SKU, sorted; may not yet include this product itself
 */
public record ProductState(String sku, boolean deleted, boolean hasInventory, long version, List<String> skuClaimants) {

    public ProductState {
        skuClaimants = skuClaimants == null ? List.of() : List.copyOf(skuClaimants); // null: state written before claimants existed
    }

    /** Null when the product is not known (yet). */
    public static ProductState of(final ProductIdentity identity, final Claimants claimants) {
        return identity == null ? null
                : new ProductState(identity.getSku(), identity.getDeleted(), identity.getHasInventory(), identity.getVersion(),
                        claimants == null ? List.of() : claimants.productIds());
    }

    /** Another live product has the same SKU. */
    public boolean isSkuContested(final String productId) {
        return new Claimants(skuClaimants).isClaimedByOtherThan(productId);
    }
}
