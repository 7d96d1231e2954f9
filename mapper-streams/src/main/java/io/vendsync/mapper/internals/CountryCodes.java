package io.vendsync.mapper.internals;

import java.util.regex.Pattern;

/** The country codes commercetools takes (ISO 3166-1 alpha-2, upper case), as Vend's upper-cased fields give them. */
public final class CountryCodes {

    private static final Pattern ALPHA_2 = Pattern.compile("[A-Z]{2}");

    private CountryCodes() {
    }

    /** Whether {@code country} is two upper-case letters (null is not). */
    public static boolean isAlpha2(final String country) {
        return country != null && ALPHA_2.matcher(country).matches();
    }
}
