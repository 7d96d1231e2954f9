package io.vendsync.mapper.customers;

/** The store's country (the Vend retailer's, upper-cased; null when Vend gives none): an address's fallback. */
public record StoreCountry(String country) {
}
