package io.vendsync.mapper.prices.internals;

import java.util.SortedMap;
import java.util.TreeMap;

/** The price book entries of one product (deleted ones flagged, for their version): price_book_products id -> entry. */
public record ProductBookPrices(SortedMap<String, PriceBookEntry> entries) {

    public static final ProductBookPrices NONE = new ProductBookPrices(new TreeMap<>());

    public ProductBookPrices {
        entries = entries == null ? new TreeMap<>() : new TreeMap<>(entries);
    }

    public ProductBookPrices with(final PriceBookEntry entry) {
        final TreeMap<String, PriceBookEntry> copy = new TreeMap<>(entries);
        copy.put(entry.id(), entry);
        return new ProductBookPrices(copy);
    }

    public ProductBookPrices without(final PriceBookEntry entry) {
        final TreeMap<String, PriceBookEntry> copy = new TreeMap<>(entries);
        copy.remove(entry.id());
        return new ProductBookPrices(copy);
    }
}
