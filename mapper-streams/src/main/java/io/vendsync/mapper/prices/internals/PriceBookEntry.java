package io.vendsync.mapper.prices.internals;

import java.math.BigDecimal;

/** A Vend 2.0 price book product: {@code price} is tax-exclusive; {@code taxId} may be null (the product's own tax). */
public record PriceBookEntry(String id, String priceBookId, String productId, BigDecimal price, String taxId,
                             boolean deleted, long version, long tsMs) {
}
