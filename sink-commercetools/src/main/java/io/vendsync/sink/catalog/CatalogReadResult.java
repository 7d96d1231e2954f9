package io.vendsync.sink.catalog;

import java.util.List;

/**
 * What one catalog read did.
 *
 * @param full          a full read (every product) rather than a delta by lastModifiedAt
 * @param productsRead  product projections read
 * @param pages         requests sent to commercetools
 * @param published     variant records published (new or changed)
 * @param tombstones    tombstones published (SKUs no variant reports any more)
 * @param invalidGtins  GTIN attribute values left out because they are not valid GTINs
 */
public record CatalogReadResult(boolean full, int productsRead, int pages, int published, int tombstones,
                                List<String> invalidGtins) {

    public CatalogReadResult {
        invalidGtins = List.copyOf(invalidGtins);
    }
}
