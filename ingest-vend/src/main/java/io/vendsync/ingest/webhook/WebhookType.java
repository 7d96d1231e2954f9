package io.vendsync.ingest.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The seven webhook types Vend sends, and which collections each makes worth re-reading. A webhook is
 * only a trigger: the object is then read through API 2.0, so each raw topic carries one shape.
 */
public enum WebhookType {
    /**
     * A product's payload carries its price-book entries and its tax per outlet: a price-book price edit, or a product's
     * tax changed at an outlet (an {@code outlet_taxes} record in 2.0), arrives as a product update.
     */
    PRODUCT_UPDATE("product.update", List.of("products", "inventory", "price_book_products", "outlet_taxes")),
    INVENTORY_UPDATE("inventory.update", List.of("inventory")),
    SALE_UPDATE("sale.update", List.of("sales", "inventory")),
    CUSTOMER_UPDATE("customer.update", List.of("customers")),
    /** No collection lists closures (reference 10.9); the register's own record changes when it is closed. */
    REGISTER_CLOSURE_CREATE("register_closure.create", List.of("registers")),
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

    /**
     * The type a 1.0 payload's shape shows, for a webhook that names none: Vend's docs guarantee only the
     * {@code payload} field ("other form fields ... may be present but are not guaranteed"), and a store may register
     * one URL for every type. A sale has its line items ({@code register_sale_products}) or an invoice number; a
     * customer its {@code customer_code}; a consignment product its {@code consignment_id}; a stock record a product, an
     * outlet and a {@code count}; a product its {@code handle}, SKU or price-book entries; a consignment its
     * {@code consignment_date} or supplier/source outlet; a register closure its open/close times (the shapes of the docs'
     * webhooks_example_payloads page). Empty when the shape is none of these.
     */
    public static Optional<WebhookType> inferFrom(final JsonNode payload) {
        if (has(payload, "register_sale_products", "register_sale_payments", "line_items")
                || (payload.has("invoice_number") && payload.has("register_id"))) {
            return Optional.of(SALE_UPDATE);
        }
        if (payload.has("customer_code")) {
            return Optional.of(CUSTOMER_UPDATE);
        }
        if (payload.has("consignment_id")) {
            // The documented consignment.send/receive payloads are one consignment product (docs webhooks_example_payloads).
            return Optional.of(CONSIGNMENT_RECEIVE);
        }
        if (payload.has("product_id") && payload.has("outlet_id") && has(payload, "count", "inventory_level")) {
            return Optional.of(INVENTORY_UPDATE);
        }
        if (has(payload, "handle", "sku", "price_book_entries", "variant_parent_id")) {
            return Optional.of(PRODUCT_UPDATE);
        }
        if (has(payload, "consignment_date", "received_at", "source_outlet_id", "supplier_id")) {
            return Optional.of(CONSIGNMENT_RECEIVE);
        }
        if (has(payload, "register_open_time", "register_close_time", "register_open_sequence_id")) {
            return Optional.of(REGISTER_CLOSURE_CREATE);
        }
        return Optional.empty();
    }

    /** Every collection some webhook type re-reads: what a webhook of unknown type triggers. */
    public static List<String> allEntities() {
        final Set<String> entities = new LinkedHashSet<>();
        Arrays.stream(values()).forEach(t -> entities.addAll(t.entities));
        return List.copyOf(entities);
    }

    private static boolean has(final JsonNode payload, final String... fields) {
        return Arrays.stream(fields).anyMatch(payload::has);
    }
}
