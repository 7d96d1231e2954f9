package io.vendsync.simulator;

import java.time.Instant;

/** A 2.0 outlet. {@code deletedAt} is null while the outlet is live. */
public record Outlet(
        String id,
        String name,
        String timeZone,
        String currency,
        String currencySymbol,
        String displayPrices,
        String physicalCountryId,
        Instant deletedAt,
        long version) implements Versioned {

    @Override
    public boolean deleted() {
        return deletedAt != null;
    }
}
