package io.vendsync.mapper.internals;

import java.util.List;

/** A GTIN of a Vend product and the commercetools SKUs whose variants carry it (empty: none). */
public record GtinMatch(String productId, String gtin, List<String> catalogSkus) {

    public GtinMatch {
        catalogSkus = catalogSkus == null ? List.of() : List.copyOf(catalogSkus);
    }
}
