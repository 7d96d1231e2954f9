package io.vendsync.mapper.prices.internals;

/** A Vend 2.0 outlet as pricing sees it; {@code displayPrices} is "inclusive", "exclusive" or null. */
public record PriceOutlet(String id, String name, String currency, String displayPrices, String countryId,
                          String defaultTaxId, boolean deleted, long version, long tsMs) {
}
