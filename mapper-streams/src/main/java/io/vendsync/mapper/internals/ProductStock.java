package io.vendsync.mapper.internals;

import io.vendsync.mapper.vend.VendInventory;
import java.util.Map;
import java.util.TreeMap;

/** A product's Vend stock per outlet id (sorted, so the serialized form is deterministic). */
public record ProductStock(Map<String, OutletLevel> outlets) {

    public static final ProductStock NONE = new ProductStock(Map.of());

    public ProductStock {
        outlets = outlets == null ? Map.of() : new TreeMap<>(outlets);
    }

    /** With the record's level, or without its outlet when the record is deleted. */
    public ProductStock apply(final VendInventory record) {
        if (record.outletId() == null) {
            return this;
        }
        final Map<String, OutletLevel> next = new TreeMap<>(outlets);
        if (record.deleted()) {
            next.remove(record.outletId());
        } else {
            next.put(record.outletId(), new OutletLevel(record.inventoryLevel(), record.version(), record.sourceTsMs(),
                    record.domainPrefix()));
        }
        return new ProductStock(next);
    }
}
