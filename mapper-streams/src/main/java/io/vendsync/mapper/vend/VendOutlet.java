package io.vendsync.mapper.vend;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A Vend 2.0 outlet, the one record every topology reads outlets into.
 *
 * @param currency      ISO 4217 code, upper-cased; null when Vend sent none (the price mapper requires one)
 * @param displayPrices {@code display_prices} lower-cased ("inclusive", "exclusive"); null when absent, so the retailer's
 *                      {@code tax_exclusive} applies
 * @param countryId     {@code physical_country_id} upper-cased; null when absent or blank
 * @param defaultTaxId  {@code default_tax_id} (deprecated by Vend, may be null): the outlet's tax where a product has no
 *                      outlet tax there (see {@link TaxFallback})
 * @param tsMs          {@code source.ts_ms} of the raw change
 */
public record VendOutlet(String id, String name, String currency, String displayPrices,
                         String countryId, String defaultTaxId, boolean deleted, long version, long tsMs) {

    /**
     * Reads state stores too: the order mapper's state written before this record kept {@code country} and a
     * {@code taxInclusive} flag instead of {@code countryId} and {@code displayPrices}.
     */
    @JsonCreator
    static VendOutlet fromState(@JsonProperty("id") final String id, @JsonProperty("name") final String name,
                                @JsonProperty("currency") final String currency,
                                @JsonProperty("displayPrices") final String displayPrices,
                                @JsonProperty("countryId") final String countryId,
                                @JsonProperty("defaultTaxId") final String defaultTaxId, @JsonProperty("deleted") final boolean deleted,
                                @JsonProperty("version") final long version, @JsonProperty("tsMs") final long tsMs,
                                @JsonProperty("country") final String country, @JsonProperty("taxInclusive") final Boolean taxInclusive) {
        final String display = displayPrices != null || taxInclusive == null ? displayPrices : taxInclusive ? "inclusive" : "exclusive";
        return new VendOutlet(id, name, currency, display, countryId != null ? countryId : country, defaultTaxId, deleted, version,
                tsMs);
    }

    /**
     * Whether the outlet shows tax-inclusive prices: its {@code display_prices}, else the retailer's setting
     * ({@code tax_exclusive}; inclusive when the retailer is not read yet, as most Vend stores are).
     */
    public boolean taxInclusive(final VendRetailer retailer) {
        return displayPrices != null ? "inclusive".equals(displayPrices) : retailer == null || !retailer.taxExclusive();
    }
}
