package io.vendsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Renders webhook payloads in the API 1.0 shapes (reference section 6.5). 1.0 sends several numbers
 * as strings ({@code price}, {@code supply_price}, {@code reorder_point}, {@code restock_level});
 * that mismatch with 2.0 is deliberate, because clients must cope with it.
 */
final class ApiV1Json {
    private ApiV1Json() {
    }

    /** Unconfirmed shape (reference 6.5): the 1.0 inventory record plus the global version. */
    static ObjectNode inventoryUpdate(final InventoryRecord record) {
        final ObjectNode node = inventoryEntry(record);
        node.put("version", record.version());
        return node;
    }

    /** The documented product.update example, for a standalone product. */
    static ObjectNode productUpdate(final RetailerProfile retailer, final Product product,
                                    final List<InventoryRecord> inventory, final List<Outlet> outlets) {
        final ObjectNode node = Json.object();
        node.put("id", product.id());
        node.put("retailer_id", retailer.id());
        node.put("handle", product.handle());
        node.put("sku", product.sku());
        node.put("name", product.name());
        node.put("base_name", product.name());
        node.put("active", product.active());
        node.put("deleted_at", Json.legacy(product.deletedAt()));
        node.put("source", "USER");
        node.putNull("source_id");
        node.putNull("source_variant_id");
        node.put("variant_parent_id", product.variantParentId());
        final ArrayNode options = node.putArray("variant_options");
        product.variantOptions().forEach(o -> options.addObject().put("name", o.name()).put("value", o.value()));
        node.put("supply_price", money(product.supplyPrice(), 2));
        node.putNull("attributed_cost");
        node.putNull("brand");
        node.putNull("supplier");
        node.putNull("product_type");
        node.putArray("categories");
        node.put("description", "");
        final ArrayNode stock = node.putArray("inventory");
        inventory.forEach(record -> stock.add(inventoryEntry(record)));
        final ObjectNode base = node.putArray("price_book_entries").addObject();
        base.put("id", product.id() + "-base");
        base.put("product_id", product.id());
        base.put("customer_group_id", retailer.allCustomersGroupId());
        base.put("customer_group_name", "All Customers");
        base.put("type", "BASE");
        base.put("price", money(product.priceExcludingTax(), 5));
        base.putNull("min_units");
        base.putNull("max_units");
        base.putNull("valid_from");
        base.putNull("valid_to");
        final ArrayNode taxes = node.putArray("taxes");
        outlets.forEach(outlet -> taxes.addObject().put("outlet_id", outlet.id()).put("tax_id", retailer.defaultTaxId()));
        node.put("version", product.version());
        return node;
    }

    /** Unconfirmed shape (reference 6.5): the 0.9 register_sale, numbers as numbers, from the 2.0 sale. */
    static ObjectNode saleUpdate(final JsonNode sale) {
        final ObjectNode node = Json.object();
        for (final String field : List.of("id", "register_id", "customer_id", "user_id", "status", "invoice_number",
                "short_code", "return_for", "note", "version")) {
            node.set(field, sale.path(field).deepCopy());
        }
        node.put("sale_date", sale.path("sale_date").asText());
        final ObjectNode totals = node.putObject("totals");
        final BigDecimal payment = sum(sale.path("payments"), "amount");
        totals.put("total_price", sale.path("total_price").decimalValue());
        totals.put("total_tax", sale.path("total_tax").decimalValue());
        totals.put("total_payment", payment);
        totals.put("total_to_pay", sale.path("total_price").decimalValue().add(sale.path("total_tax").decimalValue())
                .subtract(payment));
        final ArrayNode lines = node.putArray("register_sale_products");
        sale.path("line_items").forEach(item -> lines.addObject()
                .put("id", item.path("id").asText())
                .put("product_id", item.path("product_id").asText())
                .put("quantity", item.path("quantity").decimalValue())
                .put("price", item.path("price").decimalValue())
                .put("tax", item.path("unit_tax").decimalValue())
                .put("price_total", item.path("price_total").decimalValue())
                .put("tax_total", item.path("tax_total").decimalValue())
                .put("tax_id", item.path("tax_id").asText())
                .put("status", item.path("status").asText()));
        final ArrayNode payments = node.putArray("register_sale_payments");
        sale.path("payments").forEach(p -> payments.addObject()
                .put("id", p.path("id").asText())
                .put("retailer_payment_type_id", p.path("retailer_payment_type_id").asText())
                .put("payment_type_id", p.path("payment_type_id").asText())
                .put("payment_date", p.path("payment_date").asText())
                .put("amount", p.path("amount").decimalValue()));
        return node;
    }

