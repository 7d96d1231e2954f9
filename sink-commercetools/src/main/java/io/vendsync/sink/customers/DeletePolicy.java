package io.vendsync.sink.customers;

import java.util.Locale;

/** What the sink does when a Vend customer is deleted. */
public enum DeletePolicy {
    /** Delete the commercetools customer if vendsync created it; keep one vendsync only linked (it existed online first). */
    DELETE_CREATED,
    /** Never delete: the commercetools customer stays (with its key, so past orders still name it). */
    KEEP;

    public static DeletePolicy of(final String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
