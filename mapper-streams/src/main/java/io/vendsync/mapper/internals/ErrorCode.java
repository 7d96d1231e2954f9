package io.vendsync.mapper.internals;

/** The stable {@code code} values of the validation errors the mapper publishes; dashboards and alerts match on them. */
public enum ErrorCode {
    /** No product record for the inventory's product_id yet; flows by itself once the product arrives. */
    PRODUCT_UNKNOWN,
    /** The product is deleted in Vend. */
    PRODUCT_DELETED,
    /** The product has has_inventory=false: Vend does not track its stock, so there is no quantity to publish. */
    INVENTORY_NOT_TRACKED,
    /** The product has no SKU, or a blank one; the canonical key needs one. */
    SKU_MISSING,
    /** No explicit or derived channel for the outlet yet; flows by itself once the outlet or an override arrives. */
    OUTLET_UNMAPPED,
    /** A raw record that is not a readable Vend object (not JSON, required field missing, id mismatch). */
    PAYLOAD_INVALID,
    /** An operator override whose channel key commercetools would refuse; it is ignored and the derived mapping applies. */
    OVERRIDE_INVALID
}
