package io.vendsync.ingest.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import io.vendsync.ingest.vend.VendApiClient;
import io.vendsync.ingest.vend.VendApiException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each collection's version cursor ends now, for progress estimates, from {@code /api/2.0/versions}. That
 * endpoint is unconfirmed (reference 5.12) and no longer lists inventory, so a collection it omits gets the highest
 * version it does list (versions are global, so that is a fair guess), and without the endpoint there is no estimate.
 */
final class VersionTargets {

    private static final Logger LOG = LoggerFactory.getLogger(VersionTargets.class);

    private final Map<String, Long> versions;
    private final long highest;

    private VersionTargets(final Map<String, Long> versions) {
        this.versions = versions;
        this.highest = versions.values().stream().mapToLong(Long::longValue).max().orElse(0L);
    }

    static VersionTargets read(final VendApiClient vend) throws InterruptedException {
        final Map<String, Long> versions = new HashMap<>();
        try {
            final JsonNode data = vend.get("/api/2.0/versions", Map.of()).path("data");
            data.fields().forEachRemaining(e -> {
                if (e.getValue().canConvertToLong()) {
                    versions.put(e.getKey(), e.getValue().asLong());
                }
            });
        } catch (VendApiException e) {
            LOG.info("No /api/2.0/versions on this store ({}); snapshot progress will not estimate time left", e.status());
        }
        return new VersionTargets(versions);
    }

    /** The version the collection's read should reach, 0 when unknown. */
    long target(final String entity) {
        return versions.getOrDefault(entity, highest);
    }
}
