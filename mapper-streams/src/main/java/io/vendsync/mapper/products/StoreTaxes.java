package io.vendsync.mapper.products;

import io.vendsync.mapper.vend.TaxFallback;
import io.vendsync.mapper.vend.VendTax;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** The store's live taxes by id, under one key like the outlets: few, and the default one is what a product without an outlet tax uses. */
public record StoreTaxes(Map<String, Boolean> defaultById) {

    public static final StoreTaxes NONE = new StoreTaxes(Map.of());

    public StoreTaxes {
        defaultById = defaultById == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(defaultById));
    }

    public StoreTaxes with(final VendTax tax) {
        final Map<String, Boolean> next = new TreeMap<>(defaultById);
        next.put(tax.id(), tax.isDefault());
        return new StoreTaxes(next);
    }

    public StoreTaxes without(final String taxId) {
        final Map<String, Boolean> next = new TreeMap<>(defaultById);
        next.remove(taxId);
        return new StoreTaxes(next);
    }

    /** The store's default tax ({@link TaxFallback#storeDefault}). */
    public String defaultTaxId() {
        return TaxFallback.storeDefault(defaultById.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey));
    }
}
