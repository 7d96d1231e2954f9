package io.vendsync.mapper.prices.internals;

/** A Vend 2.0 outlet tax: the tax a product carries at one outlet. Keyed {@code <product_id>/<outlet_id>}. */
public record OutletTax(String key, String productId, String outletId, String taxId, boolean deleted, long version, long tsMs) {
}
