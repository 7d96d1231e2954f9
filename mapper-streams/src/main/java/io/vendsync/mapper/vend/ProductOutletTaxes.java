package io.vendsync.mapper.vend;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** The outlet taxes of one product, by outlet id: the first step of {@link TaxFallback}, gathered per product. */
public record ProductOutletTaxes(Map<String, VendOutletTax> byOutlet) {

    public static final ProductOutletTaxes NONE = new ProductOutletTaxes(Map.of());

    public ProductOutletTaxes {
        byOutlet = byOutlet == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(byOutlet));
    }

    public ProductOutletTaxes with(final VendOutletTax tax) {
        final Map<String, VendOutletTax> next = new TreeMap<>(byOutlet);
        next.put(tax.outletId(), tax);
        return new ProductOutletTaxes(next);
    }

    /** Without {@code tax}; one that has replaced it at its outlet stays. */
    public ProductOutletTaxes without(final VendOutletTax tax) {
        final Map<String, VendOutletTax> next = new TreeMap<>(byOutlet);
        next.remove(tax.outletId(), tax);
        return new ProductOutletTaxes(next);
    }

    /** The live outlet tax of the product at {@code outletId}, or null. */
    public String liveTaxIdAt(final String outletId) {
        final VendOutletTax tax = byOutlet.get(outletId);
        return tax == null || tax.deleted() ? null : tax.taxId();
    }
}
