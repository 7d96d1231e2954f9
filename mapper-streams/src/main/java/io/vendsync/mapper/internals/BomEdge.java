package io.vendsync.mapper.internals;

import java.math.BigDecimal;
import java.util.List;

/**
 * One component of a composite, as of the composite's product version {@code version} that last changed its bill of
 * materials; {@code components}: every component id of that bill of materials, sorted, so the kit is derived only once
 * all of them have arrived (a kit computed from part of its components would oversell).
 */
public record BomEdge(String compositeId, String componentId, BigDecimal quantity, long version, List<String> components) {

    public BomEdge {
        components = List.copyOf(components);
    }

    /** The key of one edge: the composite, then the component. */
    public static String key(final String compositeId, final String componentId) {
        return compositeId + '|' + componentId;
    }
}
