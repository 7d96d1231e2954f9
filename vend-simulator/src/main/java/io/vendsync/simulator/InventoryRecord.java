package io.vendsync.simulator;

/** A 2.0 inventory record: one per (product, outlet). The 2.0 inventory list has no soft delete. */
public record InventoryRecord(
        String id,
        String productId,
        String outletId,
        long inventoryLevel,
        long reorderPoint,
        long reorderAmount,
        long version) implements Versioned {

    @Override
    public boolean deleted() {
        return false;
    }
}
