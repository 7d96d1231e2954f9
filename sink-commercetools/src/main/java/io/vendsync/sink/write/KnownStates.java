package io.vendsync.sink.write;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of each key as the {@link WriterTemplate} last read or wrote it (or what a writer remembers per key, such as
 * the customers whose orders it has linked) (for inventory: the entry's id, version,
 * quantity and stored source version), so the next record of a known key is written at once, without a read. Bounded
 * by entries: the least recently used key is forgotten first; a forgotten key is simply read again. Capacity 0 keeps
 * nothing.
 *
 * <p>A remembered state is a guess, never trusted blindly: the write carries the remembered resource version, so if
 * anyone moved the resource since (another writer, a second sink replica that held the key's partition for a while,
 * a merchant in the Merchant Center) commercetools answers 409 and the template forgets the key and re-reads. Its
 * source version is a lower bound of the resource's (every writer only raises it), so a record at or below it is
 * stale for sure. Thread-safe (one monitor; each call is a map operation, far below the request rate it serves).
 *
 * @param <R> the state type of the resource writer
 */
public final class KnownStates<R> {

    private final int capacity;
    private final Map<String, R> states;

    public KnownStates(final int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0");
        }
        this.capacity = capacity;
        this.states = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(final Map.Entry<String, R> eldest) {
                return size() > KnownStates.this.capacity;
            }
        };
    }

    /** The remembered state of {@code key}; null when none. */
    public synchronized R get(final String key) {
        return states.get(key);
    }

    /** Whether a state of {@code key} is remembered (does not count as a use). */
    public synchronized boolean contains(final String key) {
        return states.containsKey(key);
    }

    /** Remembers {@code state} for {@code key}; null forgets the key. */
    public synchronized void put(final String key, final R state) {
        if (state == null) {
            states.remove(key);
        } else if (capacity > 0) {
            states.put(key, state);
        }
    }

    public synchronized void forget(final String key) {
        states.remove(key);
    }

    public synchronized int size() {
        return states.size();
    }
}
