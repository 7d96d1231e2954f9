package io.vendsync.mapper.vend;

import java.math.BigDecimal;

/**
 * A Vend 2.0 price book product: {@code price} is tax-exclusive; {@code taxId} may be null (the product's own tax).
 * {@code minUnits}/{@code maxUnits}: the quantity range the price applies to (a quantity break); null when Vend gives none.
 */
public record VendPriceBookEntry(String id, String priceBookId, String productId, BigDecimal price, String taxId,
                                 boolean deleted, long version, long tsMs, BigDecimal minUnits, BigDecimal maxUnits) {

    /**
     * The smallest whole quantity the price applies from: 1 when Vend sets no minimum (or one of 1 or less), else the
     * minimum rounded up (commercetools sells whole units, so "from 2.5" starts at 3).
     */
    public long minimumQuantity() {
        if (minUnits == null || minUnits.compareTo(BigDecimal.ONE) <= 0) {
            return 1;
        }
        return minUnits.setScale(0, java.math.RoundingMode.CEILING).longValueExact();
    }
}
