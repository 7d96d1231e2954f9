package io.vendsync.mapper.products;

/** One Vend {@code outlet_taxes} record: the tax a product uses at an outlet. */
public record OutletTax(String productId, String outletId, String taxId, boolean deleted, long version) {
}
