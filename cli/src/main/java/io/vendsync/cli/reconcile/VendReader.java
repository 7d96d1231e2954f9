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

    /** One page of a collection after a version: what {@link VendApiClient#readPage} answers. */
    interface Pages {
        VendPage read(String entity, long after, int pageSize) throws InterruptedException;
    }

    private final Pages vend;
    private final int pageSize;

    VendReader(final VendApiClient vend, final int pageSize) {
        this((Pages) vend::readPage, pageSize);
    }

    VendReader(final Pages vend, final int pageSize) {
        this.vend = vend;
        this.pageSize = pageSize;
    }

    /** The latest version of every record of the collection. */
    List<JsonNode> readAll(final String entity) throws InterruptedException {
        final int size = "sales".equals(entity) ? Math.min(SALES_PAGE_SIZE, pageSize) : pageSize;
        final Map<String, JsonNode> byId = new LinkedHashMap<>();
        long after = 0;
        while (true) {
            final VendPage page = vend.read(entity, after, size);
            // The page's records first: the next cursor (version.max, else the records' own) never stops on a page
            // that omits version.max, which would leave it and every later one unread.
            final long next = page.maxVersion();
            for (final JsonNode record : page.records()) {
                // A record read again at a lower version (a stale replica) does not replace the newer one.
                byId.merge(record.path("id").asText(), record,
                        (held, read) -> read.path("version").asLong(0) >= held.path("version").asLong(0) ? read : held);
            }
            if (page.isEmpty() || next <= after) {
                return new ArrayList<>(byId.values());
            }
            after = next;
        }
    }
}
