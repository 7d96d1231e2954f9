package io.vendsync.mapper.inventory.internals;

import io.vendsync.mapper.vend.VendInventory;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a product's task keeps about one inventory record, in one store entry, since every stock change reads and
 * writes it: the record as last accepted (its version is the gate: only a higher one passes; a deleted record stays, so
 * a late older event cannot bring it back), the fingerprint of the last outcome published for it (a re-decision that
 * reads the same publishes nothing), and the source version last published per canonical key (raised when a level
 * changes without a new Vend version, so the sink does not skip it as stale).
 */
public record InventoryEntry(VendInventory record, String lastOutcome, Map<String, Long> published) {

    public InventoryEntry {
        // Kept sorted (the serde writes it in this order). Nearly every record publishes under one canonical key: an
        // immutable one-entry map is sorted as it is, and every stock change builds one, so it costs no tree.
        published = published == null || published.isEmpty() ? Map.of()
                : published.size() == 1 ? Map.copyOf(published) : Collections.unmodifiableSortedMap(new TreeMap<>(published));
    }

    /** The same entry with a newer record. */
    public InventoryEntry withRecord(final VendInventory next) {
        return new InventoryEntry(next, lastOutcome, published);
    }
}
