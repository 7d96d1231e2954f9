package io.vendsync.mapper.vend;

/**
 * What counts as blank in text a cashier typed or pasted into Vend: Java's whitespace, Unicode's space characters (a
 * no-break space among them) and the zero-width ones a copy from a web page or spreadsheet brings along.
 */
public final class Blanks {

    private Blanks() {
    }

    public static boolean isBlank(final int c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\u2060' || c == '\uFEFF';
    }

    /** {@code text} without the blanks at either end (possibly empty). */
    public static String strip(final String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isBlank(text.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }
}
