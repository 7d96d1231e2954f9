package io.vendsync.mapper.identity;

/**
 * A SKU after the mapper's rules: {@code value} is what the canonical record carries (trimmed, cased), null
 * when there is no usable SKU; {@code suggestion} is set only when the raw SKU has whitespace, and is the
 * SKU to enter in Vend instead.
 *
 * @param raw        the SKU as Vend (or an operator) gave it
 * @param value      trimmed and cased per {@link SkuCase}; null when missing or blank
 * @param suggestion trimmed, inner whitespace runs replaced by '-', case as given; null when there is no whitespace problem
 */
public record Sku(String raw, String value, String suggestion) {

    public boolean isMissing() {
        return value == null;
    }

    public boolean hasWhitespace() {
        return suggestion != null;
    }

    /** The raw SKU had whitespace before or after it (as opposed to only inside). */
    public boolean isPadded() {
        return raw != null && !raw.isEmpty() && (Skus.isSpace(raw.charAt(0)) || Skus.isSpace(raw.charAt(raw.length() - 1)));
    }
}
