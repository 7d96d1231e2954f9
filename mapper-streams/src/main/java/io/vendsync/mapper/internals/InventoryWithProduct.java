package io.vendsync.mapper.internals;

/** An inventory record joined with its product; {@code product} is null while the product is unknown. */
public record InventoryWithProduct(VendInventory inventory, ProductState product) {
}
