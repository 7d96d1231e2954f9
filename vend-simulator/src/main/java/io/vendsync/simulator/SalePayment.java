package io.vendsync.simulator;

import java.math.BigDecimal;
import java.util.Objects;

/** One payment of a sale being rung up: a payment type and an amount, or null for whatever is still owed. */
public record SalePayment(String paymentTypeId, BigDecimal amount) {

    public SalePayment {
        Objects.requireNonNull(paymentTypeId, "paymentTypeId");
    }

    /** Pays what is still owed. */
    public static SalePayment rest(final String paymentTypeId) {
        return new SalePayment(paymentTypeId, null);
    }
}
