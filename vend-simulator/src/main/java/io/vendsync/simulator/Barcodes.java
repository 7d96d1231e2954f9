package io.vendsync.simulator;

import java.util.Locale;

/** Valid GS1 barcodes (EAN-13, UPC-A) with their check digit, derived from a number so seeds stay reproducible. */
public final class Barcodes {
    private Barcodes() {
    }

    /** EAN-13 in the "94" (New Zealand) prefix range, e.g. {@code ean13(17)} = 9400000000171... with check digit. */
    public static Product.ProductCode ean13(final long number) {
        return new Product.ProductCode("EAN", withCheckDigit(String.format(Locale.ROOT, "94%010d", number)));
    }

    /** UPC-A (12 digits) in the "0" number-system range. */
    public static Product.ProductCode upcA(final long number) {
        return new Product.ProductCode("UPC", withCheckDigit(String.format(Locale.ROOT, "0%010d", number)));
    }

    /** GS1 check digit: weights 3 and 1 alternating from the rightmost data digit. */
    static String withCheckDigit(final String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            final int digit = digits.charAt(digits.length() - 1 - i) - '0';
            sum += i % 2 == 0 ? digit * 3 : digit;
        }
        return digits + (10 - sum % 10) % 10;
    }
}
