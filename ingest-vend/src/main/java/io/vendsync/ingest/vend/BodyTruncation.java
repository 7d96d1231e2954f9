package io.vendsync.ingest.vend;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;

/** Cuts a text to at most a number of UTF-8 bytes, on a character boundary, marking the cut. */
public final class BodyTruncation {

    static final String MARK = "...";

    private BodyTruncation() {
    }

    /** {@code text} when it fits in {@code maxBytes} UTF-8 bytes, else its longest prefix that does, plus "...". */
    public static String truncate(final String text, final int maxBytes) {
        if (text == null || text.length() * 3L <= maxBytes
                || text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return text;
        }
        final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();
        final ByteBuffer out = ByteBuffer.allocate(Math.max(0, maxBytes));
        final CharBuffer in = CharBuffer.wrap(text);
        // The encoder stops before a character that would not fit, so no code point is split.
        encoder.encode(in, out, true);
        return text.substring(0, in.position()) + MARK;
    }
}
