package io.vendsync.mapper.customers;

import java.util.Locale;

/** What the customer mapper does with two or more live Vend customers that share one normalised email. */
public enum DuplicateEmailPolicy {
    /** The oldest (created_at, then id) is published and owns the commercetools customer; the others are reported and withheld. */
    OLDEST_OWNS,
    /** All are reported and withheld until only one holds the email. */
    WITHHOLD_ALL;

    public static DuplicateEmailPolicy of(final String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
