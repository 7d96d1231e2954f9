package io.vendsync.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Formats the HTTP-date Vend sends in {@code Retry-After}, e.g. {@code Wed, 15 Jul 2020 15:04:05 GMT}. */
final class HttpDates {
    // IMF-fixdate with a two-digit day (RFC_1123_DATE_TIME would print "5 Jul", which strict parsers
    // such as govend's "02 Jan" layout reject). English names are part of the HTTP grammar, hence Locale.US.
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private HttpDates() {
    }

    static String format(final Instant instant) {
        return IMF_FIXDATE.format(instant);
    }
}
