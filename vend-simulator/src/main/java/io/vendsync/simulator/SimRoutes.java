package io.vendsync.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.NoSuchElementException;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/** Simulator control under {@code /_sim} (not part of Vend): no auth, not rate limited, not counted. */
final class SimRoutes {
    private final InventoryWriter inventory;
    private final LongSupplier requests;
    private final IntSupplier deliveries;

    SimRoutes(final InventoryWriter inventory, final LongSupplier requests, final IntSupplier deliveries) {
        this.inventory = inventory;
        this.requests = requests;
        this.deliveries = deliveries;
    }

    void mount(final Router router) {
        router.post("/_sim/inventory").handler(this::setInventory);
        router.get("/_sim/stats").handler(ctx -> Responses.json(ctx, 200,
                Json.object().put("requests", requests.getAsLong()).put("deliveries", deliveries.getAsInt())));
    }

    private void setInventory(final RoutingContext ctx) {
        final JsonNode body;
        try {
            body = Json.read(ctx.body().asString() == null ? "" : ctx.body().asString());
        } catch (final JsonProcessingException e) {
            Responses.error(ctx, 400, "Body must be JSON {\"product_id\",\"outlet_id\",\"count\"}");
            return;
        }
        final JsonNode productId = body.get("product_id");
        final JsonNode outletId = body.get("outlet_id");
        final JsonNode count = body.get("count");
        if (productId == null || !productId.isTextual() || outletId == null || !outletId.isTextual()
                || count == null || !count.canConvertToLong() || !count.isIntegralNumber()) {
            Responses.error(ctx, 400, "Body must be JSON {\"product_id\":string,\"outlet_id\":string,\"count\":integer}");
            return;
        }
        try {
            final InventoryRecord record = inventory.set(productId.asText(), outletId.asText(), count.asLong());
            Responses.json(ctx, 200, ApiV2Json.single(ApiV2Json.inventory(record)));
        } catch (final NoSuchElementException e) {
            Responses.error(ctx, 404, e.getMessage());
        }
    }
}
