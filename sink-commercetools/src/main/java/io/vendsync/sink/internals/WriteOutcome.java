package io.vendsync.sink.internals;

/** How one inventory level ended, when it did not fail. */
public enum WriteOutcome {
    /** No entry existed for (SKU, channel); one was created. */
    CREATED,
    /** The entry had an older source version; it now has the record's quantity and version. */
    UPDATED,
    /** The entry already carries this source version: a replay or duplicate, nothing written. */
    UNCHANGED,
    /** The entry carries a newer source version: the record arrived late, nothing written. */
    SKIPPED_STALE
}
