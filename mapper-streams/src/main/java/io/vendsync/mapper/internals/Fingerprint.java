package io.vendsync.mapper.internals;

/**
 * A 128-bit digest of a sequence of values, as 32 hex digits: what a store keeps to tell "the same news as last time"
 * without keeping the news. Two 64-bit lanes (FNV-1a and a golden-ratio multiply, each finished by MurmurHash3's
 * fmix64), so a false match needs both lanes to collide for two outcomes of the same record; strings hash by their
 * chars, longs by value, a null and the end of each value by markers of their own, so ("ab", "c") and ("a", "bc") differ.
 */
public final class Fingerprint {

    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long NULL_MARK = 0x6A09E667F3BCC909L;
    private static final long END_MARK = 0xBB67AE8584CAA73BL;

    private long first = 0xcbf29ce484222325L;
    private long second = 0x243F6A8885A308D3L;

    /** Adds a value: a string, a whole number, null, or anything else by its {@code toString}. */
    public Fingerprint add(final Object value) {
        if (value == null) {
            mix(NULL_MARK);
        } else if (value instanceof Long || value instanceof Integer) {
            mix(((Number) value).longValue());
        } else {
            final CharSequence text = value instanceof CharSequence chars ? chars : value.toString();
            for (int i = 0; i < text.length(); i++) {
                mix(text.charAt(i));
            }
        }
        mix(END_MARK);
        return this;
    }

    private void mix(final long value) {
        first = (first ^ value) * FNV_PRIME;
        second = Long.rotateLeft((second ^ value) * GOLDEN, 29);
    }

    @Override
    public String toString() {
        return hex(fmix(first)) + hex(fmix(second ^ first));
    }

    private static String hex(final long value) {
        final String digits = Long.toHexString(value);
        return "0".repeat(16 - digits.length()) + digits;
    }

    private static long fmix(final long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
