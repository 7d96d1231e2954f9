package io.vendsync.simulator;

import static io.vendsync.simulator.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookTest {
    private VendSimulator simulator;
    private final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
        }
        receiver.close();
    }

    @Test
    void shouldSubscribeViaFormDataFieldAndListAndDelete() {
        simulator = VendSimulator.start(SimulatorOptions.defaults());
        final ApiClient api = new ApiClient(simulator);

        final HttpResponse<String> created = api.postForm("/api/webhooks", "data",
                "{\"url\":\"" + receiver.url("/hooks/inv") + "\",\"active\":true,\"type\":\"inventory.update\"}");

        assertThat(created.statusCode()).isEqualTo(200);
        final JsonNode webhook = json(created);
        assertThat(webhook.get("id").asText()).isNotBlank();
        assertThat(webhook.get("retailer_id").asText()).isNotBlank();
        assertThat(webhook.get("active").asBoolean()).isTrue();
        assertThat(webhook.get("type").asText()).isEqualTo("inventory.update");
        assertThat(webhook.get("url").asText()).isEqualTo(receiver.url("/hooks/inv"));
        final JsonNode listed = json(api.get("/api/webhooks"));
        assertThat(listed.isArray()).isTrue();
        assertThat(listed).hasSize(1);

        assertThat(api.delete("/api/webhooks/" + webhook.get("id").asText()).statusCode()).isEqualTo(200);
        assertThat(json(api.get("/api/webhooks"))).isEmpty();
        assertThat(api.delete("/api/webhooks/" + webhook.get("id").asText()).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldRejectUnknownTypeMissingDataAndBadUrlWith400() {
        simulator = VendSimulator.start(SimulatorOptions.defaults());
        final ApiClient api = new ApiClient(simulator);

        assertThat(api.postForm("/api/webhooks", "data",
                "{\"url\":\"http://127.0.0.1/x\",\"active\":true,\"type\":\"product.create\"}").statusCode()).isEqualTo(400);
        assertThat(api.postForm("/api/webhooks", "other", "{}").statusCode()).isEqualTo(400);
        assertThat(api.postForm("/api/webhooks", "data", "not json").statusCode()).isEqualTo(400);
        final HttpResponse<String> badUrl = api.postForm("/api/webhooks", "data",
                "{\"url\":\"ftp://x\",\"active\":true,\"type\":\"sale.update\"}");
        assertThat(badUrl.statusCode()).isEqualTo(400);
        assertThat(json(badUrl).get("error").asText()).isEqualTo("Bad Request");
    }

    @Test
    void shouldDeliverFormEncodedInventoryUpdateWithLegacyPayload() {
        simulator = VendSimulator.start(SimulatorOptions.defaults());
        simulator.seed(1, 1, 3L);
        subscribe("inventory.update", "/hooks/inventory");
        final InventoryRecord before = simulator.inventory().get(0);

        final InventoryRecord after = simulator.setInventory(before.productId(), before.outletId(), 17);

        final WebhookReceiver.Received hook = receiver.next();
        assertThat(hook.path()).isEqualTo("/hooks/inventory");
        assertThat(hook.contentType()).startsWith("application/x-www-form-urlencoded");
        assertThat(hook.signature()).isNull();
        assertThat(hook.form()).containsEntry("domain_prefix", "demo").containsEntry("environment", "production")
                .containsEntry("type", "inventory.update");
        final JsonNode payload = parse(hook.form().get("payload"));
        assertThat(payload.get("id").asText()).isEqualTo(before.id());
        assertThat(payload.get("product_id").asText()).isEqualTo(before.productId());
        assertThat(payload.get("outlet_id").asText()).isEqualTo(before.outletId());
        assertThat(payload.get("count").isNumber()).isTrue();
        assertThat(payload.get("count").asLong()).isEqualTo(17);
        assertThat(payload.get("reorder_point").isTextual()).isTrue();
        assertThat(payload.get("restock_level").isTextual()).isTrue();
        assertThat(payload.get("version").asLong()).isEqualTo(after.version()).isGreaterThan(before.version());

        awaitTrue(() -> simulator.deliveries().size() == 1);
        final WebhookDelivery delivery = simulator.deliveries().get(0);
        assertThat(delivery.succeeded()).isTrue();
        assertThat(delivery.statusCode()).isEqualTo(200);
        assertThat(delivery.type()).isEqualTo("inventory.update");
    }

    @Test
    void shouldSignTheRawFormBodyWhenASecretIsSet() throws Exception {
        simulator = VendSimulator.start(SimulatorOptions.defaults().withWebhookSecret("s3cret"));
        simulator.seed(1, 1, 3L);
        subscribe("inventory.update", "/hooks/signed");
        final InventoryRecord record = simulator.inventory().get(0);

        simulator.setInventory(record.productId(), record.outletId(), 5);

        final WebhookReceiver.Received hook = receiver.next();
        assertThat(hook.signature()).matches("signature=[A-Za-z0-9+/=]+,algorithm=HMAC-SHA256");
        final String presented = hook.signature().substring("signature=".length(), hook.signature().indexOf(','));
        final Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        final String expected = Base64.getEncoder().encodeToString(mac.doFinal(hook.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(presented).isEqualTo(expected);
    }

    @Test
    void shouldDeliverProductUpdateInLegacyShapeIncludingSoftDelete() {
        simulator = VendSimulator.start(SimulatorOptions.defaults());
        final Outlet outlet = simulator.addOutlet("Main", "NZD", "NZ");
        subscribe("product.update", "/hooks/product");
        final Product product = simulator.addProduct("Post Shave Balm", "10107", new BigDecimal("6.95652"));
        final JsonNode added = parse(receiver.next().form().get("payload"));
        assertThat(added.get("price_book_entries").get(0).get("price").asText()).isEqualTo("6.95652");
        assertThat(added.get("supply_price").isTextual()).isTrue();
        assertThat(added.get("handle").asText()).isEqualTo("postshavebalm");
        assertThat(added.get("deleted_at").isNull()).isTrue();
        assertThat(added.get("taxes").get(0).get("outlet_id").asText()).isEqualTo(outlet.id());

        simulator.setInventory(product.id(), outlet.id(), 7);
        simulator.updateProduct(product.id(), edit -> edit.sku("10108"));
        final JsonNode updated = parse(receiver.next().form().get("payload"));
        assertThat(updated.get("sku").asText()).isEqualTo("10108");
        assertThat(updated.at("/inventory/0/count").asLong()).isEqualTo(7);
        assertThat(updated.at("/inventory/0/reorder_point").isTextual()).isTrue();

        simulator.deleteProduct(product.id());
        final JsonNode deleted = parse(receiver.next().form().get("payload"));
        assertThat(deleted.get("deleted_at").asText()).isNotBlank();
        assertThat(deleted.get("version").asLong()).isGreaterThan(updated.get("version").asLong());
    }

    /** The documented customer.update payload (docs webhooks_example_payloads): the 1.0 customer, addresses in contact. */
    @Test
    void shouldDeliverCustomerUpdateInTheDocumentedLegacyShape() {
        simulator = VendSimulator.start(SimulatorOptions.defaults());
        simulator.seed(1, 1, 3L);
        simulator.seedStore(1, 1, 3L);
        subscribe("customer.update", "/hooks/customer");
        final JsonNode stored = simulator.records("customers").get(0);
        final com.fasterxml.jackson.databind.node.ObjectNode fields = ((com.fasterxml.jackson.databind.node.ObjectNode) stored.deepCopy());
        java.util.List.of("id", "version", "created_at", "updated_at", "deleted_at").forEach(fields::remove);
        fields.put("first_name", "Aroha").put("enable_loyalty", true).put("loyalty_balance", new BigDecimal("8.60337"))
                .put("date_of_birth", "1992-08-17").putNull("email");

        simulator.putCustomer(stored.path("id").asText(), fields);

        final WebhookReceiver.Received hook = receiver.next();
        assertThat(hook.path()).isEqualTo("/hooks/customer");
        final JsonNode payload = parse(hook.form().get("payload"));
        assertThat(payload.path("id").asText()).isEqualTo(stored.path("id").asText());
        assertThat(payload.path("first_name").asText()).isEqualTo("Aroha");
        assertThat(payload.path("email").asText()).as("empty text is an empty string").isEmpty();
        assertThat(payload.path("contact").path("physical_address1").asText()).isEqualTo(stored.path("physical_address_1").asText());
        assertThat(payload.has("physical_address_1")).isFalse();
        assertThat(payload.path("enable_loyalty").isBoolean()).isTrue();
        assertThat(payload.path("loyalty_balance").isTextual()).isTrue();
        assertThat(payload.path("loyalty_balance").asText()).isEqualTo("8.60337");
        assertThat(payload.path("date_of_birth").asText()).isEqualTo("1992-08-17 00:00:00");
        assertThat(payload.path("updated_at").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(payload.has("version")).isFalse();
    }

    @Test
    void shouldNotWaitForSlowReceiversAndRecordFailedDeliveries() throws InterruptedException {
        simulator = VendSimulator.start(SimulatorOptions.defaults());
        simulator.seed(1, 1, 3L);
        subscribe("inventory.update", "/hooks/slow");
        receiver.delay(1_500);
        receiver.answer(500);
        final InventoryRecord record = simulator.inventory().get(0);

        final long start = System.nanoTime();
        simulator.setInventory(record.productId(), record.outletId(), 1);
        final long elapsedMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();

        assertThat(elapsedMillis).isLessThan(1_000);
        awaitTrue(() -> simulator.deliveries().size() == 1);
        assertThat(simulator.deliveries().get(0).statusCode()).isEqualTo(500);
        assertThat(simulator.deliveries().get(0).succeeded()).isFalse();
    }

    @Test
    void shouldSetInventoryThroughSimControlEndpointAndFireWebhook() {
        simulator = VendSimulator.start(SimulatorOptions.defaults());
        simulator.seed(1, 1, 3L);
        subscribe("inventory.update", "/hooks/sim");
        final InventoryRecord record = simulator.inventory().get(0);
        final ApiClient api = new ApiClient(simulator);
        final long requestsBefore = simulator.requestCount();

        final HttpResponse<String> response = api.postJsonUnauthenticated("/_sim/inventory",
                "{\"product_id\":\"" + record.productId() + "\",\"outlet_id\":\"" + record.outletId() + "\",\"count\":42}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).at("/data/inventory_level").asLong()).isEqualTo(42);
        assertThat(parse(receiver.next().form().get("payload")).get("count").asLong()).isEqualTo(42);
        assertThat(simulator.requestCount()).isEqualTo(requestsBefore);
        assertThat(api.postJsonUnauthenticated("/_sim/inventory",
                "{\"product_id\":\"x\",\"outlet_id\":\"y\",\"count\":1}").statusCode()).isEqualTo(404);
        assertThat(api.postJsonUnauthenticated("/_sim/inventory", "{\"count\":\"a\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldSkipInactiveAndOtherTypeSubscriptions() throws InterruptedException {
        simulator = VendSimulator.start(SimulatorOptions.defaults());
        simulator.seed(1, 1, 3L);
        final ApiClient api = new ApiClient(simulator);
        api.postForm("/api/webhooks", "data",
                "{\"url\":\"" + receiver.url("/off") + "\",\"active\":false,\"type\":\"inventory.update\"}");
        subscribe("sale.update", "/sales");
        final InventoryRecord record = simulator.inventory().get(0);

        simulator.setInventory(record.productId(), record.outletId(), 3);

        assertThat(receiver.poll(500)).isNull();
        assertThat(simulator.deliveries()).isEmpty();
    }

    private void subscribe(final String type, final String path) {
        final HttpResponse<String> response = new ApiClient(simulator).postForm("/api/webhooks", "data",
                "{\"url\":\"" + receiver.url(path) + "\",\"active\":true,\"type\":\"" + type + "\"}");
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private static JsonNode parse(final String payload) {
        try {
            return ApiClient.MAPPER.readTree(payload);
        } catch (final Exception e) {
            throw new AssertionError("payload is not JSON: " + payload, e);
        }
    }

    private static void awaitTrue(final BooleanSupplier condition) {
        final long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            try {
                Thread.sleep(10);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

}
