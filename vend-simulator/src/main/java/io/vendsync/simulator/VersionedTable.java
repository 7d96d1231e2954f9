package io.vendsync.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Latest state of one entity type, indexed both by id and by version so a cursor page is a range
 * scan. Not thread-safe: {@link VendStore} guards it with its lock.
 */
final class VersionedTable<T extends Versioned> {
    // Insertion order keeps snapshots in creation order, which reads naturally in tests and demos.
    private final Map<String, T> byId = new LinkedHashMap<>();
    private final NavigableMap<Long, T> byVersion = new TreeMap<>();

    void put(final T record) {
        final T previous = byId.put(record.id(), record);
        if (previous != null) {
            // A record appears once, at its newest version: that is what makes the cursor a delta feed.
            byVersion.remove(previous.version());
        }
        byVersion.put(record.version(), record);
    }

    Optional<T> get(final String id) {
        return Optional.ofNullable(byId.get(id));
    }

    boolean contains(final String id) {
        return byId.containsKey(id);
    }

    List<T> page(final PageQuery query) {
        final List<T> page = new ArrayList<>(Math.min(query.pageSize(), byVersion.size()));
        if (query.before() <= query.after()) {
            return page;
        }
        for (final T record : byVersion.subMap(query.after(), false, query.before(), false).values()) {
            if (page.size() >= query.pageSize()) {
                break;
            }
            if (query.includeDeleted() || !record.deleted()) {
                page.add(record);
            }
        }
        return page;
    }

    /** Highest version held, 0 when empty. */
    long maxVersion() {
        return byVersion.isEmpty() ? 0L : byVersion.lastKey();
    }

    List<T> live() {
        final List<T> live = new ArrayList<>(byId.size());
        for (final T record : byId.values()) {
            if (!record.deleted()) {
                live.add(record);
            }
        }
        return live;
    }
}
