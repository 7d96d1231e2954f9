package io.vendsync.mapper.internals;

import java.util.Locale;
import java.util.regex.Pattern;

/** The rule that derives a commercetools supply channel key from a Vend outlet id. */
public final class ChannelKeys {

    /** What commercetools accepts as a resource key. */
    public static final Pattern VALID_KEY = Pattern.compile("[A-Za-z0-9_-]{2,256}");

    private static final Pattern DISALLOWED = Pattern.compile("[^A-Za-z0-9_-]");

    private ChannelKeys() {
    }

    /** {@code prefix + outletId}, lower-cased (Locale.ROOT, so a Turkish default locale cannot change it), other characters as '-'. */
    public static String derive(final String prefix, final String outletId) {
        return DISALLOWED.matcher((prefix + outletId).toLowerCase(Locale.ROOT)).replaceAll("-");
    }

    public static boolean isValid(final String channelKey) {
        return channelKey != null && VALID_KEY.matcher(channelKey).matches();
    }
}
