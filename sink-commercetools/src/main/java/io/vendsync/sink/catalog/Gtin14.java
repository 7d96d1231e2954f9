package io.vendsync.sink.catalog;

import java.util.Optional;

/**
 * Brings a commercetools GTIN attribute value to GTIN-14, the form the mapper compares Vend barcodes in.
 * Accepted: 8 to 14 digits (GTIN-8/12/13/14; 9 to 11 occur when a number-typed attribute lost leading zeros,
 * which left-padding restores without changing the check digit) with a valid GS1 mod-10 check digit.
 * Anything else is not a GTIN and is left out rather than guessed at.
 */
public final class Gtin14 {

    private Gtin14() {
    }

    public static Optional<String> normalise(final String value) {
        if (value == null) {
            return Optional.empty();
        }
        final String digits = value.trim();
        if (digits.length() < 8 || digits.length() > 14 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        final String padded = "0".repeat(14 - digits.length()) + digits;
        return padded.charAt(13) == checkDigit(padded.substring(0, 13)) ? Optional.of(padded) : Optional.empty();
    }

    /** GS1 mod-10: weights 3,1,3,... from the right of the digits before the check digit. */
    static char checkDigit(final String digitsBeforeCheck) {
        int sum = 0;
        for (int i = 0; i < digitsBeforeCheck.length(); i++) {
            final int digit = digitsBeforeCheck.charAt(digitsBeforeCheck.length() - 1 - i) - '0';
            sum += i % 2 == 0 ? 3 * digit : digit;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }
}
