package io.vendsync.mapper.products;

import java.util.Map;
import java.util.TreeMap;

/** Every known member of one Vend family, by product id (sorted, so the serialized form is deterministic). */
public record Family(Map<String, MemberState> members) {

    public static final Family EMPTY = new Family(Map.of());

    public Family {
        members = members == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(members));
    }

    public Family with(final MemberState state) {
        final Map<String, MemberState> next = new TreeMap<>(members);
        next.put(state.member().productId(), state);
        return new Family(next);
    }

    public Family without(final String productId) {
        final Map<String, MemberState> next = new TreeMap<>(members);
        next.remove(productId);
        return new Family(next);
    }
}
