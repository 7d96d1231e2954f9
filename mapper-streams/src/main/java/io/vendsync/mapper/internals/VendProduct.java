package io.vendsync.mapper.internals;

/** The identifiers of a Vend 2.0 product; {@code sku} is trimmed, and null when Vend has none or a blank one. */
public record VendProduct(String id, String sku, boolean hasInventory, boolean deleted, long version) {
}
