package io.vendsync.ingest.vend;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Vend's 429 carries {@code Retry-After} as an HTTP-date (RFC 1123), not seconds; clients that parse
 * an int fail on it. We accept both forms and fall back to a fixed wait when neither parses.
 */
public final class RetryAfter {

    static final Duration FALLBACK = Duration.ofSeconds(30);

    private RetryAfter() {
    }

    public static Duration parse(final String header, final Instant now) {
        if (header == null || header.isBlank()) {
            return FALLBACK;
        }
        final String value = header.trim();
        try {
            final Instant until = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            final Duration wait = Duration.between(now, until);
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException notADate) {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
            } catch (NumberFormatException notSeconds) {
                return FALLBACK;
            }
        }
    }
}
