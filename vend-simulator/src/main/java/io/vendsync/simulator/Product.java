package io.vendsync.simulator;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A standalone 2.0 product (no variants). Prices are kept as Vend does: the tax-exclusive price
 * is authoritative and the tax-inclusive one is derived from the retailer's default tax rate.
 */
public record Product(
        String id,
        String name,
        String handle,
        String sku,
        boolean active,
        BigDecimal priceExcludingTax,
        BigDecimal priceIncludingTax,
        BigDecimal supplyPrice,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt,
        long version) implements Versioned {

    @Override
    public boolean deleted() {
        return deletedAt != null;
    }
}
