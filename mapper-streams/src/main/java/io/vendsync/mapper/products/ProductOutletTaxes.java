package io.vendsync.mapper.products;

import io.vendsync.mapper.vend.VendOutletTax;
import java.util.Map;
import java.util.TreeMap;

/** The live {@code outlet_taxes} of one product, by outlet id. */
public record ProductOutletTaxes(Map<String, VendOutletTax> byOutlet) {

    public static final ProductOutletTaxes NONE = new ProductOutletTaxes(Map.of());

    public ProductOutletTaxes {
        byOutlet = byOutlet == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(byOutlet));
    }

    public ProductOutletTaxes with(final VendOutletTax tax) {
        final Map<String, VendOutletTax> next = new TreeMap<>(byOutlet);
        next.put(tax.outletId(), tax);
        return new ProductOutletTaxes(next);
    }

    public ProductOutletTaxes without(final String outletId) {
        final Map<String, VendOutletTax> next = new TreeMap<>(byOutlet);
        next.remove(outletId);
        return new ProductOutletTaxes(next);
    }
}
