package io.vendsync.ingest.vend;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One page of a version-cursor read: the records as Vend sent them, and the page's version range
 * ({@code version.max} is where the next read starts). An empty page ends the read.
 */
public record VendPage(List<JsonNode> records, long maxVersion) {

    public boolean isEmpty() {
        return records.isEmpty();
    }
}
