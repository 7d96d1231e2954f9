package io.vendsync.ingest.delta;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * Re-reading a few versions below the cursor (vend.read.overlap.versions) catches a write that committed late with
 * a version below one already read, which reference 4 leaves unconfirmed. What was already published in that window
 * is remembered here, per entity, as (key, version) pairs, so the overlap republishes only what is new. Bounded: pairs
 * that fall below the window are dropped, and at most {@code maxPerEntity} are kept (the oldest go first). After a
 * restart the memory is empty, so the first read republishes its window once; consumers gate by version anyway.
 * Used by the reader thread only.
 */
final class OverlapWindow {

    private final long versions;
    private final int maxPerEntity;
    private final Map<String, NavigableMap<Long, Set<String>>> seen = new HashMap<>();
    private final Map<String, Integer> sizes = new HashMap<>();

    OverlapWindow(final long versions, final int maxPerEntity) {
        this.versions = versions;
        this.maxPerEntity = maxPerEntity;
    }

    boolean enabled() {
        return versions > 0;
    }

    /** Where a delta read from {@code cursor} starts: {@code max(0, cursor - overlap)}. */
    long start(final long cursor) {
        return Math.max(0, cursor - versions);
    }

    boolean published(final String entity, final String key, final long version) {
        final NavigableMap<Long, Set<String>> byVersion = seen.get(entity);
        return byVersion != null && byVersion.getOrDefault(version, Set.of()).contains(key);
    }

    void remember(final String entity, final String key, final long version) {
        if (!enabled()) {
            return;
        }
        if (seen.computeIfAbsent(entity, e -> new TreeMap<>()).computeIfAbsent(version, v -> new HashSet<>()).add(key)) {
            sizes.merge(entity, 1, Integer::sum);
        }
    }

    /** Forgets what lies below the window of the entity's new cursor, and the oldest beyond the bound. */
    void slide(final String entity, final long cursor) {
        final NavigableMap<Long, Set<String>> byVersion = seen.get(entity);
        if (byVersion == null) {
            return;
        }
        final long floor = cursor - versions;
        while (!byVersion.isEmpty() && (byVersion.firstKey() <= floor || sizes.get(entity) > maxPerEntity)) {
            sizes.merge(entity, -byVersion.pollFirstEntry().getValue().size(), Integer::sum);
        }
    }

    int size(final String entity) {
        return sizes.getOrDefault(entity, 0);
    }
}
