package io.vendsync.sink.internals;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Key -> id of a commercetools resource the sink references by key and creates when missing (channels, customer
 * groups), cached for the life of the sink. Query-before-create under a lock, so one resolver never creates a key
 * twice; the real API also rejects a duplicate key, the mock does not, so after a lost race {@link #find} picks the
 * oldest resource with the key.
 */
public abstract class KeyedResolver {

    private final Map<String, String> idsByKey = new ConcurrentHashMap<>();

    /** The id of the resource with this key, created when missing. */
    public final String resolve(final String key, final String correlationId) {
        final String cached = idsByKey.get(key);
        if (cached != null) {
            return cached;
        }
        synchronized (this) {
            final String again = idsByKey.get(key);
            if (again != null) {
                return again;
            }
            String id = find(key, correlationId);
            if (id == null) {
                id = create(key, correlationId);
            }
            idsByKey.put(key, id);
            return id;
        }
    }

    /** Resources resolved so far (key -> id). */
    public final Map<String, String> cached() {
        return Map.copyOf(idsByKey);
    }

    /** The id of the oldest resource with the key, or null. */
    protected abstract String find(String key, String correlationId);

    /** Creates the resource and returns its id. */
    protected abstract String create(String key, String correlationId);
}
