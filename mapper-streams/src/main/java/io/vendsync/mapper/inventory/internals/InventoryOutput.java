package io.vendsync.mapper.inventory.internals;

import io.vendsync.mapper.internals.MappingOutcome;

/**
 * What deciding a stock change yields: the outcome for the inventory record (keyed by inventory id), or a component's
 * new stock for one of its kits (keyed by the kit's id). Exactly one is set.
 */
public record InventoryOutput(MappingOutcome outcome, KitComponentChange kitInput) {

    public static InventoryOutput of(final MappingOutcome outcome) {
        return new InventoryOutput(outcome, null);
    }

    public static InventoryOutput of(final KitComponentChange kitInput) {
        return new InventoryOutput(null, kitInput);
    }
}
