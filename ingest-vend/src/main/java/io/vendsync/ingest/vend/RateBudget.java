package io.vendsync.ingest.vend;

/**
 * vendsync's share of Vend's rate limit. Vend allows {@code 300 x registers + 50} requests per 5 minutes per retailer
 * and application (reference 7; older docs counted every app together), and a snapshot or reconcile run draws on the
 * same application's limit as the ingest, so the ingest takes a configured fraction of it.
 */
public final class RateBudget {

    private RateBudget() {
    }

    /** Vend's whole limit per window for a store with this many registers; a store trades through at least one. */
    public static int vendLimit(final int registers) {
        return 300 * Math.max(1, registers) + 50;
    }

    /** {@code share} of {@link #vendLimit}, rounded down, never below one request. */
    public static int share(final int registers, final double share) {
        return Math.max(1, (int) Math.floor(share * vendLimit(registers)));
    }
}
