package io.vendsync.mapper.prices.internals;

import java.math.BigDecimal;

/**
 * A Vend 2.0 tax: {@code rate} is the sum of its {@code rates[].rate} (0.15 = 15 %); {@code isDefault} marks the store's
 * default tax, which applies where neither an outlet tax nor the outlet's default_tax_id names one (a tax-inclusive store's
 * products carry their tax as all_outlets_tax, which API 2.0 does not return).
 */
public record VendTax(String id, String name, BigDecimal rate, boolean isDefault, boolean deleted, long version, long tsMs) {
}
