package io.vendsync.mapper.vend;

import io.vendsync.mapper.internals.BomLine;
import io.vendsync.mapper.internals.Kit;
import java.util.List;

/**
 * The identifiers of a Vend 2.0 product as Vend sent them: {@code sku} raw (untrimmed, may be blank or null),
 * so the identity rules can report whitespace; {@code productCodes} empty when Vend sent none; {@code bom} the bill of
 * materials of a composite (one line per component, quantities of a repeated component added up), null when Vend sent
 * none.
 */
public record VendProduct(String id, String sku, List<ProductCode> productCodes, boolean hasInventory, boolean composite,
                          boolean deleted, long version, List<BomLine> bom) {

    /**
     * Whether Vend keeps stock of its own for the product: not when has_inventory is false (services), and not for a
     * composite, whose stock is derived from its components (see {@link Kit}).
     */
    public boolean tracksStock() {
        return hasInventory && !composite;
    }

    /** Null when the product is not a composite. */
    public Kit kit() {
        return Kit.of(composite, bom);
    }
}
