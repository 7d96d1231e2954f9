package io.vendsync.sink.write;

import java.util.HashMap;
import java.util.Map;

/**
 * Which keys had an apply end since a given moment, exactly (no false "unchanged"), so a batched read is used only for
 * keys nothing was written to after it was sent. Replaces striped counters, where keys sharing a stripe made a
 * fresh read look stale (61 of 2,000 inventory keys re-read one by one, each a full query on the mock).
 *
 * <p>Keeps the last apply of up to {@link #MAX_KEYS} keys; beyond that it forgets them all at once and treats every
 * read sent before the forgetting as stale (one extra read per key, never a wrong "unchanged"). One monitor guards
 * it: each call is a map operation, far below the request rate it serves. Thread-safe.
 */
final class AppliesSince {

    static final int MAX_KEYS = 100_000;

    private final Map<String, Long> lastApply = new HashMap<>();
    private final int maxKeys;
    private long applies;
    /** Applies up to this one may have been forgotten. */
    private long forgottenUpTo;

    AppliesSince() {
        this(MAX_KEYS);
    }

    AppliesSince(final int maxKeys) {
        this.maxKeys = maxKeys;
    }

    /** The moment to pass to {@link #unchangedSince}: take it before sending the read. */
    synchronized long mark() {
        return applies;
    }

    /** An apply of {@code key} ended (whatever it did). */
    synchronized void ended(final String key) {
        applies++;
        if (lastApply.size() >= maxKeys && !lastApply.containsKey(key)) {
            lastApply.clear();
            forgottenUpTo = applies - 1;
        }
        lastApply.put(key, applies);
    }

    /** Whether no apply of {@code key} ended after {@code mark}. */
    synchronized boolean unchangedSince(final String key, final long mark) {
        return mark >= forgottenUpTo && lastApply.getOrDefault(key, 0L) <= mark;
    }
}
