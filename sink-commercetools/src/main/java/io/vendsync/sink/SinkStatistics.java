package io.vendsync.sink;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the sink did, in the manner of commercetools-sync-java's statistics: each processed record ends in
 * exactly one of created / updated / unchanged / skippedStale / failed, where failed means written to the
 * dead-letter topic. A record on a retry tier has not ended yet. Extra counters describe how it got there
 * (retries scheduled, retried records superseded by a newer version, undeserialisable records, 409 retries,
 * duplicate entries found, negative quantities clamped). Thread-safe.
 */
public final class SinkStatistics {

    /** What a record is, in the report: "inventory levels", "catalog records". */
    private final String records;
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong updated = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();
    private final AtomicLong skippedStale = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong conflictRetries = new AtomicLong();
    private final AtomicLong duplicateEntries = new AtomicLong();
    private final AtomicLong negativeQuantitiesClamped = new AtomicLong();
    private final AtomicLong tombstonesSkipped = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong superseded = new AtomicLong();
    private final AtomicLong undeserialisable = new AtomicLong();

    /** Statistics of the inventory loops. */
    public SinkStatistics() {
        this("inventory levels");
    }

    /** @param records what one record is, plural, for {@link #reportMessage()}, e.g. "catalog records" */
    public SinkStatistics(final String records) {
        this.records = Objects.requireNonNull(records, "records");
    }

    public void incrementRetried() {
        retried.incrementAndGet();
    }

    public void incrementSuperseded() {
        superseded.incrementAndGet();
    }

    public void incrementUndeserialisable() {
        undeserialisable.incrementAndGet();
    }

    /** Sends to a retry tier (a record failing at two tiers counts twice). */
    public long retried() {
        return retried.get();
    }

    /** Retried records found older than the version commercetools already has: ordered, not lost (part of skippedStale). */
    public long superseded() {
        return superseded.get();
    }

    /** Records whose bytes did not decode (dead-lettered, part of failed). */
    public long undeserialisable() {
        return undeserialisable.get();
    }

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

    /** Records written to the dead-letter topic. */
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
        return String.format(Locale.ROOT, "Summary: %d %s were processed in total (%d created, %d updated, %d unchanged, "
                        + "%d skipped as stale and %d failed to sync); %d conflict retries, %d with duplicate entries, "
                        + "%d negative quantities clamped to 0; %d retries scheduled, %d retried records superseded, "
                        + "%d dead-lettered (%d undeserialisable)",
                processed(), records, created(), updated(), unchanged(), skippedStale(), failed(), conflictRetries(),
                duplicateEntries(), negativeQuantitiesClamped(), retried(), superseded(), failed(), undeserialisable());
    }

    @Override
    public String toString() {
        return reportMessage();
    }
}
