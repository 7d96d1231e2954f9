package io.vendsync.mapper.vend;

/**
 * The Vend 2.0 retailer (the store): {@code tax_exclusive}, its currency code and country (fallbacks of an outlet's,
 * upper-cased, null when absent) and {@code discount_product_id}, the product its sale-level discounts use.
 */
public record VendRetailer(String id, boolean taxExclusive, String currency, String country, String discountProductId,
                           long version) {
}
