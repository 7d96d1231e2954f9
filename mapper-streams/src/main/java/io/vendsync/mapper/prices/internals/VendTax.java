package io.vendsync.mapper.prices.internals;

import java.math.BigDecimal;

/** A Vend 2.0 tax: {@code rate} is the sum of its {@code rates[].rate} (0.15 = 15 %). */
public record VendTax(String id, String name, BigDecimal rate, boolean deleted, long version, long tsMs) {
}
