package io.vendsync.mapper.products;

/** A Vend tax as the tax rule needs it: whether it is the store's default ({@code is_default}). */
public record StoreTax(String id, boolean isDefault, boolean deleted, long version) {
}
