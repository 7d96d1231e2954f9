package io.vendsync.sink;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the sink did, in the manner of commercetools-sync-java's statistics: each processed record ends in
 * exactly one of created / updated / unchanged / skippedStale / failed. Extra counters describe how it got
 * there (409 retries, duplicate entries found, negative quantities clamped). Thread-safe.
 */
public final class SinkStatistics {

    private final AtomicLong created = new AtomicLong();
    private final AtomicLong updated = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();
    private final AtomicLong skippedStale = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong conflictRetries = new AtomicLong();
    private final AtomicLong duplicateEntries = new AtomicLong();
    private final AtomicLong negativeQuantitiesClamped = new AtomicLong();
    private final AtomicLong tombstonesSkipped = new AtomicLong();

    public void incrementCreated() {
        created.incrementAndGet();
    }

    public void incrementUpdated() {
        updated.incrementAndGet();
    }

    public void incrementUnchanged() {
        unchanged.incrementAndGet();
    }

    public void incrementSkippedStale() {
        skippedStale.incrementAndGet();
    }

    public void incrementFailed() {
        failed.incrementAndGet();
    }

    public void incrementConflictRetries() {
        conflictRetries.incrementAndGet();
    }

    public void incrementDuplicateEntries() {
        duplicateEntries.incrementAndGet();
    }

    public void incrementNegativeQuantitiesClamped() {
        negativeQuantitiesClamped.incrementAndGet();
    }

    public void incrementTombstonesSkipped() {
        tombstonesSkipped.incrementAndGet();
    }

    public long created() {
        return created.get();
    }

    public long updated() {
        return updated.get();
    }

    public long unchanged() {
        return unchanged.get();
    }

    public long skippedStale() {
        return skippedStale.get();
    }

    public long failed() {
        return failed.get();
    }

    /** 409 ConcurrentModification answers that led to a re-read and a rebuilt update. */
    public long conflictRetries() {
        return conflictRetries.get();
    }

    /** Records whose (SKU, channel) matched more than one inventory entry. */
    public long duplicateEntries() {
        return duplicateEntries.get();
    }

    public long negativeQuantitiesClamped() {
        return negativeQuantitiesClamped.get();
    }

    public long tombstonesSkipped() {
        return tombstonesSkipped.get();
    }

    /** Records that ended in one of the five outcomes. */
    public long processed() {
        return created() + updated() + unchanged() + skippedStale() + failed();
    }

    /** E.g. "Summary: 12 inventory levels were processed in total (2 created, 3 updated, 6 unchanged, 1 skipped as stale and 0 failed to sync)". */
    public String reportMessage() {
        return String.format("Summary: %d inventory levels were processed in total (%d created, %d updated, %d unchanged, "
                        + "%d skipped as stale and %d failed to sync); %d conflict retries, %d with duplicate entries, "
                        + "%d negative quantities clamped to 0",
                processed(), created(), updated(), unchanged(), skippedStale(), failed(), conflictRetries(),
                duplicateEntries(), negativeQuantitiesClamped());
    }

    @Override
    public String toString() {
        return reportMessage();
    }
}
