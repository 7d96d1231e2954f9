package io.vendsync.mapper.internals;

import java.util.List;

/**
 * The identifiers of a Vend 2.0 product as Vend sent them: {@code sku} raw (untrimmed, may be blank or null),
 * so the identity rules can report whitespace; {@code productCodes} empty when Vend sent none.
 */
public record VendProduct(String id, String sku, List<ProductCode> productCodes, boolean hasInventory, boolean deleted,
                          long version) {
}
