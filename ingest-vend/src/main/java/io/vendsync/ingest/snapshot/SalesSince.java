package io.vendsync.ingest.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.vendsync.ingest.vend.VendApiClient;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Where a backfill of sales since a date starts (reference 5.11): Vend's search API finds the sales dated at or after
 * the date ({@code GET /api/2.0/search?type=sales&date_from=}, offset pages of up to 1000), and the lowest version
 * among them is where the sales collection is read from. A sale's version only grows, so every sale of the period has
 * a version at or above it; later sales and updates of older ones come along, which the mapper's version gate and the
 * sink's idempotency absorb.
 */
final class SalesSince {

    static final int SEARCH_PAGE = 1000;
    /** {@link #floor}'s answer when a sale found carries no version: every sale is read, from version 0. */
    static final long EVERY_SALE = -2L;

    private SalesSince() {
    }

    /** {@code 2026-11-01} (start of that day, UTC) or an instant such as {@code 2026-11-01T08:00:00Z}. */
    static Instant parse(final String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since takes a date (2026-11-01) or a UTC instant (2026-11-01T08:00:00Z), not '" + text + "'");
        }
    }

    /**
     * The version to read the sales collection after: one below the lowest version of a sale dated at or after
     * {@code since}; -1 when there is none; {@link #EVERY_SALE} when a sale found carries no version, since its own
     * could be below every version found.
     */
    static long floor(final VendApiClient vend, final Instant since) throws InterruptedException {
        long lowest = Long.MAX_VALUE;
        boolean unversioned = false;
        for (int offset = 0; ; offset += SEARCH_PAGE) {
            final JsonNode page = vend.get("/api/2.0/search", Map.of("type", "sales", "date_from", since.toString(),
                    "page_size", Integer.toString(SEARCH_PAGE), "offset", Integer.toString(offset), "order_direction", "asc"));
            final JsonNode data = page.path("data");
            for (final JsonNode sale : data) {
                final JsonNode version = sale.path("version");
                if (version.canConvertToLong() && version.asLong() > 0) {
                    lowest = Math.min(lowest, version.asLong());
                } else {
                    unversioned = true;
                }
            }
            if (data.size() < SEARCH_PAGE) {
                return unversioned ? EVERY_SALE : lowest == Long.MAX_VALUE ? -1L : lowest - 1;
            }
        }
    }
}
