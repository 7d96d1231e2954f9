package io.vendsync.mapper.prices.internals;

/** The Vend 2.0 retailer fields pricing falls back on: tax_exclusive, currency code, country. */
public record VendRetailer(String id, boolean taxExclusive, String currency, String country, long version) {
}
