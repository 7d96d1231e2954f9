package io.vendsync.mapper.internals;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Copy-on-write helpers for the sorted maps of the mappers' JSON state values (sorted: deterministic JSON and join hashes). */
public final class SortedMaps {

    private SortedMaps() {
    }

    /** A copy of {@code map} with {@code key} set to {@code value}, or removed when {@code value} is null. */
    public static <V> SortedMap<String, V> put(final SortedMap<String, V> map, final String key, final V value) {
        final TreeMap<String, V> copy = new TreeMap<>(map);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return copy;
    }

    /** {@code map} as a sorted map (itself when it is one); empty for null. */
    public static <V> SortedMap<String, V> sorted(final Map<String, V> map) {
        return map == null ? new TreeMap<>() : map instanceof TreeMap<String, V> tree ? tree : new TreeMap<>(map);
    }
}
