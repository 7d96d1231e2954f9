package io.vendsync.simulator;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/** What reached {@code /api/...}: how many requests, when, and how many were answered 429 by the rate limit. */
final class RequestLog {
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final ConcurrentLinkedQueue<Instant> times = new ConcurrentLinkedQueue<>();

    void request(final Instant at) {
        requests.incrementAndGet();
        times.add(at);
    }

    void rateLimited() {
        rateLimited.incrementAndGet();
    }

    long requests() {
        return requests.get();
    }

    long rateLimitedCount() {
        return rateLimited.get();
    }

    List<Instant> times() {
        return List.copyOf(times);
    }
}
