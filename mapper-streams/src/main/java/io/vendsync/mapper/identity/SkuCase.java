package io.vendsync.mapper.identity;

import java.util.Locale;

/** How the mapper cases a SKU before using it as the commercetools SKU ({@code sku.case}). */
public enum SkuCase {
    /** As Vend has it: commercetools SKUs are case-sensitive, so "abc" and "ABC" stay two SKUs. */
    PRESERVE,
    UPPER,
    LOWER;

    /** Locale.ROOT, so a Turkish default locale cannot turn "i" into a dotted capital. */
    public String apply(final String sku) {
        return switch (this) {
            case PRESERVE -> sku;
            case UPPER -> sku.toUpperCase(Locale.ROOT);
            case LOWER -> sku.toLowerCase(Locale.ROOT);
        };
    }

    /** Parses a config value, case-insensitively. */
    public static SkuCase of(final String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
