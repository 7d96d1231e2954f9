package io.vendsync.mapper.products;

/** A Vend outlet as the tax rule needs it: {@code default_tax_id} (deprecated by Vend, may be null) applies where no outlet tax is set. */
public record Outlet(String id, String defaultTaxId, boolean deleted, long version) {
}
