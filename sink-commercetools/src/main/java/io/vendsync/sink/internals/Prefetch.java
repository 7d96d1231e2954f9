package io.vendsync.sink.internals;

import java.util.Map;

/**
 * The current state of many keys read in one batched request before their records are applied, so each apply needs no
 * read of its own. Opaque to the sink loop; the writer that read it ({@link io.vendsync.sink.write.WriterTemplate})
 * uses a key's state only if nothing was written to that key since the read ({@code generations}), else it reads again.
 */
public final class Prefetch {

    public static final Prefetch NONE = new Prefetch(Map.of(), Map.of());

    private final Map<String, ?> states;
    private final Map<String, Long> generations;

    /**
     * @param states the state per key found; a key with a generation but no state has no resource
     * @param generations per key read, the writer's mark (count of applies ended) taken before the read was sent
     */
    public Prefetch(final Map<String, ?> states, final Map<String, Long> generations) {
        this.states = Map.copyOf(states);
        this.generations = Map.copyOf(generations);
    }

    /** Whether the key was read. */
    public boolean read(final String key) {
        return generations.containsKey(key);
    }

    /** The writer's mark taken before the key was read. */
    public long generation(final String key) {
        return generations.get(key);
    }

    /** The state read for the key; null when it has no resource. */
    public Object state(final String key) {
        return states.get(key);
    }
}
