package io.vendsync.mapper.identity;

import io.vendsync.mapper.vend.Blanks;
import java.util.Objects;

/**
 * The SKU rules. Vend does not enforce SKU uniqueness or format; commercetools matches SKUs exactly. So:
 * the SKU is trimmed (a padded SKU would otherwise be a different commercetools SKU), cased per
 * {@link SkuCase}, and any whitespace, padding or inside, is reported with the fix. A SKU with inner
 * whitespace is still used as it is (commercetools accepts it); the report is for cleaning Vend.
 *
 * <p>Whitespace includes the no-break, zero-width and other Unicode spaces that spreadsheet copy-paste brings along,
 * which {@link String#trim()} would keep ({@link Blanks}).
 */
public final class Skus {

    private final SkuCase skuCase;

    public Skus(final SkuCase skuCase) {
        this.skuCase = Objects.requireNonNull(skuCase, "skuCase");
    }

    public SkuCase skuCase() {
        return skuCase;
    }

    public Sku normalise(final String raw) {
        if (raw == null) {
            return new Sku(null, null, null);
        }
        final String trimmed = Blanks.strip(raw);
        if (trimmed.isEmpty()) {
            return new Sku(raw, null, null); // blank: missing, nothing to suggest
        }
        final boolean whitespace = trimmed.length() != raw.length() || trimmed.codePoints().anyMatch(Skus::isSpace);
        return new Sku(raw, skuCase.apply(trimmed), whitespace ? replaceInnerSpaces(trimmed) : null);
    }

    static boolean isSpace(final int c) {
        return Blanks.isBlank(c);
    }

    private static String replaceInnerSpaces(final String trimmed) {
        final StringBuilder out = new StringBuilder(trimmed.length());
        boolean inSpace = false;
        for (int i = 0; i < trimmed.length(); i++) {
            final char c = trimmed.charAt(i);
            if (isSpace(c)) {
                if (!inSpace) {
                    out.append('-');
                }
                inSpace = true;
            } else {
                out.append(c);
                inSpace = false;
            }
        }
        return out.toString();
    }
}
