package io.vendsync.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Vend's fixed-window limit: {@code limit} requests per {@code window}, one bucket for the whole
 * simulated retailer. A window opens with the first request after the previous one expired.
 */
final class RateLimiter {
    /** Outcome of one request against the budget; {@code resetAt} is when the window ends. */
    record Decision(boolean allowed, int limit, int remaining, Instant resetAt) {
    }

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private Instant windowEnd = Instant.MIN;
    private int used;

    RateLimiter(final int limit, final Duration window, final Clock clock) {
        this.limit = limit;
        this.window = Objects.requireNonNull(window, "window");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Counts one request; a rejected request does not use up budget. */
    synchronized Decision acquire() {
        rollWindow();
        if (used >= limit) {
            return new Decision(false, limit, 0, windowEnd);
        }
        used++;
        return new Decision(true, limit, limit - used, windowEnd);
    }

    /** Current state without spending budget (for answers that bypass the limiter). */
    synchronized Decision peek() {
        rollWindow();
        return new Decision(used < limit, limit, limit - used, windowEnd);
    }

    private void rollWindow() {
        final Instant now = clock.instant();
        if (!now.isBefore(windowEnd)) {
            // Whole seconds: Retry-After is an HTTP-date, so a fractional reset would be announced early.
            windowEnd = ceilToSecond(now.plus(window));
            used = 0;
        }
    }

    private static Instant ceilToSecond(final Instant instant) {
        final Instant floor = instant.truncatedTo(ChronoUnit.SECONDS);
        return floor.equals(instant) ? floor : floor.plusSeconds(1);
    }
}
