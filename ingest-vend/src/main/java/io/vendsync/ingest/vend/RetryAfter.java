package io.vendsync.ingest.vend;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Vend's 429 carries {@code Retry-After} as an HTTP-date (RFC 1123), not seconds; clients that parse an int fail on
 * it. Both forms HTTP allows are read; anything else counts as no signal, so the caller falls back to the next one.
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** How long Vend asks to wait; empty when the header is absent or unreadable; zero when the date passed. */
    public static Optional<Duration> parse(final String header, final Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        final String value = header.trim();
        try {
            final Instant until = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            final Duration wait = Duration.between(now, until);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException notADate) {
            try {
                final long seconds = Long.parseLong(value);
                return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
            } catch (NumberFormatException notSeconds) {
                return Optional.empty();
            }
        }
    }
}
