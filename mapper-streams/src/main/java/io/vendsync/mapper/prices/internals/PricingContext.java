package io.vendsync.mapper.prices.internals;

import io.vendsync.mapper.vend.TaxFallback;
import io.vendsync.mapper.vend.VendOutlet;
import io.vendsync.mapper.vend.VendPriceBook;
import io.vendsync.mapper.vend.VendTax;
import io.vendsync.mapper.vend.VendRetailer;
import static io.vendsync.mapper.internals.SortedMaps.put;
import static io.vendsync.mapper.internals.SortedMaps.sorted;

import io.vendsync.mapper.vend.VendCustomerGroup;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything a price depends on besides the product itself, for the whole store: live outlets, live taxes, live price
 * books, live customer groups, the retailer and the explicit outlet -> channel overrides. It is small (tens to hundreds
 * of objects), so it is kept as one value under one key, which every task reads from a global table
 * ({@link io.vendsync.mapper.internals.ContextJoin}): a change here re-prices every product, which is what a change of a tax rate, an outlet's
 * currency or a book's validity needs.
 * The maps hold live objects only; {@code removed} keeps the version of each deleted one ({@code <kind>:<id>}), so a
 * record computed after a deletion still carries a higher source version than the one before it. Sorted maps keep the
 * JSON deterministic, so an unchanged context is unchanged bytes and re-prices nothing.
 */
public record PricingContext(SortedMap<String, VendOutlet> outlets, SortedMap<String, VendTax> taxes,
                             SortedMap<String, VendPriceBook> books, SortedMap<String, VendCustomerGroup> groups,
                             VendRetailer retailer, SortedMap<String, String> channelOverrides,
                             SortedMap<String, Long> removed) {

    public static final PricingContext EMPTY = new PricingContext(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(),
            new TreeMap<>(), null, new TreeMap<>(), new TreeMap<>());

    public PricingContext {
        outlets = sorted(outlets);
        taxes = sorted(taxes);
        books = sorted(books);
        groups = sorted(groups);
        channelOverrides = sorted(channelOverrides);
        removed = sorted(removed);
    }

    /** The store's default tax among the live ones ({@link TaxFallback#storeDefault}), or null. */
    public String defaultTaxId() {
        return TaxFallback.storeDefault(taxes.values().stream().filter(VendTax::isDefault).map(VendTax::id));
    }

    /** This context with one change applied (a null value removes the object). */
    public PricingContext with(final ContextEntry entry) {
        return switch (entry.kind()) {
            case OUTLET -> entry.outlet().deleted()
                    ? new PricingContext(put(outlets, entry.id(), null), taxes, books, groups, retailer, channelOverrides,
                            put(removed, "outlet:" + entry.id(), entry.outlet().version()))
                    : new PricingContext(put(outlets, entry.id(), entry.outlet()), taxes, books, groups, retailer, channelOverrides, removed);
            case TAX -> entry.tax().deleted()
                    ? new PricingContext(outlets, put(taxes, entry.id(), null), books, groups, retailer, channelOverrides,
                            put(removed, "tax:" + entry.id(), entry.tax().version()))
                    : new PricingContext(outlets, put(taxes, entry.id(), entry.tax()), books, groups, retailer, channelOverrides, removed);
            case PRICE_BOOK -> entry.book().deleted()
                    ? new PricingContext(outlets, taxes, put(books, entry.id(), null), groups, retailer, channelOverrides,
                            put(removed, "book:" + entry.id(), entry.book().version()))
                    : new PricingContext(outlets, taxes, put(books, entry.id(), entry.book()), groups, retailer, channelOverrides, removed);
            case CUSTOMER_GROUP -> entry.group().deleted()
                    ? new PricingContext(outlets, taxes, books, put(groups, entry.id(), null), retailer, channelOverrides,
                            put(removed, "group:" + entry.id(), entry.group().version()))
                    : new PricingContext(outlets, taxes, books, put(groups, entry.id(), entry.group()), retailer, channelOverrides, removed);
            case RETAILER -> new PricingContext(outlets, taxes, books, groups, entry.retailer(), channelOverrides, removed);
            case CHANNEL_OVERRIDE -> new PricingContext(outlets, taxes, books, groups, retailer,
                    put(channelOverrides, entry.id(), entry.channelKey()), removed);
        };
    }

    /** The version at which the object {@code <kind>:<id>} was deleted, or 0. */
    public long removedVersion(final String kind, final String id) {
        return removed.getOrDefault(kind + ":" + id, 0L);
    }

    /** The highest version at which an outlet was deleted, or 0: every product's prices depend on the set of outlets. */
    public long removedOutletsVersion() {
        return removed.entrySet().stream().filter(e -> e.getKey().startsWith("outlet:")).mapToLong(java.util.Map.Entry::getValue)
                .max().orElse(0L);
    }
}
