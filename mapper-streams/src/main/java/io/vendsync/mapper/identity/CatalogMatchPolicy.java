package io.vendsync.mapper.identity;

import java.util.Locale;

/** What happens to a Vend product that matches no commercetools variant ({@code catalog.match.policy}). */
public enum CatalogMatchPolicy {
    /**
     * Its stock flows under its own (Vend or explicit) SKU, and the product mapper publishes its family on
     * {@code canonical.product.v1}, so the sink creates the product (or adds the variant to the family's product).
     */
    CREATE,
    /** It must not be created: its stock is withheld and {@code CT_NO_MATCH} is reported until a variant matches. */
    MATCH_ONLY;

    /** Parses a config value ({@code create}, {@code match-only}), case-insensitively. */
    public static CatalogMatchPolicy of(final String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
