package io.vendsync.mapper.products;

import io.vendsync.schemas.mapping.ProductResolution;
import java.util.List;

/** The part of a {@code mapping.product-resolution} record the product mapper needs, as a plain record for JSON state. */
public record Resolution(String sku, String skuSource, String conflictCode, List<String> candidates, boolean deleted,
                         long version) {

    public Resolution {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }

    /** Null for a tombstone. */
    public static Resolution of(final ProductResolution resolution) {
        return resolution == null ? null : new Resolution(resolution.getSku(), resolution.getSkuSource(),
                resolution.getConflictCode(), resolution.getCandidates(), resolution.getDeleted(), resolution.getVersion());
    }

    /** A conflict withholds the product; the inventory mapper has reported it already. */
    public boolean isWithheld() {
        return conflictCode != null;
    }
}
