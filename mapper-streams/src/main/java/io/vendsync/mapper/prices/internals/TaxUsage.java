package io.vendsync.mapper.prices.internals;

import java.util.SortedMap;
import java.util.TreeMap;

/** How many product outlet taxes name one tax, per outlet: outlet id -> count. Tells where a tax is in use. */
public record TaxUsage(SortedMap<String, Long> outlets) {

    public static final TaxUsage NONE = new TaxUsage(new TreeMap<>());

    public TaxUsage {
        outlets = outlets == null ? new TreeMap<>() : new TreeMap<>(outlets);
    }

    public TaxUsage plus(final String outletId) {
        final TreeMap<String, Long> copy = new TreeMap<>(outlets);
        copy.merge(outletId, 1L, Long::sum);
        return new TaxUsage(copy);
    }

    public TaxUsage minus(final String outletId) {
        final TreeMap<String, Long> copy = new TreeMap<>(outlets);
        copy.computeIfPresent(outletId, (id, count) -> count <= 1 ? null : count - 1);
        return new TaxUsage(copy);
    }

    public boolean uses(final String outletId) {
        return outlets.getOrDefault(outletId, 0L) > 0;
    }
}
