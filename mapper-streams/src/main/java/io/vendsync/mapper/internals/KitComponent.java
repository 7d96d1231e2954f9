package io.vendsync.mapper.internals;

/** One edge of a kit's bill of materials with the component's stock; {@code stock} null when it has none anywhere. */
public record KitComponent(BomEdge edge, ProductStock stock) {
}
