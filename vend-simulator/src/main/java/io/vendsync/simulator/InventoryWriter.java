package io.vendsync.simulator;

/** Sets a stock level the way {@link VendSimulator#setInventory} does, webhooks included. */
@FunctionalInterface
interface InventoryWriter {
    InventoryRecord set(String productId, String outletId, long level);
}
