package io.vendsync.mapper.vend;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A Vend sale's legacy {@code status} (CLOSED, LAYBY_CLOSED, SAVED, VOIDED, ...), read from the sale or, where it has
 * none, derived from {@code state} + {@code attributes}: Vend deprecates {@code status} in favour of those two and maps
 * them one to one (docs {@code sales_states_and_attributes}, "States and attributes mapping"), and the date-versioned
 * sales carry {@code state} only.
 */
public final class VendSaleStatus {

    /** The statuses of a sale that is not closed yet but sold (on account, layby, awaiting dispatch or pickup, service). */
    public static final Set<String> PENDING = Set.of("ONACCOUNT", "LAYBY", "AWAITING_DISPATCH", "AWAITING_PICKUP", "SERVICE");

    private VendSaleStatus() {
    }

    /** Whether the status (as {@link #of} gives it) is a closed sale's: CLOSED, or a fulfilment's *_CLOSED. */
    public static boolean isClosed(final String status) {
        return "CLOSED".equals(status) || status.endsWith("_CLOSED");
    }

    /** The sale's status in upper case; derived from state and attributes when {@code status} is absent or blank. */
    public static String of(final JsonNode sale) throws InvalidPayloadException {
        final String status = VendEnvelope.text(sale, "status");
        if (status != null && !status.isBlank()) {
            return status.trim().toUpperCase(Locale.ROOT);
        }
        final String state = VendEnvelope.text(sale, "state");
        if (state == null || state.isBlank()) {
            throw new InvalidPayloadException("the sale has neither 'status' nor 'state'");
        }
        final Set<String> attributes = new HashSet<>();
        final JsonNode list = sale.get("attributes");
        if (list != null && list.isArray()) {
            list.forEach(a -> attributes.add(a.asText().trim().toLowerCase(Locale.ROOT)));
        }
        return switch (state.trim().toLowerCase(Locale.ROOT)) {
            case "parked" -> "SAVED";
            case "voided" -> "VOIDED";
            case "closed" -> closed(attributes);
            case "pending" -> pending(attributes);
            default -> throw new InvalidPayloadException("unknown sale state '" + state + "'");
        };
    }

    /**
     * Attribute -> {pending status, closed status}, in precedence order: a payment attribute (onaccount | layby) names the
     * status before a service or fulfilment one, since the docs allow "onaccount" with "delivery" and such a sale is an
     * on-account one.
     */
    private static final List<String[]> BY_ATTRIBUTE = List.of(
            new String[] {"onaccount", "ONACCOUNT", "ONACCOUNT_CLOSED"},
            new String[] {"layby", "LAYBY", "LAYBY_CLOSED"},
            new String[] {"service", "SERVICE", "SERVICE_CLOSED"},
            new String[] {"delivery", "AWAITING_DISPATCH", "DISPATCHED_CLOSED"},
            new String[] {"pickup", "AWAITING_PICKUP", "PICKED_UP_CLOSED"});

    private static String closed(final Set<String> attributes) {
        return byAttribute(attributes, 2, "CLOSED");
    }

    private static String pending(final Set<String> attributes) {
        return byAttribute(attributes, 1, "OPEN");
    }

    private static String byAttribute(final Set<String> attributes, final int column, final String none) {
        return BY_ATTRIBUTE.stream().filter(row -> attributes.contains(row[0])).map(row -> row[column]).findFirst().orElse(none);
    }
}
