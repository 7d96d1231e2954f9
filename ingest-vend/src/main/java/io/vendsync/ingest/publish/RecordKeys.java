package io.vendsync.ingest.publish;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What identifies a Vend record, and the key it is published under.
 *
 * <p>A record's identity is its {@code id}. An outlet tax has none (reference 5.2:
 * {@code {outlet_id, product_id, tax_id, deleted_at, version}}); a product has one tax per outlet, so it is identified
 * by {@code <product_id>/<outlet_id>}.
 *
 * <p>The raw-topic key is that identity, except for inventory: a record (one product at one outlet) is keyed by its
 * {@code product_id}, so all of a product's stock is in one partition, in Vend's order, next to the product's
 * resolution; the mapper then maps stock on the product's task without re-keying every stock change through a
 * repartition topic. The record's own id stays in the value.
 */
public final class RecordKeys {

    private RecordKeys() {
    }

    /** The raw-topic key: the identity, or the product id for inventory (when the record has one). */
    public static String topicKey(final String entity, final JsonNode record) {
        if ("inventory".equals(entity)) {
            final String product = record.path("product_id").asText("");
            if (!product.isBlank()) {
                return product;
            }
        }
        return keyOf(entity, record);
    }

    /** The identity, or "" when the record lacks what identifies it. */
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
