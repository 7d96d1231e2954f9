package io.vendsync.mapper.internals;

import io.vendsync.schemas.mapping.ProductIdentity;

/**
 * The product side of an inventory record after the first foreign-key join: a plain record rather than
 * the Avro {@link ProductIdentity}, so the joined value serializes as JSON.
 */
public record ProductState(String sku, boolean deleted, boolean hasInventory, long version) {

    /** Null when the product is not known (yet). */
    public static ProductState of(final ProductIdentity identity) {
        return identity == null ? null
                : new ProductState(identity.getSku(), identity.getDeleted(), identity.getHasInventory(), identity.getVersion());
    }
}
