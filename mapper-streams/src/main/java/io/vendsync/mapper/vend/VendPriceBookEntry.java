package io.vendsync.mapper.vend;

import java.math.BigDecimal;

/** A Vend 2.0 price book product: {@code price} is tax-exclusive; {@code taxId} may be null (the product's own tax). */
public record VendPriceBookEntry(String id, String priceBookId, String productId, BigDecimal price, String taxId,
                                 boolean deleted, long version, long tsMs) {
}
