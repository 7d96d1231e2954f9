package io.vendsync.runtime.logging;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Makes HTTP headers safe to log: credentials are replaced, everything else (rate-limit counters,
 * Retry-After, correlation ids, content types) is kept, because that is what an operator reads the
 * integration log for.
 */
public final class HeaderRedaction {

    public static final String REDACTED = "[redacted]";

    private HeaderRedaction() {
    }

    /** A sorted copy with every credential-bearing value replaced by {@link #REDACTED}. */
    public static Map<String, String> redact(final Map<String, String> headers) {
        final Map<String, String> safe = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> safe.put(name, isSecret(name) ? REDACTED : value));
        return safe;
    }

    static boolean isSecret(final String name) {
        final String n = name.toLowerCase(Locale.ROOT);
        return n.equals("authorization") || n.equals("proxy-authorization") || n.equals("cookie") || n.equals("set-cookie")
                || n.equals("x-signature") || n.contains("token") || n.contains("secret") || n.contains("api-key")
                || n.contains("apikey") || n.contains("password");
    }
}
