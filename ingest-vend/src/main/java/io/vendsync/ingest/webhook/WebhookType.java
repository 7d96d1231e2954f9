package io.vendsync.ingest.webhook;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The seven webhook types Vend sends, and which collections each makes worth re-reading. A webhook is
 * only a trigger: the object is then read through API 2.0, so each raw topic carries one shape.
 */
public enum WebhookType {
    PRODUCT_UPDATE("product.update", List.of("products", "inventory")),
    INVENTORY_UPDATE("inventory.update", List.of("inventory")),
    SALE_UPDATE("sale.update", List.of("sales", "inventory")),
    CUSTOMER_UPDATE("customer.update", List.of("customers")),
    REGISTER_CLOSURE_CREATE("register_closure.create", List.of("register_closures")),
    CONSIGNMENT_SEND("consignment.send", List.of("consignments", "inventory")),
    CONSIGNMENT_RECEIVE("consignment.receive", List.of("consignments", "inventory"));

    private final String wireName;
    private final List<String> entities;

    WebhookType(final String wireName, final List<String> entities) {
        this.wireName = wireName;
        this.entities = entities;
    }

    public String wireName() {
        return wireName;
    }

    /** Collections whose cursor read may now find something new. */
    public List<String> entities() {
        return entities;
    }

    public static Optional<WebhookType> fromWireName(final String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
