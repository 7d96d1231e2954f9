package io.vendsync.cli.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.vendsync.ingest.vend.VendApiClient;
import io.vendsync.ingest.vend.VendPage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads whole Vend collections through the ingest's client (its rate governor, 429 handling, back-off and integration
 * log), from version 0 to the end, soft-deleted records included where Vend lists them.
 */
final class VendReader {

    /** Vend caps sales pages at 500 (reference §4). */
    private static final int SALES_PAGE_SIZE = 500;

    private final VendApiClient vend;
    private final int pageSize;

    VendReader(final VendApiClient vend, final int pageSize) {
        this.vend = vend;
        this.pageSize = pageSize;
    }

    /** The latest version of every record of the collection. */
    List<JsonNode> readAll(final String entity) throws InterruptedException {
        final int size = "sales".equals(entity) ? Math.min(SALES_PAGE_SIZE, pageSize) : pageSize;
        final Map<String, JsonNode> byId = new LinkedHashMap<>();
        long after = 0;
        while (true) {
            final VendPage page = vend.readPage(entity, after, size);
            if (page.isEmpty() || page.maxVersion() <= after) {
                return new ArrayList<>(byId.values());
            }
            page.records().forEach(record -> byId.put(record.path("id").asText(), record));
            after = page.maxVersion();
        }
    }
}
