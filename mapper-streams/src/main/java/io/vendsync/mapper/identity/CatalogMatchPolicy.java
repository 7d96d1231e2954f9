package io.vendsync.mapper.identity;

import java.util.Locale;

/** What happens to a Vend product that matches no commercetools variant ({@code catalog.match.policy}). */
public enum CatalogMatchPolicy {
    /**
     * Its stock flows under its own (Vend or explicit) SKU. Creating the product in commercetools is a later slice of
     * issue #4 (TODO(#4)); until then the sink writes the inventory entry under that SKU with no product behind it.
     */
    CREATE,
    /** It must not be created: its stock is withheld and {@code CT_NO_MATCH} is reported until a variant matches. */
    MATCH_ONLY;

    /** Parses a config value ({@code create}, {@code match-only}), case-insensitively. */
    public static CatalogMatchPolicy of(final String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
