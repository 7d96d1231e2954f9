package io.vendsync.mapper.prices.internals;

import java.util.SortedMap;
import java.util.TreeMap;

/** The outlet taxes of one product: outlet id -> its outlet tax. */
public record ProductTaxes(SortedMap<String, OutletTax> byOutlet) {

    public static final ProductTaxes NONE = new ProductTaxes(new TreeMap<>());

    public ProductTaxes {
        byOutlet = byOutlet == null ? new TreeMap<>() : new TreeMap<>(byOutlet);
    }

    public ProductTaxes with(final OutletTax tax) {
        final TreeMap<String, OutletTax> copy = new TreeMap<>(byOutlet);
        copy.put(tax.outletId(), tax);
        return new ProductTaxes(copy);
    }

    public ProductTaxes without(final OutletTax tax) {
        final TreeMap<String, OutletTax> copy = new TreeMap<>(byOutlet);
        copy.remove(tax.outletId(), tax);
        return new ProductTaxes(copy);
    }
}
