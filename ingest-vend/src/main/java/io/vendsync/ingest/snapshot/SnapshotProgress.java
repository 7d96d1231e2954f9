package io.vendsync.ingest.snapshot;

import io.vendsync.ingest.delta.ReadProgress;
import io.vendsync.ingest.vend.RateGovernor;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Prints one line per committed snapshot page: entity, pages, records, the rate budget left in the window, and
 * the time left, estimated from how far the cursor has come through the version range since this run started.
 */
final class SnapshotProgress implements ReadProgress {

    private final PrintStream out;
    private final RateGovernor governor;
    private final long fromVersion;
    private final long targetVersion;
    private final LongSupplier nanoTime;
    private final long startedNanos;

    /** @param targetVersion the version the read should reach, 0 when unknown */
    SnapshotProgress(final PrintStream out, final RateGovernor governor, final long fromVersion, final long targetVersion,
                     final LongSupplier nanoTime) {
        this.out = out;
        this.governor = governor;
        this.fromVersion = fromVersion;
        this.targetVersion = targetVersion;
        this.nanoTime = nanoTime;
        this.startedNanos = nanoTime.getAsLong();
    }

    @Override
    public void onPage(final String entity, final int pages, final int records, final long version) {
        out.println(String.format(Locale.ROOT, "snapshot %s: %d pages, %d records, version %d%s, rate budget left %d/%d, %s",
                entity, pages, records, version, percent(version), governor.remaining(), governor.budget(),
                eta(version)));
        out.flush();
    }

    private String percent(final long version) {
        final double done = fraction(version);
        return done < 0 ? "" : String.format(Locale.ROOT, " (%.0f%%)", done * 100);
    }

    private String eta(final long version) {
        final double done = fraction(version);
        if (done <= 0) {
            return "time left unknown";
        }
        final long elapsed = nanoTime.getAsLong() - startedNanos;
        final Duration left = Duration.ofNanos((long) (elapsed * (1 - done) / done));
        return String.format(Locale.ROOT, "about %dm%02ds left", left.toMinutes(), left.toSecondsPart());
    }

    /** How far through [from, target] the cursor is, in 0..1; -1 when the target is unknown. */
    double fraction(final long version) {
        if (targetVersion <= fromVersion) {
            return -1;
        }
        return Math.min(1.0, (double) (version - fromVersion) / (targetVersion - fromVersion));
    }
}
