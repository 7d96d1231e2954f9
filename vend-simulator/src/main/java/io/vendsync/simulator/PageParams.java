package io.vendsync.simulator;

import io.vertx.core.MultiMap;
import java.util.Locale;

/** Parses the 2.0 cursor parameters {@code after}, {@code before}, {@code page_size}, {@code deleted}. */
final class PageParams {
    /** Default when the client sends no page_size; Vend's own default is unconfirmed. */
    static final int DEFAULT_PAGE_SIZE = 1_000;

    private PageParams() {
    }

    /** @throws IllegalArgumentException with a client-facing message for malformed values */
    static PageQuery parse(final MultiMap params, final int maxPageSize, final boolean supportsDeleted) {
        final long after = longParam(params, "after", 0L);
        final long before = longParam(params, "before", Long.MAX_VALUE);
        final long requested = longParam(params, "page_size", Math.min(DEFAULT_PAGE_SIZE, maxPageSize));
        if (requested < 1) {
            throw new IllegalArgumentException("page_size must be a positive integer");
        }
        // Oversized pages are clamped rather than rejected, as govend's comment describes the cap.
        final int pageSize = (int) Math.min(requested, maxPageSize);
        final boolean deleted = supportsDeleted
                && "true".equals(String.valueOf(params.get("deleted")).trim().toLowerCase(Locale.ROOT));
        return new PageQuery(after, before, pageSize, deleted);
    }

    private static long longParam(final MultiMap params, final String name, final long fallback) {
        final String raw = params.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        final long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + raw + "'", e);
        }
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
        return value;
    }
}
