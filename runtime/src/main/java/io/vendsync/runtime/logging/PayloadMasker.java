package io.vendsync.runtime.logging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Masks personal data in a request or response body before it goes to the integration log: every JSON
 * field whose name is configured (any depth, case-insensitive) gets its value replaced. A body that is
 * not JSON is kept only when no field is configured: a text we cannot parse could hide the very data
 * masking was asked for, so it is replaced by a note of its length.
 */
public final class PayloadMasker {

    /** The replacement for a masked value. */
    public static final String MASK = "***";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> fields;

    public PayloadMasker(final Collection<String> fields) {
        this.fields = fields.stream()
                .map(f -> f.trim().toLowerCase(Locale.ROOT))
                .filter(f -> !f.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Masks nothing. */
    public static PayloadMasker none() {
        return new PayloadMasker(Set.of());
    }

    public boolean masksAnything() {
        return !fields.isEmpty();
    }

    /** The body with configured fields masked; null stays null. */
    public String mask(final String body) {
        if (body == null || fields.isEmpty() || body.isBlank()) {
            return body;
        }
        final JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return "[" + body.length() + " characters of non-JSON body withheld: personal-data masking is on]";
        }
        if (tree == null) {
            return body;
        }
        maskIn(tree);
        return tree.toString();
    }

    private void maskIn(final JsonNode node) {
        if (node instanceof ObjectNode object) {
            final Iterator<Map.Entry<String, JsonNode>> entries = object.fields();
            while (entries.hasNext()) {
                final Map.Entry<String, JsonNode> entry = entries.next();
                if (fields.contains(entry.getKey().toLowerCase(Locale.ROOT)) && !entry.getValue().isNull()) {
                    entry.setValue(object.textNode(MASK));
                } else {
                    maskIn(entry.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(this::maskIn);
        }
    }
}
