package io.vendsync.simulator;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of a sale the simulator rings up: a product, how many (positive), and the line discount per unit, excluding
 * tax (zero for none): Vend then shows {@code price} = the product's price less the discount, {@code discount} = it.
 */
public record SaleLine(String productId, int quantity, BigDecimal unitDiscount) {

    public SaleLine {
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be >= 1: " + quantity);
        }
        unitDiscount = Objects.requireNonNullElse(unitDiscount, BigDecimal.ZERO);
        if (unitDiscount.signum() < 0) {
            throw new IllegalArgumentException("a discount is positive: " + unitDiscount);
        }
    }

    public SaleLine(final String productId, final int quantity) {
        this(productId, quantity, BigDecimal.ZERO);
    }
}
