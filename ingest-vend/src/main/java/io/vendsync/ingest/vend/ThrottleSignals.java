package io.vendsync.ingest.vend;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What an answer of Vend's says about when to send again: {@code Retry-After} and {@code X-RateLimit-Reset}, each empty
 * when absent or unreadable. Both are on Vend's clock, so they are measured from the answer's {@code Date} header (every
 * HTTP origin server with a clock sends it), else from the local clock: against a local clock that runs ahead, a
 * Retry-After date reads as passed and the pause shrinks to the minimum (then another 429); behind, it comes out too
 * long. The header's whole seconds make a wait at most a second longer, never shorter. Read here once for every caller.
 */
public record ThrottleSignals(Optional<Duration> retryAfter, Optional<Duration> untilReset) {

    /** The signals of {@code reply}, measured on Vend's clock ({@code localNow} when the answer has no readable Date). */
    public static ThrottleSignals of(final VendHttp.Reply reply, final Instant localNow) {
        final Instant answeredAt = answeredAt(reply.header("Date"), localNow);
        return new ThrottleSignals(RetryAfter.parse(reply.header("Retry-After"), answeredAt),
                RateLimitReset.parse(reply.header("X-RateLimit-Reset"), answeredAt));
    }

    /** The server's time of the answer: its {@code Date} header, else {@code localNow} (absent or unreadable). */
    static Instant answeredAt(final String dateHeader, final Instant localNow) {
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
