package io.vendsync.sink.internals;

import java.util.TreeSet;

/**
 * The offsets of one partition handed out for processing, and the one that may be committed: the lowest offset not
 * finished yet (applied, superseded, or safely on a retry tier or the DLQ), or past the last one started when all are.
 * Records finish out of order when keys are applied concurrently; committing only below the lowest unfinished one means
 * a restart reads again every record that might not have been applied, and nothing is skipped. Thread-safe.
 */
public final class OffsetTracker {

    private final TreeSet<Long> unfinished = new TreeSet<>();
    private long next = -1;

    public synchronized void started(final long offset) {
        unfinished.add(offset);
        next = Math.max(next, offset + 1);
    }

    public synchronized void finished(final long offset) {
        unfinished.remove(offset);
    }

    /** The offset to commit (the next one a restart reads): the lowest unfinished, else one past the last started; -1 before any. */
    public synchronized long committable() {
        return unfinished.isEmpty() ? next : unfinished.first();
    }

    public synchronized int unfinished() {
        return unfinished.size();
    }
}
