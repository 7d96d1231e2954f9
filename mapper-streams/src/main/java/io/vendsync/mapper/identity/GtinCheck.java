package io.vendsync.mapper.identity;

/**
 * One Vend product code of a GTIN type, checked: either {@code gtin14} is set, or {@code problem} says why
 * not, with {@code expectedCheckDigit} when only the check digit is wrong.
 *
 * @param type               the Vend product code type as given (EAN, UPC, ISBN, JAN, ITF, any case)
 * @param code               the code as given
 * @param gtin14             the code as a 14-digit GTIN (left-padded with zeros; an ISBN-10 converted first), or null
 * @param problem            why the code is not a GTIN, or null
 * @param expectedCheckDigit the check digit the code's other digits call for, when that is the problem, else null
 */
public record GtinCheck(String type, String code, String gtin14, String problem, String expectedCheckDigit) {

    public boolean isValid() {
        return gtin14 != null;
    }

    static GtinCheck valid(final String type, final String code, final String gtin14) {
        return new GtinCheck(type, code, gtin14, null, null);
    }

    static GtinCheck invalid(final String type, final String code, final String problem) {
        return new GtinCheck(type, code, null, problem, null);
    }

    static GtinCheck wrongCheckDigit(final String type, final String code, final char actual, final char expected) {
        return new GtinCheck(type, code, null, "check digit is " + actual + ", expected " + expected, String.valueOf(expected));
    }
}
