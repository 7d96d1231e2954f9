package io.vendsync.mapper.customers;

import java.util.Locale;

/** What the customer mapper does with a live Vend customer without an email (commercetools requires one). */
public enum MissingEmailPolicy {
    /** Reported (CUSTOMER_EMAIL_MISSING) and withheld: no commercetools customer until Vend has an email. */
    WITHHOLD,
    /** Published with the placeholder {@code <customer key>@<customer.email.placeholder.domain>}, and reported. */
    PLACEHOLDER;

    public static MissingEmailPolicy of(final String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
