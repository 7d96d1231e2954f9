package io.vendsync.ingest.delta;

import io.vendsync.schemas.Topic;
import io.vendsync.schemas.raw.VendChange;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The last record published of each id of the collections Vend lists without their deleted records (price book entries,
 * price books, taxes, payment types: 2.0 takes no {@code deleted=true} there, so a deleted one simply stops being listed).
 * Read back from its compacted topic at start-up (committed transactions only), then kept in memory; written in the
 * same transaction as the raw records, so a restart knows every record it published, also those deleted while it was
 * down. About the size of the records' JSON (a few hundred bytes each).
 */
public final class ListedRecords {

    /** entity -> id -> the last change published (or listed) of it. */
    private final Map<String, Map<String, VendChange>> records = new HashMap<>();
    private final String domainPrefix;

    private ListedRecords(final String domainPrefix) {
        this.domainPrefix = domainPrefix;
    }

    /** Nothing known yet: for tests and for a store without relisted collections. */
    public static ListedRecords empty(final String domainPrefix) {
        return new ListedRecords(domainPrefix);
    }

    public static ListedRecords load(final Properties clientProperties, final Topic<String, VendChange> topic,
                                     final String domainPrefix) {
        final ListedRecords listed = new ListedRecords(domainPrefix);
        final String prefix = domainPrefix + '/';
        CompactedTopic.readAll(clientProperties, topic, (key, change) -> {
            if (!key.startsWith(prefix)) {
                return; // another store's
            }
            final String entityAndId = key.substring(prefix.length());
            final int slash = entityAndId.indexOf('/');
            final String entity = entityAndId.substring(0, slash);
            final String id = entityAndId.substring(slash + 1);
            if (change == null) {
                listed.forget(entity, id);
            } else {
                listed.remember(entity, id, change);
            }
        });
        return listed;
    }

    /** The topic key of a record. */
    public String key(final String entity, final String id) {
        return domainPrefix + '/' + entity + '/' + id;
    }

    /** The records of the entity known now, by id (a copy). */
    public synchronized Map<String, VendChange> of(final String entity) {
        return Map.copyOf(records.getOrDefault(entity, Map.of()));
    }

    public synchronized void remember(final String entity, final String id, final VendChange change) {
        records.computeIfAbsent(entity, e -> new HashMap<>()).put(id, change);
    }

    public synchronized void forget(final String entity, final String id) {
        final Map<String, VendChange> ofEntity = records.get(entity);
        if (ofEntity != null) {
            ofEntity.remove(id);
        }
    }
}
