package io.vendsync.mapper.vend;

import java.util.List;
import java.util.stream.Stream;

/**
 * Which Vend tax a product uses at an outlet, the one rule the product and price mappers share so that a product's tax
 * category and its prices agree: the product's outlet tax there, else the outlet's {@code default_tax_id}, else the
 * store's default tax ({@code is_default}; a tax-inclusive store's products carry their tax as all_outlets_tax, which
 * API 2.0 does not return).
 */
public final class TaxFallback {

    private TaxFallback() {
    }

    /**
     * @param outletTaxId       the live outlet tax of the product at {@code outlet}, or null
     * @param storeDefaultTaxId {@link #storeDefault}, or null
     * @return null when none of the three names a tax
     */
    public static String taxId(final String outletTaxId, final VendOutlet outlet, final String storeDefaultTaxId) {
        if (outletTaxId != null) {
            return outletTaxId;
        }
        return outlet.defaultTaxId() != null ? outlet.defaultTaxId() : storeDefaultTaxId;
    }

    /**
     * Whether {@code taxId} can be the tax of some product at {@code outlet}: as an outlet tax there
     * ({@code usedAsOutletTax}), or by the fallback for a product without one.
     */
    public static boolean appliesAt(final String taxId, final boolean usedAsOutletTax, final VendOutlet outlet,
                                    final String storeDefaultTaxId) {
        return usedAsOutletTax || taxId.equals(taxId(null, outlet, storeDefaultTaxId));
    }

    /**
     * The store's default tax among the live taxes marked {@code is_default}: null when none is marked, or (broken data)
     * more than one, rather than pick one.
     */
    public static String storeDefault(final Stream<String> defaultTaxIds) {
        final List<String> defaults = defaultTaxIds.distinct().limit(2).toList();
        return defaults.size() == 1 ? defaults.get(0) : null;
    }
}
