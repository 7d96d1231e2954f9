package io.vendsync.mapper.prices;

import io.vendsync.mapper.internals.CountryCodes;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a price applies: an ISO 4217 currency and, when known, an ISO 3166-1 alpha-2 country. Each live Vend outlet is in
 * the market of its {@code currency} and {@code physical_country_id}.
 *
 * @param country null when the outlet has no country (the price is then scoped by currency only)
 */
public record Market(String currency, String country) implements Comparable<Market> {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public Market {
        Objects.requireNonNull(currency, "currency");
        if (!CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("'" + currency + "' is not an ISO 4217 currency code (3 letters)");
        }
        if (country != null && !CountryCodes.isAlpha2(country)) {
            throw new IllegalArgumentException("'" + country + "' is not an ISO 3166-1 alpha-2 country code (2 letters)");
        }
    }

    /** {@code NZD-NZ} (case-insensitive, trimmed) or {@code NZD} alone. */
    public static Market parse(final String text) {
        final String value = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        final int dash = value.indexOf('-');
        return dash < 0 ? new Market(value, null) : new Market(value.substring(0, dash), value.substring(dash + 1));
    }

    /** {@code NZD-NZ}, or {@code NZD} without a country: the form {@link #parse} reads. */
    @Override
    public String toString() {
        return country == null ? currency : currency + "-" + country;
    }

    @Override
    public int compareTo(final Market other) {
        return toString().compareTo(other.toString());
    }
}
