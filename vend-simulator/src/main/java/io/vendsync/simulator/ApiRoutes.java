package io.vendsync.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/** The Vend endpoints: 2.0 reads and the 0.9 webhook subscription API. */
final class ApiRoutes {
    private final VendStore store;
    private final WebhookRegistry webhooks;
    private final int maxPageSize;
    private final Function<String, Doc> returnSale;
    private final FailureInjector failures;

    /**
     * @param returnSale starts and completes the return of a closed sale, webhooks included
     * @param failures   the page faults armed for the next collection pages
     */
    ApiRoutes(final VendStore store, final WebhookRegistry webhooks, final int maxPageSize,
              final Function<String, Doc> returnSale, final FailureInjector failures) {
        this.store = store;
        this.webhooks = webhooks;
        this.maxPageSize = maxPageSize;
        this.returnSale = returnSale;
        this.failures = failures;
    }

    void mount(final Router router) {
        router.get("/api/2.0/retailer").handler(ctx ->
                Responses.json(ctx, 200, ApiV2Json.single(ApiV2Json.retailer(store.retailer(), store.discountProductId()))));
        router.get("/api/2.0/outlets").handler(ctx -> list(ctx, true, store::outletPage, ApiV2Json::outlet));
        router.get("/api/2.0/products").handler(ctx -> list(ctx, true, store::productPage, ApiV2Json::product));
        router.get("/api/2.0/products/:id").handler(this::product);
        // 2.0 inventory has no deleted parameter.
        router.get("/api/2.0/inventory").handler(ctx -> list(ctx, false, store::inventoryPage, ApiV2Json::inventory));
        for (final String entity : SimCollections.DOCUMENTS) {
            router.get("/api/2.0/" + entity).handler(ctx -> list(ctx, SimCollections.DELETED_PARAMETER.contains(entity),
                    query -> store.docPage(entity, query), Doc::render));
            router.get("/api/2.0/" + entity + "/:id").handler(ctx -> doc(ctx, entity));
        }
        router.put("/api/2.0/sales/:id/actions/return").handler(this::returnSale);
        router.get("/api/2.0/search").handler(this::search);
        // Unconfirmed in Vend's specs (reference 5.12); clients must cope with a 404.
        router.get("/api/2.0/versions").handler(ctx -> Responses.json(ctx, 200, ApiV2Json.versions(store.versions())));

        router.get("/api/webhooks").handler(this::listWebhooks);
        router.post("/api/webhooks").handler(this::createWebhook);
        router.get("/api/webhooks/:id").handler(this::getWebhook);
        router.delete("/api/webhooks/:id").handler(this::deleteWebhook);
    }

    private <T extends Versioned> void list(final RoutingContext ctx, final boolean supportsDeleted,
                                            final Function<PageQuery, List<T>> reader,
                                            final Function<T, ObjectNode> render) {
        final PageQuery query;
        try {
            query = PageParams.parse(ctx.queryParams(), maxPageSize, supportsDeleted);
        } catch (final IllegalArgumentException e) {
            Responses.error(ctx, 400, e.getMessage());
            return;
        }
        final Set<VendFault> faults = failures.nextPageFaults();
        if (faults.isEmpty()) {
            Responses.json(ctx, 200, ApiV2Json.collection(reader.apply(query), render));
            return;
        }
        final PageQuery served = new PageQuery(faults.contains(VendFault.VERSIONS_BACKWARDS) ? 0 : query.after(), query.before(),
                faults.contains(VendFault.SHORT_PAGE) ? Math.max(1, query.pageSize() / 2) : query.pageSize(), query.includeDeleted());
        Responses.json(ctx, 200, PageFaults.apply(ApiV2Json.collection(reader.apply(served), render), faults));
    }

    private void product(final RoutingContext ctx) {
        final String id = ctx.pathParam("id");
        // A single GET still returns a soft-deleted product: its deleted_at is the answer.
        store.product(id).ifPresentOrElse(
                p -> Responses.json(ctx, 200, ApiV2Json.single(ApiV2Json.product(p))),
                () -> Responses.error(ctx, 404, "Product not found: " + id));
    }

    private void doc(final RoutingContext ctx, final String entity) {
        final String id = ctx.pathParam("id");
        store.doc(entity, id).filter(d -> !d.raw()).ifPresentOrElse(
                d -> Responses.json(ctx, 200, ApiV2Json.single(d.render())),
                () -> Responses.error(ctx, 404, "Not found: " + entity + "/" + id));
    }

