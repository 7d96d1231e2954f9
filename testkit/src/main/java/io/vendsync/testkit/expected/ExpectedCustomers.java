package io.vendsync.testkit.expected;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The commercetools customer keys a Vend store should end with under the default rules, computed from Vend's customer
 * records alone (not from the mapper's code), for the demo's convergence check and the tests that compare with it:
 * every live customer with an email, and of customers sharing one email (trimmed, case-folded) only the oldest by
 * created_at, then id.
 */
public final class ExpectedCustomers {

    private ExpectedCustomers() {
    }

    /** @param customers Vend's customer records as its API 2.0 returns them, deleted ones included */
    public static Set<String> keys(final List<JsonNode> customers, final String keyPrefix) {
        final List<JsonNode> live = customers.stream()
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
