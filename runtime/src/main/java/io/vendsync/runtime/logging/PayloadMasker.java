package io.vendsync.runtime.logging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Masks personal data in a request or response body before it goes to the integration log: every JSON
 * field whose name is configured (any depth, case-insensitive) gets its value replaced. An entry
 * {@code field@sibling} masks {@code field} only in objects that also have {@code sibling}: a Vend customer's
 * deprecated full {@code name} ({@code name@customer_code}) is personal, a product's or outlet's {@code name} is not.
 * A body that is not JSON is kept only when no field is configured: a text we cannot parse could hide the very
 * data masking was asked for, so it is replaced by a note of its length.
 */
public final class PayloadMasker {

    /** The replacement for a masked value. */
    public static final String MASK = "***";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Set<String> fields;
    /** Field -> the siblings any one of which makes it personal ({@code field@sibling} entries). */
    private final Map<String, Set<String>> fieldsBesides;

    public PayloadMasker(final Collection<String> fields) {
        final List<String> entries = fields.stream()
                .map(f -> f.trim().toLowerCase(Locale.ROOT))
                .filter(f -> !f.isEmpty())
                .toList();
        this.fields = entries.stream().filter(f -> f.indexOf('@') < 0).collect(Collectors.toUnmodifiableSet());
        this.fieldsBesides = entries.stream().filter(f -> f.indexOf('@') > 0)
                .collect(Collectors.groupingBy(f -> f.substring(0, f.indexOf('@')),
                        Collectors.mapping(f -> f.substring(f.indexOf('@') + 1), Collectors.toUnmodifiableSet())));
    }

    /** Masks nothing. */
    public static PayloadMasker none() {
        return new PayloadMasker(Set.of());
    }

    public boolean masksAnything() {
        return !fields.isEmpty() || !fieldsBesides.isEmpty();
    }

    /** The body with configured fields masked; null stays null. */
    public String mask(final String body) {
        if (body == null || !masksAnything() || body.isBlank()) {
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
        if (tree.isTextual()) {
            // A JSON string may hold a whole record encoded once more (a double-encoded Vend record): not masked field by
            // field, so withheld as a body that is not JSON is.
            return "[" + body.length() + " characters of a JSON string withheld: personal-data masking is on]";
        }
        maskIn(tree);
        return tree.toString();
    }

    private void maskIn(final JsonNode node) {
        if (node instanceof ObjectNode object) {
            final Set<String> names = new java.util.HashSet<>();
            object.fieldNames().forEachRemaining(name -> names.add(name.toLowerCase(Locale.ROOT)));
            final Iterator<Map.Entry<String, JsonNode>> entries = object.fields();
            while (entries.hasNext()) {
                final Map.Entry<String, JsonNode> entry = entries.next();
                final String name = entry.getKey().toLowerCase(Locale.ROOT);
                final boolean personal = fields.contains(name)
                        || fieldsBesides.getOrDefault(name, Set.of()).stream().anyMatch(names::contains);
                if (personal && !entry.getValue().isNull()) {
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
