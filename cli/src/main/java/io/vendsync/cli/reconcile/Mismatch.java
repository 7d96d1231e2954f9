package io.vendsync.cli.reconcile;

import java.util.Objects;

/**
 * One way commercetools differs from Vend.
 *
 * @param area     what was compared
 * @param kind     how it differs
 * @param outlet   the Vend outlet (or channel) it concerns, {@link #WHOLE_STORE} when none
 * @param key      what identifies it: {@code <channel>/<sku>}, {@code <sku>/<price key>}, a customer key, an order number
 * @param expected what Vend says, empty when nothing is expected (an extra)
 * @param actual   what commercetools holds, empty when nothing is there (a missing one)
 * @param detail   a sentence for the operator
 */
public record Mismatch(Area area, Kind kind, String outlet, String key, String expected, String actual, String detail) {

    public static final String WHOLE_STORE = "(whole store)";

    public Mismatch {
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(kind, "kind");
        outlet = outlet == null || outlet.isBlank() ? WHOLE_STORE : outlet;
        Objects.requireNonNull(key, "key");
        expected = expected == null ? "" : expected;
        actual = actual == null ? "" : actual;
        detail = detail == null ? "" : detail;
    }

    /** What was compared. */
    public enum Area {
        INVENTORY, PRICES, CUSTOMERS, ORDERS;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** How commercetools differs. */
    public enum Kind {
        /** Vend has it, commercetools does not. */
        MISSING,
        /** commercetools has it (under vendsync's identity), Vend does not. */
        EXTRA,
        /** Both have it with another quantity, amount, total, email or state. */
        DIFFERENT,
        /** commercetools has it more than once (one inventory entry per SKU and channel, one order per number, ...). */
        DUPLICATE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
