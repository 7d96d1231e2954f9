package io.vendsync.mapper.identity;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Validates the GTIN-type entries of a Vend product's {@code product_codes} and brings them to one form,
 * GTIN-14, so the same article entered as UPC-A in one product and as EAN-13 in another compares equal.
 *
 * <ul>
 *   <li>Types EAN, UPC, JAN, ITF (any case; Vend's own examples use lower case): 8, 12, 13 or 14 digits
 *       (GTIN-8/12/13/14), GS1 mod-10 check digit, left-padded with zeros to 14 digits.</li>
 *   <li>ISBN: 13 digits as above, or ISBN-10 (mod-11 check, 'X' = 10) converted to ISBN-13 by prefixing 978
 *       and recomputing the check digit. Hyphens and spaces are allowed in an ISBN, its usual written form.</li>
 *   <li>Other types (CUSTOM) are not GTINs and are not checked.</li>
 * </ul>
 *
 * <p>Not handled: UPC-E (8-digit zero-suppressed UPC); an 8-digit code is read as GTIN-8 (EAN-8).
 */
public final class Gtins {

    /** The Vend product code types that hold a GTIN. */
    public static final Set<String> TYPES = Set.of("EAN", "UPC", "ISBN", "JAN", "ITF");

    private Gtins() {
    }

    public static boolean isGtinType(final String type) {
        return type != null && TYPES.contains(type.trim().toUpperCase(Locale.ROOT));
    }

    /** Empty when {@code type} is not a GTIN type; otherwise the checked code. */
    public static Optional<GtinCheck> check(final String type, final String code) {
        if (!isGtinType(type)) {
            return Optional.empty();
        }
        if (code == null || code.isBlank()) {
            return Optional.of(GtinCheck.invalid(type, code, "code is empty"));
        }
        final boolean isbn = "ISBN".equals(type.trim().toUpperCase(Locale.ROOT));
        final String digits = isbn ? code.replaceAll("[\\s-]", "") : code.trim();
        if (isbn && digits.length() == 10) {
            return Optional.of(isbn10(type, code, digits));
        }
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of(GtinCheck.invalid(type, code, "has characters other than digits"));
        }
        final int length = digits.length();
        final boolean lengthOk = isbn ? length == 13 : length == 8 || length == 12 || length == 13 || length == 14;
        if (!lengthOk) {
            return Optional.of(GtinCheck.invalid(type, code, "has " + length + " digits; a " + type + " has "
                    + (isbn ? "10 or 13" : "8, 12, 13 or 14")));
        }
        final char expected = gs1CheckDigit(digits.substring(0, length - 1));
        if (digits.charAt(length - 1) != expected) {
            return Optional.of(GtinCheck.wrongCheckDigit(type, code, digits.charAt(length - 1), expected));
        }
        return Optional.of(GtinCheck.valid(type, code, "0".repeat(14 - length) + digits));
    }

    /**
     * The GS1 mod-10 check digit of the digits before it: weights 3,1,3,... from the right, so it holds for
     * every GTIN length.
     */
    public static char gs1CheckDigit(final String digitsBeforeCheck) {
        int sum = 0;
        for (int i = 0; i < digitsBeforeCheck.length(); i++) {
            final int digit = digitsBeforeCheck.charAt(digitsBeforeCheck.length() - 1 - i) - '0';
            sum += i % 2 == 0 ? 3 * digit : digit;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    /** The ISBN-10 check character of its first nine digits: weights 10..2, mod 11, 10 written 'X'. */
    public static char isbn10CheckDigit(final String nineDigits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (10 - i) * (nineDigits.charAt(i) - '0');
        }
        final int check = (11 - sum % 11) % 11;
        return check == 10 ? 'X' : (char) ('0' + check);
    }

    private static GtinCheck isbn10(final String type, final String code, final String isbn) {
        final String body = isbn.substring(0, 9);
        final char last = Character.toUpperCase(isbn.charAt(9));
        if (!body.chars().allMatch(c -> c >= '0' && c <= '9') || !(last == 'X' || last >= '0' && last <= '9')) {
            return GtinCheck.invalid(type, code, "is not an ISBN-10 (nine digits, then a digit or X)");
        }
        final char expected = isbn10CheckDigit(body);
        if (last != expected) {
            return GtinCheck.wrongCheckDigit(type, code, last, expected);
        }
        final String isbn13 = "978" + body;
        return GtinCheck.valid(type, code, "0" + isbn13 + gs1CheckDigit(isbn13));
    }
}
