package io.vendsync.mapper.internals;

import io.vendsync.mapper.vend.VendInventory;

/** An inventory record joined with its product; {@code product} is null while the product is unknown. */
public record InventoryWithProduct(VendInventory inventory, ProductState product) {
}
