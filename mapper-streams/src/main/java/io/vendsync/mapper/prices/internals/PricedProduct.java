package io.vendsync.mapper.prices.internals;

import java.math.BigDecimal;

/** The fields of a Vend 2.0 product the price mapper needs; either price may be null. */
public record PricedProduct(String id, BigDecimal priceExcludingTax, BigDecimal priceIncludingTax, boolean deleted,
                            long version, long tsMs) {
}
