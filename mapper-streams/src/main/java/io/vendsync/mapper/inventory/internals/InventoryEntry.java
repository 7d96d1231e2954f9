package io.vendsync.mapper.inventory.internals;

import io.vendsync.mapper.vend.VendInventory;
import java.util.Collections;
import java.util.Map;
import java.util.LinkedHashMap;

/**
 * Everything a product's task keeps about one inventory record, in one store entry, since every stock change reads and
 * writes it: the record as last accepted (its version is the gate: only a higher one passes; a deleted record stays, so
 * a late older event cannot bring it back), the fingerprint of the last outcome published for it (a re-decision that
 * reads the same publishes nothing), and the source version last published per canonical key (raised when a level
 * changes without a new Vend version, so the sink does not skip it as stale), the key published to last, last.
 */
public record InventoryEntry(VendInventory record, String lastOutcome, Map<String, Long> published) {

    public InventoryEntry {
        // In the order the keys were last published to, the last one last (a record whose outlet is gone zeroes that
        // one), and the serde keeps that order; entries written before kept them sorted. Nearly every record publishes
        // under one canonical key: an immutable one-entry map, which every stock change builds, costs no copy of an order.
        published = published == null || published.isEmpty() ? Map.of()
                : published.size() == 1 ? Map.copyOf(published) : Collections.unmodifiableMap(new LinkedHashMap<>(published));
    }

    /** The same entry with a newer record. */
    public InventoryEntry withRecord(final VendInventory next) {
        return new InventoryEntry(next, lastOutcome, published);
    }
}
