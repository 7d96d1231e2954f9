package io.vendsync.ingest.vend;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Vend's {@code X-RateLimit-Reset}: when the window ends. The docs call it a timestamp without fixing its form, so an
 * ISO-8601 instant, an HTTP-date, epoch seconds or millis, and a small number of seconds from now are all read.
 */
public final class RateLimitReset {

    /** Numbers below this are seconds from now; above, a time since the epoch. */
    private static final long EPOCH_SECONDS_FROM = 1_000_000_000L;
    private static final long EPOCH_MILLIS_FROM = 100_000_000_000L;

    private RateLimitReset() {
    }

    /** How long until the reset; empty when absent or unreadable; zero when it already passed. */
    public static Optional<Duration> parse(final String header, final Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        final String value = header.trim();
        final Optional<Instant> at = instant(value);
        if (at.isPresent()) {
            return Optional.of(nonNegative(Duration.between(now, at.get())));
        }
        try {
            final long number = Long.parseLong(value);
            if (number >= EPOCH_MILLIS_FROM) {
                return Optional.of(nonNegative(Duration.between(now, Instant.ofEpochMilli(number))));
            }
            if (number >= EPOCH_SECONDS_FROM) {
                return Optional.of(nonNegative(Duration.between(now, Instant.ofEpochSecond(number))));
            }
            return number < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(number));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> instant(final String value) {
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException notIso) {
            try {
                return Optional.of(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException notHttpDate) {
                return Optional.empty();
            }
        }
    }

    private static Duration nonNegative(final Duration wait) {
        return wait.isNegative() ? Duration.ZERO : wait;
    }
}