    /** Unconfirmed shape (reference 6.5, 10.3): the consignment header as 2.0 lists it; lines are not included. */
    static ObjectNode consignment(final JsonNode consignment) {
        final ObjectNode node = Json.object();
        for (final String field : List.of("id", "name", "type", "status", "outlet_id", "source_outlet_id", "supplier_id",
                "reference", "version")) {
            node.set(field, consignment.path(field).deepCopy());
        }
        return node;
    }

    /**
     * The documented {@code customer.update} payload (docs webhooks_example_payloads): the 1.0 customer, with balances as
     * strings, {@code sex} for the 2.0 {@code gender}, legacy timestamps, empty strings for empty text, and the addresses
     * only inside {@code contact} as {@code physical_address1} (no underscore before the digit). It carries no
     * {@code version}.
     */
    static ObjectNode customerUpdate(final RetailerProfile retailer, final JsonNode customer) {
        final ObjectNode node = Json.object();
        node.put("id", customer.path("id").asText());
        node.put("retailer_id", retailer.id());
        for (final String field : List.of("customer_code", "customer_group_id", "first_name", "last_name", "company_name")) {
            node.put(field, customer.path(field).asText(""));
        }
        node.put("do_not_email", customer.path("do_not_email").asBoolean(false));
        for (final String field : List.of("email", "phone", "mobile", "fax")) {
            node.put(field, customer.path(field).asText(""));
        }
        node.put("balance", money(customer.path("balance").decimalValue(), 3));
        node.put("loyalty_balance", money(customer.path("loyalty_balance").decimalValue(), 5));
        node.put("enable_loyalty", customer.path("enable_loyalty").asBoolean(false));
        node.put("points", 0);
        node.put("note", customer.path("note").asText(""));
        node.put("year_to_date", money(customer.path("year_to_date").decimalValue(), 5));
        node.put("sex", customer.path("gender").asText(""));
        node.put("date_of_birth", customer.path("date_of_birth").isTextual()
                ? customer.path("date_of_birth").asText() + " 00:00:00" : null);
        for (int f = 1; f <= 4; f++) {
            node.put("custom_field_" + f, customer.path("custom_field_" + f).asText(""));
        }
        node.put("updated_at", legacy(customer.path("updated_at")));
        node.put("created_at", legacy(customer.path("created_at")));
        node.put("deleted_at", legacy(customer.path("deleted_at")));
        final ObjectNode contact = node.putObject("contact");
        for (final String field : List.of("first_name", "last_name", "company_name", "phone", "mobile", "fax", "email", "twitter",
                "website")) {
            contact.put(field, customer.path(field).asText(""));
        }
        for (final String kind : List.of("physical", "postal")) {
            for (final String part : List.of("address_1", "address_2", "suburb", "city", "postcode", "state", "country_id")) {
                contact.put(kind + "_" + part.replace("address_", "address"), customer.path(kind + "_" + part).asText(""));
            }
        }
        node.put("contact_first_name", customer.path("first_name").asText(""));
        node.put("contact_last_name", customer.path("last_name").asText(""));
        return node;
    }

    /** A 2.0 timestamp ("2025-01-19T16:49:35+00:00") in the 1.0 form ("2025-01-19 16:49:35"); null stays null. */
    private static String legacy(final JsonNode iso) {
        return iso.isTextual() ? Json.legacy(java.time.OffsetDateTime.parse(iso.asText()).toInstant()) : null;
    }

    private static BigDecimal sum(final JsonNode array, final String field) {
        BigDecimal total = BigDecimal.ZERO;
        for (final JsonNode element : array) {
            total = total.add(element.path(field).decimalValue());
        }
        return total;
    }

    private static ObjectNode inventoryEntry(final InventoryRecord record) {
        final ObjectNode node = Json.object();
        node.put("id", record.id());
        node.put("product_id", record.productId());
        node.put("outlet_id", record.outletId());
        node.put("count", record.inventoryLevel());
        node.put("reorder_point", Long.toString(record.reorderPoint()));
        node.put("restock_level", Long.toString(record.reorderAmount()));
        return node;
    }

    private static String money(final BigDecimal amount, final int scale) {
        return amount.setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }
}
