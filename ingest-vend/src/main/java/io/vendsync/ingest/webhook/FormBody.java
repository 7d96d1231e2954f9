package io.vendsync.ingest.webhook;

import io.vendsync.runtime.logging.PayloadMasker;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A decoded application/x-www-form-urlencoded body: each field's first value, and which fields came more than once,
 * so the receiver can refuse an ambiguous delivery instead of picking one value.
 */
record FormBody(Map<String, String> fields, Set<String> repeated) {

    String get(final String name) {
        return fields.get(name);
    }

    /**
     * The body with its {@code payload} field masked (other fields are Vend's envelope: type, domain prefix), encoded
     * again; a body that is no form, or not valid form encoding, is masked whole (withheld unless it is JSON).
     */
    static String masked(final String body, final String contentType, final PayloadMasker masker) {
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return masker.mask(body);
        }
        final StringBuilder out = new StringBuilder(body.length());
        try {
            for (final String pair : body.split("&")) {
                final int eq = pair.indexOf('=');
                final String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                final String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.append(out.isEmpty() ? "" : "&").append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode("payload".equals(name) ? masker.mask(value) : value, StandardCharsets.UTF_8));
            }
        } catch (IllegalArgumentException e) {
            return masker.mask(body);
        }
        return out.toString();
    }

    /** @throws IllegalArgumentException when the body is not valid form encoding */
    static FormBody parse(final String body) {
        final Map<String, String> fields = new HashMap<>();
        final Set<String> repeated = new TreeSet<>();
        if (body == null || body.isEmpty()) {
            return new FormBody(fields, repeated);
        }
        for (final String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            final int eq = pair.indexOf('=');
            final String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            final String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (fields.putIfAbsent(name, value) != null) {
                repeated.add(name);
            }
        }
        return new FormBody(fields, repeated);
    }
}
