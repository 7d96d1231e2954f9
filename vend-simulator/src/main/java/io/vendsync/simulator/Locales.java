package io.vendsync.simulator;

import java.util.Currency;
import java.util.Locale;
import java.util.Map;

/** Plausible outlet defaults derived from a country and currency code. */
final class Locales {
    private static final Map<String, String> TIME_ZONES = Map.of(
            "NZ", "Pacific/Auckland",
            "AU", "Australia/Sydney",
            "US", "America/New_York",
            "CA", "America/Toronto",
            "GB", "Europe/London",
            "IE", "Europe/Dublin",
            "DE", "Europe/Berlin",
            "FR", "Europe/Paris",
            "NL", "Europe/Amsterdam",
            "ZA", "Africa/Johannesburg");

    // Vend shows the bare local symbol ("$"), not the disambiguated one Java gives for Locale.ROOT ("NZ$").
    private static final Map<String, String> SYMBOLS = Map.of(
            "NZD", "$", "AUD", "$", "USD", "$", "CAD", "$",
            "GBP", "\u00a3", "EUR", "\u20ac", "ZAR", "R");

    private Locales() {
    }

    static String timeZoneOf(final String countryId) {
        return TIME_ZONES.getOrDefault(countryId.toUpperCase(Locale.ROOT), "UTC");
    }

    static String currencySymbolOf(final String currencyCode) {
        final String code = currencyCode.toUpperCase(Locale.ROOT);
        final String known = SYMBOLS.get(code);
        if (known != null) {
            return known;
        }
        try {
            return Currency.getInstance(code).getSymbol(Locale.ROOT);
        } catch (final IllegalArgumentException unknownCurrency) {
            return code;
        }
    }
}
