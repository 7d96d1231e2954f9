package io.vendsync.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * An object of a collection the simulator keeps as 2.0 JSON (registers, taxes, customers, sales, ...):
 * the fields without {@code id}, {@code version}, {@code deleted_at} and timestamps, which the store owns.
 *
 * @param raw render {@code body} exactly as given, to serve records Vend should never send (bad input tests)
 */
record Doc(String entity, String id, ObjectNode body, Instant createdAt, Instant updatedAt, Instant deletedAt,
           long version, boolean raw) implements Versioned {

    @Override
    public boolean deleted() {
        return deletedAt != null;
    }

    /** The 2.0 JSON of this object. */
    ObjectNode render() {
        if (raw) {
            return body.deepCopy();
        }
        final ObjectNode node = Json.object();
        if (!SimCollections.WITHOUT_ID.contains(entity)) {
            node.put("id", id);
        }
        node.setAll(body.deepCopy());
        if (SimCollections.TIMESTAMPED.contains(entity)) {
            node.put("created_at", Json.iso(createdAt));
            node.put("updated_at", Json.iso(updatedAt));
        }
        node.put("deleted_at", Json.iso(deletedAt));
        node.put("version", version);
        return node;
    }
}
