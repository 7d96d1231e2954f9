package io.vendsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Spoils a rendered 2.0 collection page the ways {@link VendFault}'s page faults describe. */
final class PageFaults {
    private PageFaults() {
    }

    static ObjectNode apply(final ObjectNode body, final Set<VendFault> faults) {
        if (faults.contains(VendFault.NULL_DATA)) {
            final ObjectNode empty = Json.object();
            empty.putNull("data");
            empty.putNull("version");
            return empty;
        }
        final ArrayNode data = (ArrayNode) body.get("data");
        final List<JsonNode> records = new ArrayList<>();
        data.forEach(records::add);
        data.removeAll();
        for (final JsonNode record : records) {
            if (faults.contains(VendFault.UNKNOWN_FIELDS) && record.isObject()) {
                ((ObjectNode) record).putObject("x_field_not_in_the_docs").put("since", "2027-01-01").putArray("tags").add(1);
            }
            data.add(record);
            if (faults.contains(VendFault.DUPLICATE_RECORDS)) {
                data.add(record.deepCopy());
            }
        }
        if (faults.contains(VendFault.WRONG_SHAPE_RECORD) && !data.isEmpty()) {
            data.set(0, TextNode.valueOf(data.get(0).toString()));
        }
        if (faults.contains(VendFault.UNKNOWN_FIELDS)) {
            body.putObject("meta").put("request_id", "sim-unknown-envelope-field");
        }
        return body;
    }
}
