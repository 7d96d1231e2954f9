package io.vendsync.mapper.prices.internals;

import io.vendsync.mapper.vend.VendOutletTax;
import java.util.SortedMap;
import java.util.TreeMap;

/** The outlet taxes of one product: outlet id -> its outlet tax. */
public record ProductTaxes(SortedMap<String, VendOutletTax> byOutlet) {

    public static final ProductTaxes NONE = new ProductTaxes(new TreeMap<>());

    public ProductTaxes {
        byOutlet = byOutlet == null ? new TreeMap<>() : new TreeMap<>(byOutlet);
    }

    public ProductTaxes with(final VendOutletTax tax) {
        final TreeMap<String, VendOutletTax> copy = new TreeMap<>(byOutlet);
        copy.put(tax.outletId(), tax);
        return new ProductTaxes(copy);
    }

    public ProductTaxes without(final VendOutletTax tax) {
        final TreeMap<String, VendOutletTax> copy = new TreeMap<>(byOutlet);
        copy.remove(tax.outletId(), tax);
        return new ProductTaxes(copy);
    }
}
