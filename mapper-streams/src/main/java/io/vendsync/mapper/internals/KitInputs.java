package io.vendsync.mapper.internals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything one kit's stock is derived from: its bill-of-materials edges, each with the component's stock, by component
 * id (sorted, so the serialized form is deterministic).
 */
public record KitInputs(Map<String, KitComponent> components) {

    public static final KitInputs NONE = new KitInputs(Map.of());

    public KitInputs {
        components = components == null ? Map.of() : new TreeMap<>(components);
    }

    public KitInputs with(final KitComponent component) {
        final Map<String, KitComponent> next = new TreeMap<>(components);
        next.put(component.edge().componentId(), component);
        return new KitInputs(next);
    }

    public KitInputs without(final String componentId) {
        final Map<String, KitComponent> next = new TreeMap<>(components);
        next.remove(componentId);
        return new KitInputs(next);
    }

    /** Every component of the bill of materials is here, and no other: only then is the kit's stock known. */
    public boolean isComplete() {
        return !components.isEmpty() && components.values().stream()
                .allMatch(component -> component.edge().components().equals(components.keySet().stream().toList()));
    }

    /**
     * The kit's stock at every outlet where any component has a Vend record: the minimum over its components of
     * floor(component stock / quantity), a component with no record or negative stock there counting 0. Its version is
     * the highest Vend version among the inputs (the bill of materials, the components' records at that outlet); Vend
     * versions are one global sequence, so a newer input gives a newer version.
     */
    public ProductStock derive() {
        final TreeSet<String> outlets = new TreeSet<>();
        components.values().forEach(component -> {
            if (component.stock() != null) {
                outlets.addAll(component.stock().outlets().keySet());
            }
        });
        final Map<String, OutletLevel> kit = new TreeMap<>();
        for (final String outletId : outlets) {
            long level = Long.MAX_VALUE;
            long version = 0;
            long sourceTsMs = 0;
            String domainPrefix = null;
            for (final KitComponent component : components.values()) {
                final OutletLevel stock = component.stock() == null ? null : component.stock().outlets().get(outletId);
                version = Math.max(version, component.edge().version());
                if (stock == null) {
                    level = 0;
                    continue;
                }
                level = Math.min(level, kitsOf(stock.level(), component.edge().quantity()));
                version = Math.max(version, stock.version());
                sourceTsMs = Math.max(sourceTsMs, stock.sourceTsMs());
                domainPrefix = domainPrefix != null ? domainPrefix : stock.domainPrefix();
            }
            kit.put(outletId, new OutletLevel(level, version, sourceTsMs, domainPrefix));
        }
        return new ProductStock(kit);
    }

    private static long kitsOf(final long componentStock, final BigDecimal quantity) {
        if (componentStock <= 0) {
            return 0;
        }
        return BigDecimal.valueOf(componentStock).divide(quantity, 0, RoundingMode.FLOOR).longValue();
    }
}
