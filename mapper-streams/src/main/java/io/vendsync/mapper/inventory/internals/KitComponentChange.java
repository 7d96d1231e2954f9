package io.vendsync.mapper.inventory.internals;

import io.vendsync.mapper.internals.BomEdge;
import io.vendsync.mapper.internals.ProductStock;

/**
 * News for one kit about one component, sent from the component's task to the kit's: the edge of the bill of materials
 * with the component's Vend stock per outlet ({@code stock} null when it has none), or, {@code edge} null, that the
 * component left the bill of materials.
 */
public record KitComponentChange(String compositeId, String componentId, BomEdge edge, ProductStock stock) {
}
