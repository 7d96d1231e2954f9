package io.vendsync.ingest.vend;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before trying again: {@code base} doubled per attempt, capped at {@code max}, plus up to half
 * again of jitter so readers of many stores do not retry in step. Never below {@link #MINIMUM}: a Vend answer that
 * was wrong a moment ago is rarely right a moment later.
 */
public record Backoff(Duration base, Duration max) {

    public static final Duration MINIMUM = Duration.ofSeconds(1);

    public Backoff {
        if (base.compareTo(MINIMUM) < 0) {
            throw new IllegalArgumentException("back-off base must be at least " + MINIMUM + ", was " + base);
        }
        if (max.compareTo(base) < 0) {
            throw new IllegalArgumentException("back-off cap " + max + " is below its base " + base);
        }
    }

    /** The wait after the {@code attempt}-th failure (1-based): between the step and 1.5 times it. */
    public Duration delay(final int attempt) {
        final long step = step(attempt);
        return Duration.ofMillis(step + ThreadLocalRandom.current().nextLong(step / 2 + 1));
    }

    /** The un-jittered step: base x 2^(attempt-1), capped. */
    long step(final int attempt) {
        final int doublings = Math.max(0, Math.min(attempt - 1, 30));
        final long grown = base.toMillis() > (Long.MAX_VALUE >> doublings) ? Long.MAX_VALUE : base.toMillis() << doublings;
        return Math.min(max.toMillis(), grown);
    }
}
