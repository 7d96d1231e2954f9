package io.vendsync.mapper.prices.internals;

import io.vendsync.mapper.vend.VendPriceBookEntry;
import java.util.SortedMap;
import java.util.TreeMap;

/** The price book entries of one product (deleted ones flagged, for their version): price_book_products id -> entry. */
public record ProductBookPrices(SortedMap<String, VendPriceBookEntry> entries) {

    public static final ProductBookPrices NONE = new ProductBookPrices(new TreeMap<>());

    public ProductBookPrices {
        entries = entries == null ? new TreeMap<>() : new TreeMap<>(entries);
    }

    public ProductBookPrices with(final VendPriceBookEntry entry) {
        final TreeMap<String, VendPriceBookEntry> copy = new TreeMap<>(entries);
        copy.put(entry.id(), entry);
        return new ProductBookPrices(copy);
    }

    public ProductBookPrices without(final VendPriceBookEntry entry) {
        final TreeMap<String, VendPriceBookEntry> copy = new TreeMap<>(entries);
        copy.remove(entry.id());
        return new ProductBookPrices(copy);
    }
}
