package io.vendsync.ingest.webhook;

import java.net.URLDecoder;
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
