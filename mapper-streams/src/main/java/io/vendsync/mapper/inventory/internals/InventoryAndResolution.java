package io.vendsync.mapper.inventory.internals;

import io.vendsync.mapper.vend.VendInventory;
import io.vendsync.schemas.mapping.ProductResolution;

/** A Vend inventory record with its product's resolution at the time it is processed; null while the product is unknown. */
public record InventoryAndResolution(VendInventory inventory, ProductResolution resolution) {
}
