package io.vendsync.mapper.orders.internals;

import java.math.BigDecimal;
import java.util.List;

/** The small Vend objects an order refers to, with the fields it needs; each kind from its own raw topic. */
public final class OrderReference {

    private OrderReference() {
    }

    /** An outlet: its currency, whether it shows tax-inclusive prices, its country. */
    public record Outlet(String id, String name, String currency, boolean taxInclusive, String country, boolean deleted,
                         long version) {
    }

    /** A register (its open/close times are left out: they change daily and no order needs them). */
    public record Register(String id, String name, String outletId, boolean deleted, long version) {
    }

    /** A payment type: its name is the payment method; {@code typeId} is Vend's global type (e.g. 118 gift card). */
    public record PaymentType(String id, String name, String typeId, boolean deleted, long version) {
    }

    /** A tax with its component rates. */
    public record Tax(String id, String name, List<Rate> rates, boolean deleted, long version) {

        public BigDecimal rate() {
            return rates.stream().map(Rate::rate).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    /** One component rate of a tax (0.15 = 15 %). */
    public record Rate(String id, String name, BigDecimal rate) {
    }

    /** The store: its currency and country (fallbacks of an outlet's) and the product its sale-level discounts use. */
    public record Retailer(String currency, String country, String discountProductId, long version) {
    }
}
