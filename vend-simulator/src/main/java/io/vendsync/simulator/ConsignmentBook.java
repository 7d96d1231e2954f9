package io.vendsync.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Stock orders and transfers (2.0 {@code consignments}, shape per xs20 {@code Consignment}; the reference names the
 * collection in 1.2 and 5.12 and says stock orders are how Vend prefers inventory to change, 5.3). An OUTLET transfer
 * leaves its source outlet when sent and arrives at its outlet when received; a SUPPLIER order only adds stock when
 * received. Each step is one change under the store lock, stock included. The lines (2.0
 * {@code /consignments/{id}/products}) are kept here, not in the listed object.
 */
final class ConsignmentBook {
    /** A consignment after a step, and the inventory records the step changed. */
    record Result(Doc consignment, List<InventoryRecord> stock) {
    }

    static final Set<String> TYPES = Set.of("SUPPLIER", "OUTLET", "RETURN");

    private final VendStore store;
    private final Clock clock;
    private final Map<String, List<SaleLine>> lines = new HashMap<>();

    ConsignmentBook(final VendStore store, final Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** An OPEN consignment; {@code sourceOutletId} for OUTLET transfers, {@code supplierId} for SUPPLIER orders. */
    Doc create(final String type, final String sourceOutletId, final String outletId, final String supplierId,
               final List<SaleLine> items) {
        final String kind = type.toUpperCase(Locale.ROOT);
        if (!TYPES.contains(kind)) {
            throw new IllegalArgumentException("consignment type must be one of " + TYPES + ", got " + type);
        }
        if ("OUTLET".equals(kind) && sourceOutletId == null) {
            throw new IllegalArgumentException("an OUTLET transfer needs a source outlet");
        }
        return store.atomically(() -> {
            items.forEach(line -> store.liveProduct(line.productId()));
            final String id = UUID.randomUUID().toString();
            final ObjectNode body = Json.object();
            body.put("name", kind.charAt(0) + kind.substring(1).toLowerCase(Locale.ROOT) + " " + id.substring(0, 8));
            body.put("type", kind);
            body.put("status", "OPEN");
            body.put("outlet_id", outletId);
            body.put("source_outlet_id", sourceOutletId);
            body.put("supplier_id", supplierId);
            body.put("reference", "");
            body.put("consignment_date", Json.iso(clock.instant()));
            body.putNull("due_at");
            body.putNull("received_at");
            lines.put(id, List.copyOf(items));
            return store.putDoc("consignments", id, body);
        });
    }

    /** OPEN to SENT: an outlet transfer's stock leaves its source outlet. */
    Result send(final String id) {
        return store.atomically(() -> {
            final ObjectNode body = require(id, "OPEN");
            body.put("status", "SENT");
            final List<InventoryRecord> stock = new ArrayList<>();
            if ("OUTLET".equals(body.path("type").asText())) {
                move(id, body.path("source_outlet_id").asText(), -1, stock);
            }
            return new Result(store.putDoc("consignments", id, body), stock);
        });
    }

    /** SENT (or an OPEN supplier order) to RECEIVED: the stock arrives at the consignment's outlet. */
    Result receive(final String id) {
        return store.atomically(() -> {
            final Doc current = store.liveDoc("consignments", id);
            final String status = current.body().path("status").asText();
            final boolean openOrder = "OPEN".equals(status) && !"OUTLET".equals(current.body().path("type").asText());
            final ObjectNode body = openOrder ? current.body().deepCopy() : require(id, "SENT");
            body.put("status", "RECEIVED");
            body.put("received_at", Json.iso(clock.instant()));
            final List<InventoryRecord> stock = new ArrayList<>();
            move(id, body.path("outlet_id").asText(), 1, stock);
            return new Result(store.putDoc("consignments", id, body), stock);
        });
    }

    private ObjectNode require(final String id, final String status) {
        final Doc current = store.liveDoc("consignments", id);
        if (!status.equals(current.body().path("status").asText())) {
            throw new IllegalStateException("consignment " + id + " is " + current.body().path("status").asText()
                    + ", not " + status);
        }
        return current.body().deepCopy();
    }

    private void move(final String id, final String outletId, final int sign, final List<InventoryRecord> stock) {
        for (final SaleLine line : lines.getOrDefault(id, List.of())) {
            store.adjustInventory(line.productId(), outletId, sign * (long) line.quantity()).ifPresent(stock::add);
        }
    }
}
