package io.vendsync.mapper.vend;

import java.math.BigDecimal;
import java.util.List;

/**
 * A Vend 2.0 tax with its component {@code rates}; {@code isDefault} marks the store's default tax (see
 * {@link TaxFallback}). {@code name} and {@code displayName} as Vend sent them.
 */
public record VendTax(String id, String name, String displayName, List<VendTaxRate> rates, boolean isDefault,
                      boolean deleted, long version, long tsMs) {

    public VendTax {
        rates = rates == null ? List.of() : List.copyOf(rates);
    }

    /** The sum of the component rates (0.15 = 15 %). */
    public BigDecimal rate() {
        return rates.stream().map(VendTaxRate::rate).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** What a shopper reads: {@code display_name}, else {@code name}, else the id. */
    public String label() {
        if (displayName != null && !displayName.isBlank()) {
            return displayName;
        }
        return name == null ? id : name;
    }
}
