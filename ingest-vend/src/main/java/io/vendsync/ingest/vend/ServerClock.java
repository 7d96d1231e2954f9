package io.vendsync.ingest.vend;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The time at which the server answered, by its own clock: the response's {@code Date} header (RFC 1123, every HTTP
 * origin server with a clock sends it), else the local clock. A {@code Retry-After} date and {@code X-RateLimit-Reset}
 * are on the server's clock: measured against a local clock that runs behind, the wait comes out too long, and against
 * one that runs ahead, too short (zero, then another 429 at once). The header's whole seconds make the wait at most a
 * second longer, never shorter.
 */
public final class ServerClock {

    private ServerClock() {
    }

    /** The server's time of the answer: its {@code Date} header, else {@code localNow} (absent or unreadable). */
    public static Instant answeredAt(final String dateHeader, final Instant localNow) {
        if (dateHeader == null || dateHeader.isBlank()) {
            return localNow;
        }
        try {
            return ZonedDateTime.parse(dateHeader.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException unreadable) {
            return localNow;
        }
    }
}
