package io.vendsync.ingest.publish;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The raw-topic key of a Vend record: its {@code id}. An outlet tax has none (reference 5.2:
 * {@code {outlet_id, product_id, tax_id, deleted_at, version}}); a product has one tax per outlet, so it is keyed
 * {@code <product_id>/<outlet_id>}.
 */
public final class RecordKeys {

    private RecordKeys() {
    }

    /** The key, or "" when the record lacks what identifies it. */
    public static String keyOf(final String entity, final JsonNode record) {
        final String id = record.path("id").asText("");
        if (!id.isBlank() || !"outlet_taxes".equals(entity)) {
            return id;
        }
        final String product = record.path("product_id").asText("");
        final String outlet = record.path("outlet_id").asText("");
        return product.isBlank() || outlet.isBlank() ? "" : product + "/" + outlet;
    }
}
