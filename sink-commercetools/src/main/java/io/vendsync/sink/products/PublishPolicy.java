package io.vendsync.sink.products;

import java.util.Locale;

/** When the product writer publishes ({@code product.publish}). */
public enum PublishPolicy {
    /** Never: products are created and changed staged; a merchandiser publishes them. */
    NEVER,
    /** New products are published at creation; later changes stay staged. */
    ON_CREATE,
    /** Every write that changed something is published with it. */
    ALWAYS;

    /** Parses a setting value ({@code never}, {@code on-create}, {@code always}), case-insensitively. */
    public static PublishPolicy of(final String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
