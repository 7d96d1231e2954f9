package io.vendsync.ingest.vend;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one gate every request to a store passes. Vend's budget (300 x registers + 50 per 5 minutes) is
 * shared with vendsync's other runs (a snapshot, a reconcile), so the ingest keeps to its own share: at most {@code budget} requests in
 * any sliding window, which also keeps it within every fixed window Vend counts. A 429 pauses every
 * request for the most specific signal Vend gives: Retry-After, else X-RateLimit-Reset, else the whole window. The
 * remaining count Vend reports is respected too (until X-RateLimit-Reset, else the window), so another app spending
 * the budget slows us instead of the tills.
 *
 * <p>Vend counts a request when it arrives, which is somewhere between {@link #acquire} and the end of the exchange (a
 * cold client spends hundreds of milliseconds connecting before the first one leaves): each request is counted from
 * acquire, then again from when its exchange ended ({@link Permit#ended}), so the window never lets through more than the
 * budget as Vend sees it.
 */
public final class RateGovernor {

    private final Duration window;
    private final Clock clock;
    /** The requests in the window, oldest first (each ended exchange moves to the back, stamped with its end). */
    private final Deque<Permit> sent = new ArrayDeque<>();
    private int budget;
    private Instant pausedUntil = Instant.MIN;
    private long waitedMillis;
    private long throttles;
    private long acquired;

    public RateGovernor(final int budget, final Duration window, final Clock clock) {
        this.window = window;
        this.clock = clock;
        setBudget(budget);
    }

    /** Changes the budget, e.g. once the store's register count is known; takes effect for the next request. */
    public synchronized void setBudget(final int value) {
        if (value < 1) {
            throw new IllegalArgumentException("rate budget must be at least 1, was " + value);
        }
        budget = value;
        notifyAll();
    }

    /** A request let through, counted in the window from when it was let through until its exchange {@link #ended}. */
    public final class Permit {
        private Instant at;

        private Permit(final Instant at) {
            this.at = at;
        }

        /** The exchange ended (answered or failed): from now on the request counts from this instant. */
        public void ended() {
            synchronized (RateGovernor.this) {
                sent.remove(this);
                at = clock.instant();
                sent.addLast(this);
            }
        }
    }

    /** Blocks until a request may be sent, then counts it; call {@link Permit#ended} once its exchange is over. */
    public Permit acquire() throws InterruptedException {
        while (true) {
            final long waitMillis;
            synchronized (this) {
                final Instant now = clock.instant();
                expire(now);
                if (now.isBefore(pausedUntil)) {
                    waitMillis = Duration.between(now, pausedUntil).toMillis() + 1;
                } else if (sent.size() >= budget) {
                    waitMillis = Duration.between(now, sent.peekFirst().at.plus(window)).toMillis() + 1;
                } else {
                    final Permit permit = new Permit(now);
                    sent.addLast(permit);
                    acquired++;
                    return permit;
                }
                waitedMillis += waitMillis;
            }
            Thread.sleep(Math.max(1, waitMillis));
        }
    }

    /** Vend said 429: nobody sends before {@code until}. */
    public synchronized void pauseUntil(final Instant until) {
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
        }
    }

    /**
     * Vend answered 429: nobody sends for Retry-After, else until X-RateLimit-Reset, else the window; at least a
     * second, at most the window, with a little jitter.
     *
     * @return the pause taken
     */
    public synchronized Duration throttled(final Optional<Duration> retryAfter, final Optional<Duration> untilReset) {
        final Duration signal = throttlePause(retryAfter, untilReset, window);
        final long jitter = ThreadLocalRandom.current().nextLong(Math.min(1_000, signal.toMillis() / 10) + 1);
        final Duration pause = signal.plusMillis(jitter);
        throttles++;
        pauseUntil(clock.instant().plus(pause));
        return pause;
    }

    /** The pause a 429 asks for, before jitter: the most specific signal, within [1 s, window]. */
    public static Duration throttlePause(final Optional<Duration> retryAfter, final Optional<Duration> untilReset,
                                  final Duration window) {
        final Duration signal = retryAfter.or(() -> untilReset).orElse(window);
        final Duration atLeast = signal.compareTo(Backoff.MINIMUM) < 0 ? Backoff.MINIMUM : signal;
        return atLeast.compareTo(window) > 0 ? window : atLeast;
    }

    /**
     * Vend reported how much of the shared budget is left; when it is gone, nobody sends until the reset it
     * reported, or for the window when it reported none.
     */
    public synchronized void observeRemaining(final long remaining, final Optional<Duration> untilReset) {
        if (remaining <= 0) {
            final Duration wait = untilReset.filter(d -> d.compareTo(window) <= 0).orElse(window);
            pauseUntil(clock.instant().plus(wait));
        }
    }

    /**
     * How long a reader that may wait (one triggered by webhooks) should leave after it spent {@code requests}: nothing
     * while at least half of the budget is left in the window; beyond that, the rest of the window spread over the
     * requests that remain. Without it a steady stream of webhooks spends the whole budget in a burst and every read
     * then waits for the window to free (minutes); with it steady traffic settles at half the budget, the other half
     * stays for snapshots and polls, and a read is late by a fraction of a second instead. Never longer than it takes
     * for half of the budget to be free again (at most the window): a read that spent hundreds of requests (a first
     * read of a store's sales) with none left would otherwise stop every read for hours.
     */
    public synchronized Duration paceAfter(final long requests) {
        final int left = remaining();
        if (requests <= 0 || left * 2L >= budget) {
            return Duration.ZERO;
        }
        final Duration spread = window.multipliedBy(requests).dividedBy(Math.max(1, left));
        final Duration halfFree = untilSentAtMost(budget / 2);
        return spread.compareTo(halfFree) < 0 ? spread : halfFree;
    }

    /** How long until at most {@code count} of the requests in the window are still counted (as they stand now). */
    private Duration untilSentAtMost(final int count) {
        final Instant now = clock.instant();
        int toExpire = sent.size() - count;
        for (final Permit permit : sent) { // oldest first
            if (--toExpire == 0) {
                final Duration until = Duration.between(now, permit.at.plus(window));
                return until.isNegative() ? Duration.ZERO : until;
            }
        }
        return Duration.ZERO;
    }

    /** When requests may go again, or a time in the past when they may now. */
    public synchronized Instant pausedUntil() {
        return pausedUntil;
    }

    /** Requests let through so far: every attempt and redirect hop, each one Vend counts. */
    public synchronized long acquired() {
        return acquired;
    }

    /** 429s answered so far. */
    public synchronized long throttles() {
        return throttles;
    }

    /** Requests counted in the current window. */
    public synchronized int inWindow() {
        expire(clock.instant());
        return sent.size();
    }

    /** Requests that may still be sent in the current window without waiting. */
    public synchronized int remaining() {
        expire(clock.instant());
        return Math.max(0, budget - sent.size());
    }

    public synchronized int budget() {
        return budget;
    }

    /** The clock its pauses run on: a pause computed from Vend's headers must be measured on it too. */
    public Clock clock() {
        return clock;
    }

    public Duration window() {
        return window;
    }

    public synchronized long waitedMillis() {
        return waitedMillis;
    }

    private void expire(final Instant now) {
        while (!sent.isEmpty() && !sent.peekFirst().at.isAfter(now.minus(window))) {
            sent.pollFirst();
        }
    }
}
