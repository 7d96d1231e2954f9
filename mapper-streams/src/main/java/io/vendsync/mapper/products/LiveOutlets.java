package io.vendsync.mapper.products;

import io.vendsync.mapper.vend.VendOutlet;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every live Vend outlet, by id: few, so they are kept under one key and joined to every family; with the store's
 * default tax ({@code is_default}), which applies where neither an outlet tax nor the outlet's default names one.
 */
public record LiveOutlets(Map<String, VendOutlet> byId, String storeDefaultTaxId) {

    public static final LiveOutlets NONE = new LiveOutlets(Map.of(), null);

    public LiveOutlets {
        byId = byId == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(byId));
    }

    public LiveOutlets with(final VendOutlet outlet) {
        final Map<String, VendOutlet> next = new TreeMap<>(byId);
        next.put(outlet.id(), outlet);
        return new LiveOutlets(next, storeDefaultTaxId);
    }

    public LiveOutlets without(final String outletId) {
        final Map<String, VendOutlet> next = new TreeMap<>(byId);
        next.remove(outletId);
        return new LiveOutlets(next, storeDefaultTaxId);
    }

    public LiveOutlets withStoreDefaultTax(final String taxId) {
        return new LiveOutlets(byId, taxId);
    }
}
