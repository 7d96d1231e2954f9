package io.vendsync.mapper.vend;

/**
 * A Vend 2.0 outlet tax: the tax a product carries at one outlet. It has no id of its own: keyed
 * {@code <product_id>/<outlet_id>} ({@code key}). {@code taxId} is null only when {@code deleted}.
 */
public record VendOutletTax(String key, String productId, String outletId, String taxId, boolean deleted, long version,
                            long tsMs) {
}
