package io.vendsync.mapper.inventory.internals;

import io.vendsync.mapper.internals.MappingOutcome;
import io.vendsync.schemas.Keys;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The named children a deciding processor sends each output to: the canonical inventory sink (a mapped outcome, keyed
 * {@code <channel_key>/<sku>}), the validation-errors sink (an unmapped one, keyed by inventory id) and, for Vend's stock
 * changes, the kit path (a component's stock, keyed by the kit's id). Sent by name, so no split, filter or key mapping
 * stands between a decision and its sink.
 *
 * @param kits null where nothing goes to kits (a kit's own derived records)
 */
public record InventoryRoutes(String canonical, String unmapped, String kits) {

    /** Sends {@code outcome} of the inventory record {@code inventoryId} to its sink. */
    public void outcome(final ProcessorContext<String, InventoryOutput> context, final String inventoryId,
                        final MappingOutcome outcome, final long timestamp, final Headers headers) {
        if (outcome.isMapped()) {
            final InventoryLevel level = outcome.level();
            context.forward(new Record<>(Keys.inventory(level.getChannelKey(), level.getSku()), InventoryOutput.of(outcome),
                    timestamp, headers), canonical);
        } else {
            context.forward(new Record<>(inventoryId, InventoryOutput.of(outcome), timestamp, headers), unmapped);
        }
    }

    /** Sends a component's new stock to one of its kits, keyed by the kit's id. */
    public void kitInput(final ProcessorContext<String, InventoryOutput> context, final KitComponentChange change,
                         final long timestamp, final Headers headers) {
        if (kits == null) {
            throw new IllegalStateException("this processor has no kit path, yet " + change.componentId()
                    + " told kit " + change.compositeId());
        }
        context.forward(new Record<>(change.compositeId(), InventoryOutput.of(change), timestamp, headers), kits);
    }
}
