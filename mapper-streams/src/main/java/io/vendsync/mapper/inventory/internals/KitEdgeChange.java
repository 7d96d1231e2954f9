package io.vendsync.mapper.inventory.internals;

import io.vendsync.mapper.internals.BomEdge;

/** An edge of a kit's bill of materials on its way to the component's task; {@code edge} null when it was removed. */
public record KitEdgeChange(String compositeId, String componentId, BomEdge edge) {
}
