package io.vendsync.simulator;

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
        node.putNull("variant_parent_id");
        node.putArray("variant_options");
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
