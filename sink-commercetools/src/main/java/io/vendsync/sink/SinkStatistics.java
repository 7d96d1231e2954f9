package io.vendsync.sink;

import io.vendsync.sink.internals.WriteOutcome;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the sink did, in the manner of commercetools-sync-java's statistics: each processed record ends in
 * exactly one of created / updated / unchanged / skippedStale / failed, where failed means written to the
 * dead-letter topic. A record on a retry tier has not ended yet. Extra counters describe how it got there
 * (retries scheduled, records superseded by a newer version of their key, undeserialisable records, 409 retries,
 * duplicate entries found, negative quantities clamped). Thread-safe.
 */
public final class SinkStatistics {

    /** What a record is, in the report: "inventory levels", "catalog records", "product". */
    private final String records;
    /** The loop's counters when these are one resource's: every count goes there too. */
    private final SinkStatistics parent;
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
    /** This loop's resources by entity, for an exporter; empty for a resource's own statistics. */
    private final Map<String, SinkStatistics> resources = new ConcurrentSkipListMap<>();

    /** Statistics of the inventory loops. */
    public SinkStatistics() {
        this("inventory levels");
    }

    /** @param records what one record is, plural, for {@link #reportMessage()}, e.g. "catalog records" */
    public SinkStatistics(final String records) {
        this(records, null);
    }

    private SinkStatistics(final String records, final SinkStatistics parent) {
        this.records = Objects.requireNonNull(records, "records");
        this.parent = parent;
    }

    /**
     * The counters of one resource of this loop (named by its entity, e.g. "product"): what is counted there is
     * counted here too, so the loop's counters stay the sum of its resources'.
     */
    public SinkStatistics resource(final String entity) {
        final SinkStatistics resource = new SinkStatistics(entity, this);
        resources.put(entity, resource);
        return resource;
    }

    /** The resources counted under this loop, by entity (the last one registered per entity). */
    public Map<String, SinkStatistics> resources() {
        return Map.copyOf(resources);
    }

    /** What one record is, as in {@link #reportMessage()}: "inventory levels", or the resource's entity. */
    public String records() {
        return records;
    }

    public void incrementRetried() {
        retried.incrementAndGet();
        if (parent != null) {
            parent.incrementRetried();
        }
    }

    public void incrementSuperseded() {
        superseded.incrementAndGet();
        if (parent != null) {
            parent.incrementSuperseded();
        }
    }

    public void incrementUndeserialisable() {
        undeserialisable.incrementAndGet();
        if (parent != null) {
            parent.incrementUndeserialisable();
        }
    }

    /** Sends to a retry tier (a record failing at two tiers counts twice). */
    public long retried() {
        return retried.get();
    }

    /** Records a newer record of their key made needless (in the same fetched batch, or landed while they waited on a retry tier): ordered, not lost (part of skippedStale). */
    public long superseded() {
        return superseded.get();
    }

    /** Records whose bytes did not decode (dead-lettered, part of failed). */
    public long undeserialisable() {
        return undeserialisable.get();
    }

    /** Counts how one record ended. */
    public void count(final WriteOutcome outcome) {
        switch (outcome) {
            case CREATED -> incrementCreated();
            case UPDATED -> incrementUpdated();
            case UNCHANGED -> incrementUnchanged();
            case SKIPPED_STALE -> incrementSkippedStale();
            default -> throw new IllegalStateException(outcome.name());
        }
    }

    public void incrementCreated() {
        created.incrementAndGet();
        if (parent != null) {
            parent.incrementCreated();
        }
    }

    public void incrementUpdated() {
        updated.incrementAndGet();
        if (parent != null) {
            parent.incrementUpdated();
        }
    }

    public void incrementUnchanged() {
        unchanged.incrementAndGet();
        if (parent != null) {
            parent.incrementUnchanged();
        }
    }

    public void incrementSkippedStale() {
        skippedStale.incrementAndGet();
        if (parent != null) {
            parent.incrementSkippedStale();
        }
    }

    public void incrementFailed() {
        failed.incrementAndGet();
        if (parent != null) {
            parent.incrementFailed();
        }
    }

    public void incrementConflictRetries() {
        conflictRetries.incrementAndGet();
        if (parent != null) {
            parent.incrementConflictRetries();
        }
    }

    public void incrementDuplicateEntries() {
        duplicateEntries.incrementAndGet();
        if (parent != null) {
            parent.incrementDuplicateEntries();
        }
    }

    public void incrementNegativeQuantitiesClamped() {
        negativeQuantitiesClamped.incrementAndGet();
        if (parent != null) {
            parent.incrementNegativeQuantitiesClamped();
        }
    }

    public void incrementTombstonesSkipped() {
        tombstonesSkipped.incrementAndGet();
        if (parent != null) {
            parent.incrementTombstonesSkipped();
        }
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
                        + "%d negative quantities clamped to 0; %d retries scheduled, %d superseded, "
                        + "%d dead-lettered (%d undeserialisable)",
                processed(), records, created(), updated(), unchanged(), skippedStale(), failed(), conflictRetries(),
                duplicateEntries(), negativeQuantitiesClamped(), retried(), superseded(), failed(), undeserialisable());
    }

    @Override
    public String toString() {
        return reportMessage();
    }
}
