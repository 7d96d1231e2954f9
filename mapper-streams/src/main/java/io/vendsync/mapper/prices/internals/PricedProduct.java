package io.vendsync.mapper.prices.internals;

import io.vendsync.mapper.vend.VendProduct;
import java.math.BigDecimal;

/** What the price mapper keeps of a Vend product (its state holds every product); either price may be null. */
public record PricedProduct(String id, BigDecimal priceExcludingTax, BigDecimal priceIncludingTax, boolean deleted,
                            long version, long tsMs) {

    public static PricedProduct of(final VendProduct product) {
        return new PricedProduct(product.id(), product.priceExcludingTax(), product.priceIncludingTax(), product.deleted(),
                product.version(), product.tsMs());
    }
}
