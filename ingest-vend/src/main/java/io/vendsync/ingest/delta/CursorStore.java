package io.vendsync.ingest.delta;

import io.vendsync.schemas.Keys;
import io.vendsync.schemas.Topic;
import io.vendsync.schemas.ops.IngestCursor;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The version cursors, read back from their compacted topic at start-up (committed transactions only),
 * then kept in memory: this ingest is the topic's only writer for its store.
 */
public final class CursorStore {

    private final Map<String, Long> versions = new HashMap<>();

    private CursorStore() {
    }

    public static CursorStore load(final Properties clientProperties, final Topic<String, IngestCursor> topic) {
        final CursorStore store = new CursorStore();
        CompactedTopic.readAll(clientProperties, topic, (key, cursor) -> {
            if (cursor == null) {
                store.versions.remove(key);
            } else {
                store.versions.put(key, cursor.getVersion());
            }
        });
        return store;
    }

    /** The last published version of the entity, 0 when it was never read. */
    public synchronized long version(final String domainPrefix, final String entity) {
        return versions.getOrDefault(Keys.cursor(domainPrefix, entity), 0L);
    }

    /** The highest Vend version read of the store so far, any entity: one Vend has handed out already. */
    public synchronized long highest(final String domainPrefix) {
        final String prefix = domainPrefix + '/';
        return versions.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue)
                .max().orElse(0L);
    }

    public synchronized void remove(final String domainPrefix, final String entity) {
        versions.remove(Keys.cursor(domainPrefix, entity));
    }

    public synchronized void advance(final String domainPrefix, final String entity, final long version) {
        versions.merge(Keys.cursor(domainPrefix, entity), version, Math::max);
    }
}
