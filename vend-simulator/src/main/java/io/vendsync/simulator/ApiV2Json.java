package io.vendsync.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;

/** Renders records in the API 2.0 shapes (reference section 5). */
final class ApiV2Json {
    private ApiV2Json() {
    }

    /** {@code {"data":[...],"version":{"min":..,"max":..}}}; an empty page carries {@code "version":null}. */
    static <T extends Versioned> ObjectNode collection(final List<T> page, final Function<T, ObjectNode> render) {
        final ObjectNode body = Json.object();
        final ArrayNode data = body.putArray("data");
        page.forEach(record -> data.add(render.apply(record)));
        if (page.isEmpty()) {
            body.putNull("version");
        } else {
            final ObjectNode version = body.putObject("version");
            version.put("min", page.get(0).version());
            version.put("max", page.get(page.size() - 1).version());
        }
        return body;
    }

    static ObjectNode single(final ObjectNode record) {
        final ObjectNode body = Json.object();
        body.set("data", record);
        return body;
    }

    static ObjectNode retailer(final RetailerProfile retailer, final String discountProductId) {
        final ObjectNode node = Json.object();
        node.put("id", retailer.id());
        node.put("domain_prefix", retailer.domainPrefix());
        node.put("name", retailer.name());
        node.put("tax_exclusive", false);
        node.put("timezone", retailer.timeZone());
        node.put("country", retailer.country());
        final ObjectNode currency = node.putObject("currency");
        currency.put("code", retailer.currencyCode());
        currency.put("symbol", retailer.currencySymbol());
        node.put("discount_product_id", discountProductId);
        node.put("no_tax_group_id", retailer.defaultTaxId());
        node.put("store_credit", false);
        return node;
    }

    static ObjectNode outlet(final Outlet outlet) {
        final ObjectNode node = Json.object();
        node.put("id", outlet.id());
        node.put("name", outlet.name());
        node.put("time_zone", outlet.timeZone());
        node.putNull("default_tax_id");
        node.put("currency", outlet.currency());
        node.put("currency_symbol", outlet.currencySymbol());
        node.put("display_prices", outlet.displayPrices());
        node.putNull("physical_address_1");
        node.putNull("physical_address_2");
        node.putNull("physical_suburb");
        node.putNull("physical_city");
        node.putNull("physical_postcode");
        node.putNull("physical_state");
        node.put("physical_country_id", outlet.physicalCountryId());
        node.putNull("email");
        node.putArray("attributes");
        node.put("deleted_at", Json.iso(outlet.deletedAt()));
        node.put("version", outlet.version());
        return node;
    }

    static ObjectNode product(final Product product) {
        final ObjectNode node = Json.object();
        node.put("id", product.id());
        node.put("name", product.name());
        node.put("description", "");
        node.put("handle", product.handle());
        node.put("sku", product.sku());
        node.put("source", "USER");
        node.putNull("source_id");
        node.putNull("source_variant_id");
        node.put("active", product.active());
        node.put("has_inventory", true);
        node.put("is_composite", false);
        node.put("has_variants", product.hasVariants());
        node.put("variant_parent_id", product.variantParentId());
        node.put("variant_name", product.variantName());
        final ArrayNode options = node.putArray("variant_options");
        product.variantOptions().forEach(o -> options.addObject().put("name", o.name()).put("value", o.value()));
        node.put("price_excluding_tax", product.priceExcludingTax());
        node.put("price_including_tax", product.priceIncludingTax());
        node.put("supply_price", product.supplyPrice());
        final ArrayNode codes = node.putArray("product_codes");
        product.productCodes().forEach(c -> codes.addObject().put("type", c.type()).put("code", c.code()));
        node.putNull("brand_id");
        node.putNull("product_type_id");
        node.putArray("tag_ids");
        node.put("created_at", Json.iso(product.createdAt()));
        node.put("updated_at", Json.iso(product.updatedAt()));
        node.put("deleted_at", Json.iso(product.deletedAt()));
        node.put("version", product.version());
        return node;
    }

    static ObjectNode inventory(final InventoryRecord record) {
        final ObjectNode node = Json.object();
        node.put("id", record.id());
        node.put("product_id", record.productId());
        node.put("outlet_id", record.outletId());
        node.put("inventory_level", record.inventoryLevel());
        node.put("reorder_point", record.reorderPoint());
        node.put("reorder_amount", record.reorderAmount());
        node.put("version", record.version());
        return node;
    }

    /** The unconfirmed {@code /api/2.0/versions} answer: latest version per collection, inventory left out (5.12). */
    static ObjectNode versions(final java.util.Map<String, Long> versions) {
        final ObjectNode data = Json.object();
        versions.forEach((entity, version) -> {
            if (!"inventory".equals(entity)) {
                data.put(entity, version);
            }
        });
        return single(data);
    }

    static ObjectNode webhook(final Webhook webhook) {
        final ObjectNode node = Json.object();
        node.put("id", webhook.id());
        node.put("retailer_id", webhook.retailerId());
        node.put("active", webhook.active());
        node.put("type", webhook.type());
        node.put("url", webhook.url());
        return node;
    }
}