    /**
     * {@code GET /api/2.0/search?type=sales} (reference 5.11): offset pagination ({@code page_size} up to 1000,
     * {@code offset}), {@code date_from}/{@code date_to} on {@code sale_date} (UTC), ordered by sale date
     * ({@code order_direction} asc or desc). Only sales are searchable here.
     */
    private void search(final RoutingContext ctx) {
        final io.vertx.core.MultiMap params = ctx.queryParams();
        if (!"sales".equals(params.get("type"))) {
            Responses.error(ctx, 400, "the simulator searches type=sales only, not " + params.get("type"));
            return;
        }
        final java.time.Instant from;
        final java.time.Instant to;
        final int pageSize;
        final int offset;
        try {
            from = params.get("date_from") == null ? java.time.Instant.MIN : java.time.Instant.parse(params.get("date_from"));
            to = params.get("date_to") == null ? java.time.Instant.MAX : java.time.Instant.parse(params.get("date_to"));
            pageSize = params.get("page_size") == null ? 100 : Integer.parseInt(params.get("page_size"));
            offset = params.get("offset") == null ? 0 : Integer.parseInt(params.get("offset"));
        } catch (final RuntimeException e) {
            Responses.error(ctx, 400, "bad search parameter: " + e.getMessage());
            return;
        }
        if (pageSize < 1 || pageSize > 1000 || offset < 0) {
            Responses.error(ctx, 400, "page_size must be 1..1000 and offset >= 0");
            return;
        }
        java.util.Comparator<Doc> byDate = java.util.Comparator.comparing((Doc d) -> saleDate(d)).thenComparing(Doc::id);
        if ("desc".equalsIgnoreCase(params.get("order_direction"))) {
            byDate = byDate.reversed();
        }
        final ArrayNode data = Json.MAPPER.createArrayNode();
        store.docs("sales").stream().filter(d -> !d.raw())
                .filter(d -> !saleDate(d).isBefore(from) && saleDate(d).isBefore(to))
                .sorted(byDate).skip(offset).limit(pageSize).forEach(d -> data.add(d.render()));
        final ObjectNode body = Json.object();
        body.set("data", data);
        Responses.json(ctx, 200, body);
    }

    private static java.time.Instant saleDate(final Doc sale) {
        return java.time.OffsetDateTime.parse(sale.body().path("sale_date").asText()).toInstant();
    }

    private void returnSale(final RoutingContext ctx) {
        try {
            Responses.json(ctx, 200, ApiV2Json.single(returnSale.apply(ctx.pathParam("id")).render()));
        } catch (final java.util.NoSuchElementException e) {
            Responses.error(ctx, 404, e.getMessage());
        } catch (final IllegalStateException e) {
            Responses.error(ctx, 400, e.getMessage());
        }
    }

    private void listWebhooks(final RoutingContext ctx) {
        // 0.9 answers a bare array of webhook objects.
        final ArrayNode body = Json.MAPPER.createArrayNode();
        webhooks.all().forEach(w -> body.add(ApiV2Json.webhook(w)));
        Responses.json(ctx, 200, body);
    }

    private void getWebhook(final RoutingContext ctx) {
        final String id = ctx.pathParam("id");
        webhooks.get(id).ifPresentOrElse(
                w -> Responses.json(ctx, 200, ApiV2Json.webhook(w)),
                () -> Responses.error(ctx, 404, "Webhook not found: " + id));
    }

    private void deleteWebhook(final RoutingContext ctx) {
        final String id = ctx.pathParam("id");
        if (webhooks.delete(id)) {
            // The 0.9 delete response body is undocumented; a small status object is the common pattern.
            Responses.json(ctx, 200, Json.object().put("status", "success"));
        } else {
            Responses.error(ctx, 404, "Webhook not found: " + id);
        }
    }

    /** 0.9 takes one form field {@code data} holding the JSON subscription. */
    private void createWebhook(final RoutingContext ctx) {
        final String data = ctx.request().getFormAttribute("data");
        if (data == null || data.isBlank()) {
            Responses.error(ctx, 400, "Expected a form-encoded field 'data' holding {\"url\",\"active\",\"type\"}");
            return;
        }
        final JsonNode spec;
        try {
            spec = Json.read(data);
        } catch (final JsonProcessingException e) {
            Responses.error(ctx, 400, "Field 'data' is not valid JSON");
            return;
        }
        if (!spec.isObject()) {
            Responses.error(ctx, 400, "Field 'data' must be a JSON object");
            return;
        }
        try {
            final Webhook created = webhooks.create(text(spec, "url"), active(spec.get("active")), text(spec, "type"));
            Responses.json(ctx, 200, ApiV2Json.webhook(created));
        } catch (final IllegalArgumentException e) {
            Responses.error(ctx, 400, e.getMessage());
        }
    }

    private static String text(final JsonNode spec, final String field) {
        final JsonNode value = spec.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Absent means active; form-era clients also send "true"/"1". */
    private static boolean active(final JsonNode value) {
        if (value == null || value.isNull()) {
            return true;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        final String text = value.asText().trim().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("1")) {
            return true;
        }
        if (text.equals("false") || text.equals("0")) {
            return false;
        }
        throw new IllegalArgumentException("active must be a boolean, got " + value);
    }
}
