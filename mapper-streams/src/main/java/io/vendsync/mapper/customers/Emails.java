package io.vendsync.mapper.customers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** Email rules of the customer mapper: how emails compare, which are usable, and how they are keyed internally. */
public final class Emails {

    /**
     * One '@' with something on both sides and a dot in the domain, no whitespace (Unicode's, zero-width ones included):
     * what commercetools can sign in with.
     */
    private static final Pattern USABLE = Pattern.compile("(?U)[^@\\s\\u200B\\u2060\\uFEFF]+@[^@\\s\\u200B\\u2060\\uFEFF]+\\.[^@\\s\\u200B\\u2060\\uFEFF]+");

    private Emails() {
    }

    /** Trimmed and case-folded (commercetools compares emails case-insensitively); null for none or blank. */
    public static String normalise(final String email) {
        if (email == null || email.isBlank()) {
            return null;
        }
        return email.trim().toLowerCase(Locale.ROOT);
    }

    public static boolean usable(final String normalised) {
        return normalised != null && USABLE.matcher(normalised).matches();
    }

    /**
     * The SHA-256 of the normalised email: the key duplicate claims are grouped by, so the email itself does not become
     * the key of internal repartition and join topics.
     */
    public static String claimKey(final String normalised) {
        if (normalised == null) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
