package io.vendsync.ingest.vend;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One page of a version-cursor read: the records as Vend sent them, and where the next read starts: the page's
 * {@code version.max}, or its records' highest version where that is higher or Vend sent none (the 2.0 examples of
 * several collections have no version object). An empty page ends the read.
 *
 * @param maxVersion the page's {@code version.max}, or the cursor it was read after when it has none
 */
public record VendPage(List<JsonNode> records, long maxVersion) {

    public VendPage {
        for (final JsonNode record : records) {
            maxVersion = Math.max(maxVersion, record.path("version").asLong(maxVersion));
        }
    }

    public boolean isEmpty() {
        return records.isEmpty();
    }
}
