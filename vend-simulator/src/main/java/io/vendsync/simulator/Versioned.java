package io.vendsync.simulator;

/** A record that lives under Vend's global version cursor. */
interface Versioned {
    String id();

    long version();

    /** Soft-deleted records are hidden from lists unless {@code deleted=true}. */
    boolean deleted();
}
