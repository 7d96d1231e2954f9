package io.vendsync.mapper.vend;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
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

    /**
     * Reads state stores too: the price mapper's state written before this record kept only the summed {@code rate}
     * (and the label as {@code name}), read here as one rate, so an upgrade does not price at 0 %.
     */
    @JsonCreator
    static VendTax fromState(@JsonProperty("id") final String id, @JsonProperty("name") final String name,
                             @JsonProperty("displayName") final String displayName,
                             @JsonProperty("rates") final List<VendTaxRate> rates, @JsonProperty("isDefault") final boolean isDefault,
                             @JsonProperty("deleted") final boolean deleted, @JsonProperty("version") final long version,
                             @JsonProperty("tsMs") final long tsMs, @JsonProperty("rate") final BigDecimal summedRate) {
        final List<VendTaxRate> all = rates != null || summedRate == null ? rates : List.of(new VendTaxRate(null, name, summedRate));
        return new VendTax(id, name, displayName, all, isDefault, deleted, version, tsMs);
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
