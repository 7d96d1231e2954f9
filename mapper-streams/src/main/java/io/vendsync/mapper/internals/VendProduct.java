package io.vendsync.mapper.internals;

import java.util.List;

/**
 * The identifiers of a Vend 2.0 product as Vend sent them: {@code sku} raw (untrimmed, may be blank or null),
 * so the identity rules can report whitespace; {@code productCodes} empty when Vend sent none.
 */
public record VendProduct(String id, String sku, List<ProductCode> productCodes, boolean hasInventory, boolean composite,
                          boolean deleted, long version) {

    /**
     * Whether Vend keeps stock of its own for the product: not when has_inventory is false (services), and not for a
     * composite, whose stock Vend derives from its components (which sync as products of their own).
     */
    public boolean tracksStock() {
        return hasInventory && !composite;
    }
}
