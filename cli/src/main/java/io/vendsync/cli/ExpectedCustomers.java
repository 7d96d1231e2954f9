package io.vendsync.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.vendsync.simulator.VendSimulator;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The commercetools customer keys a Vend store should end with under the default rules, computed from Vend alone (not
 * from the mapper's code): every live customer with an email, and of customers sharing one email (trimmed, case-folded)
 * only the oldest by created_at, then id.
 */
public final class ExpectedCustomers {

    private ExpectedCustomers() {
    }

    public static Set<String> keys(final VendSimulator vend, final String keyPrefix) {
        final List<JsonNode> live = vend.records("customers").stream()
                .filter(c -> c.path("deleted_at").isNull() || c.path("deleted_at").isMissingNode())
                .filter(c -> !c.path("email").asText("").isBlank())
                .toList();
        final Map<String, List<JsonNode>> byEmail = live.stream().collect(Collectors.groupingBy(
                c -> c.path("email").asText().trim().toLowerCase(Locale.ROOT)));
        final Set<String> keys = new TreeSet<>();
        byEmail.values().forEach(claimants -> keys.add(keyPrefix + claimants.stream()
                .min(Comparator.comparing((JsonNode c) -> c.path("created_at").asText()).thenComparing(c -> c.path("id").asText()))
                .orElseThrow().path("id").asText()));
        return keys;
    }
}
