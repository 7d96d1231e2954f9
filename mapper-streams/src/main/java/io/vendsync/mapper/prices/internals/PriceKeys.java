package io.vendsync.mapper.prices.internals;

import io.vendsync.mapper.prices.Market;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The commercetools price key of a price: {@code <source>-<currency>[-<country>][-ch-<channel key>]}, where the source is
 * {@code retail} or {@code pb-<price book id>}. One source gives one price per (market, channel), so the key is unique per
 * variant and stays the same as long as the source and scope do. Characters commercetools refuses become '-'; a key
 * longer than commercetools' 256 characters is cut and ends in a hash of the whole.
 */
public final class PriceKeys {

    static final int MAX_LENGTH = 256;
    private static final Pattern DISALLOWED = Pattern.compile("[^A-Za-z0-9_-]");

    private PriceKeys() {
    }

    public static String of(final String bookId, final Market market, final String channelKey) {
        final StringBuilder key = new StringBuilder(bookId == null ? "retail" : "pb-" + bookId)
                .append('-').append(market.currency());
        if (market.country() != null) {
            key.append('-').append(market.country());
        }
        if (channelKey != null) {
            key.append("-ch-").append(channelKey);
        }
        final String clean = DISALLOWED.matcher(key).replaceAll("-");
        if (clean.length() <= MAX_LENGTH) {
            return clean;
        }
        return clean.substring(0, MAX_LENGTH - 17) + "-" + sha256(clean).substring(0, 16);
    }

    private static String sha256(final String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
