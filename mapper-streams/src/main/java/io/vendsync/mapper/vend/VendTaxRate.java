package io.vendsync.mapper.vend;

import java.math.BigDecimal;

/** One component rate of a Vend tax (0.15 = 15 %); {@code id} (what a sale's tax components name) may be null. */
public record VendTaxRate(String id, String name, BigDecimal rate) {
}
