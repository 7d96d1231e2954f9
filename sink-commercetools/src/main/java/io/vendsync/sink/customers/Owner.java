package io.vendsync.sink.customers;

import java.util.Locale;

/** Who decides a customer field's value in commercetools. */
public enum Owner {
    /** Vend: the sink writes Vend's value, also over an online edit (which it detects and counts). */
    VEND,
    /** commercetools: the sink sets the field only when it creates the customer, never overwrites it (counted when Vend differs). */
    COMMERCETOOLS,
    /**
     * The newer change wins: with no online edit since the sink last wrote the field, Vend's value is written; after one,
     * Vend's value is written only when Vend's updated_at is later than the customer's lastModifiedAt.
     */
    NEWEST;

    public static Owner of(final String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
