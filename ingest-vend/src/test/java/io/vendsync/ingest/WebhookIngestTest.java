package io.vendsync.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vendsync.ingest.webhook.WebhookSignature;
import io.vendsync.schemas.ops.IngestError;
import io.vendsync.schemas.raw.VendChange;
import io.vendsync.simulator.InventoryRecord;
import io.vendsync.simulator.SimulatorOptions;
import io.vendsync.simulator.VendSimulator;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class WebhookIngestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldCoalesceAWebhookBurstIntoAFewCursorReads() throws Exception {
        final IngestFixture fx = new IngestFixture();
        try (VendSimulator vend = VendSimulator.start(SimulatorOptions.defaults())) {
            vend.seed(2, 10, 4L);
            final Map<String, String> settings = fx.settings(vend);
            settings.put(IngestConfig.VEND_ENTITIES, "inventory");
            try (IngestApp ingest = IngestApp.start(new IngestConfig(settings))) {
                assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
                subscribe(vend, "http://127.0.0.1:" + ingest.webhookPort() + "/webhooks/vend/inventory.update");
                final long requestsBefore = vend.requestCount();
                final long readsBefore = ingest.scheduler().reads();
                final List<InventoryRecord> records = vend.inventory();
                for (int i = 0; i < 60; i++) {
                    final InventoryRecord r = records.get(i % records.size());
                    vend.setInventory(r.productId(), r.outletId(), 1000 + i);
                }
                // Every level's last value reaches the raw topic...
                fx.await(fx.topics.rawInventory, all -> records.stream().allMatch(r -> lastLevel(all, r.id()) >= 1040));
                awaitDeliveries(vend, 60);
                assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
                assertThat(ingest.webhooks().accepted()).isEqualTo(60);
                // ...for far fewer reads than webhooks: triggers that arrive before or during a read collapse into
                // one more read, and a delta read costs one request, two when its page is as full as any before.
                final long reads = ingest.scheduler().reads() - readsBefore;
                final long requests = vend.requestCount() - requestsBefore;
                assertThat(reads).isLessThan(20);
                assertThat(requests).isLessThanOrEqualTo(2 * reads);

                // What an operator scrapes: ready (Vend took the token, the receiver listens), and the webhook count.
                settings.put(io.vendsync.runtime.CommonConfig.MANAGEMENT_HOST, "127.0.0.1");
                settings.put(io.vendsync.runtime.CommonConfig.MANAGEMENT_PORT, "0");
                try (var management = ingest.serveManagement(new IngestConfig(settings))) {
                    final String base = "http://127.0.0.1:" + management.port();
                    assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
                    assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                            HttpResponse.BodyHandlers.ofString()).body())
                            .contains("vendsync_ingest_webhooks_total{outcome=\"accepted\",store=\"" + vend.domainPrefix() + "\"} 60.0")
                            .contains("vendsync_ingest_rate_budget_remaining{");
                }
            }
        }
    }

    @Test
    void shouldRejectMalformedWebhooksWithClearErrorsAndRecordThem() throws Exception {
        final IngestFixture fx = new IngestFixture();
        try (VendSimulator vend = VendSimulator.start(SimulatorOptions.defaults())) {
            final Map<String, String> settings = fx.settings(vend);
            settings.put(IngestConfig.WEBHOOK_BODY_MAX_BYTES, "2048");
            try (IngestApp ingest = IngestApp.start(new IngestConfig(settings))) {
                final String url = "http://127.0.0.1:" + ingest.webhookPort() + "/webhooks/vend";
                assertThat(post(url + "/inventory.update", "application/json", "{\"id\":\"x\"}", null))
                        .satisfies(r -> assertThat(r.statusCode()).isEqualTo(415));
                assertThat(post(url + "/inventory.update", "application/x-www-form-urlencoded", "domain_prefix=demo", null))
                        .satisfies(r -> {
                            assertThat(r.statusCode()).isEqualTo(400);
                            assertThat(r.body()).contains("PAYLOAD_MISSING").contains("payload");
                        });
                assertThat(post(url + "/inventory.update", "application/x-www-form-urlencoded", "payload=%7Bnot-json", null))
                        .satisfies(r -> assertThat(r.body()).contains("PAYLOAD_NOT_JSON"));
                // A type this release does not know (Vend added two since 2019) is a trigger too, recorded: a 4xx would
                // have Vend retry it for two days while nothing is read.
                assertThat(post(url + "/stock.teleport", "application/x-www-form-urlencoded", form("{}"), null))
                        .satisfies(r -> assertThat(r.statusCode()).isEqualTo(200));
                assertThat(post(url + "/inventory.update", "application/x-www-form-urlencoded", form("x".repeat(4000)), null))
                        .satisfies(r -> assertThat(r.statusCode()).isEqualTo(413));
                final List<ConsumerRecord<String, IngestError>> errors = fx.await(fx.topics.ingestErrors, all -> all.size() >= 5);
                assertThat(errors.stream().map(r -> r.value().getCode()).collect(Collectors.toList()))
                        .containsExactlyInAnyOrder("UNSUPPORTED_CONTENT_TYPE", "PAYLOAD_MISSING", "PAYLOAD_NOT_JSON",
                                "UNKNOWN_TYPE", "BODY_TOO_LARGE");
                // A payload that is not JSON cannot be masked field by field: withheld, as the integration log does.
                assertThat(errors).filteredOn(r -> r.value().getCode().equals("PAYLOAD_NOT_JSON"))
                        .allSatisfy(r -> assertThat(r.value().getBody()).startsWith("payload=").contains("withheld"));
                assertThat(errors).filteredOn(r -> r.value().getCode().equals("UNKNOWN_TYPE"))
                        .singleElement().satisfies(r -> assertThat(r.value().getReason()).contains("stock.teleport", "read again"));
                assertThat(ingest.webhooks().rejected()).isEqualTo(4);
                assertThat(ingest.webhooks().accepted()).isEqualTo(1);
            }
        }
    }

    @Test
    void shouldRejectAWebhookWithTwoPayloadFieldsAsAmbiguousAndRecordIt() throws Exception {
        final IngestFixture fx = new IngestFixture();
        try (VendSimulator vend = VendSimulator.start(SimulatorOptions.defaults())) {
            final Map<String, String> settings = fx.settings(vend);
            settings.put(IngestConfig.VEND_ENTITIES, "inventory");
            try (IngestApp ingest = IngestApp.start(new IngestConfig(settings))) {
                assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
                final long readsBefore = ingest.scheduler().reads();
                final String url = "http://127.0.0.1:" + ingest.webhookPort() + "/webhooks/vend/customer.update";
                final String body = form("{\"id\":\"a\",\"version\":1,\"email\":\"ana@example.com\"}") + "&payload="
                        + URLEncoder.encode("{\"id\":\"b\",\"version\":2}", StandardCharsets.UTF_8);
                assertThat(post(url, "application/x-www-form-urlencoded", body, null)).satisfies(r -> {
                    assertThat(r.statusCode()).isEqualTo(400);
                    assertThat(r.body()).contains("FIELD_REPEATED").contains("payload");
                });
                final List<ConsumerRecord<String, IngestError>> errors = fx.await(fx.topics.ingestErrors, all -> !all.isEmpty());
                assertThat(errors).singleElement().satisfies(r -> {
                    assertThat(r.value().getCode()).isEqualTo("FIELD_REPEATED");
                    assertThat(r.value().getSource()).isEqualTo("webhook");
                    // Kept, with the customer's personal fields masked as the integration log masks them.
                    assertThat(r.value().getBody()).isEqualTo(form("{\"id\":\"a\",\"version\":1,\"email\":\"***\"}")
                            + "&payload=" + URLEncoder.encode("{\"id\":\"b\",\"version\":2}", StandardCharsets.UTF_8));
                });
                assertThat(ingest.webhooks().rejected()).isEqualTo(1);
                assertThat(ingest.webhooks().accepted()).isZero();
                // Refused, so it triggered nothing.
                assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(5))).isTrue();
                assertThat(ingest.scheduler().reads()).isEqualTo(readsBefore);
            }
        }
    }

    @Test
    void shouldAcceptOnlyWebhooksSignedWithTheSecret() throws Exception {
        final IngestFixture fx = new IngestFixture();
        try (VendSimulator vend = VendSimulator.start(SimulatorOptions.defaults().withWebhookSecret("s3cret"))) {
            vend.seed(1, 2, 5L);
            final Map<String, String> settings = fx.settings(vend);
            settings.put(IngestConfig.WEBHOOK_SECRET, "s3cret");
            settings.put(IngestConfig.VEND_ENTITIES, "inventory");
            try (IngestApp ingest = IngestApp.start(new IngestConfig(settings))) {
                assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
                final String url = "http://127.0.0.1:" + ingest.webhookPort() + "/webhooks/vend/inventory.update";
                final String body = form("{\"id\":\"a\",\"version\":1}");
                assertThat(post(url, "application/x-www-form-urlencoded", body, null).statusCode()).isEqualTo(401);
                assertThat(post(url, "application/x-www-form-urlencoded", body,
                        new WebhookSignature("wrong").sign(body.getBytes(StandardCharsets.UTF_8))).statusCode()).isEqualTo(401);
                assertThat(post(url, "application/x-www-form-urlencoded", body,
                        new WebhookSignature("s3cret").sign(body.getBytes(StandardCharsets.UTF_8))).statusCode()).isEqualTo(200);
                // And the simulator's own signed deliveries pass end to end.
                subscribe(vend, url);
                final InventoryRecord r = vend.inventory().get(0);
                vend.setInventory(r.productId(), r.outletId(), 4242);
                fx.await(fx.topics.rawInventory, all -> lastLevel(all, r.id()) == 4242);
                assertThat(ingest.webhooks().rejected()).isEqualTo(2);
            }
        }
    }

    @Test
    void shouldAddNoRecordToTheRawTopicForADuplicateOrAnOlderWebhook() throws Exception {
        final IngestFixture fx = new IngestFixture();
        try (VendSimulator vend = VendSimulator.start(SimulatorOptions.defaults())) {
            vend.seed(1, 2, 6L);
            final Map<String, String> settings = fx.settings(vend);
            settings.put(IngestConfig.VEND_ENTITIES, "inventory");
            try (IngestApp ingest = IngestApp.start(new IngestConfig(settings))) {
                assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
                subscribe(vend, "http://127.0.0.1:" + ingest.webhookPort() + "/webhooks/vend/inventory.update");
                final InventoryRecord r = vend.inventory().get(0);
                vend.setInventory(r.productId(), r.outletId(), 10);
                fx.await(fx.topics.rawInventory, all -> lastLevel(all, r.id()) == 10);
                vend.setInventory(r.productId(), r.outletId(), 11);
                fx.await(fx.topics.rawInventory, all -> lastLevel(all, r.id()) == 11);
                awaitDeliveries(vend, 2);
                assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
                final int published = fx.read(fx.topics.rawInventory).size();
                final long reads = ingest.scheduler().reads();

                // Vend retries: the newest delivery again (a duplicate), then the first one (older, out of order).
                vend.redeliver(vend.deliveries().get(1));
                vend.redeliver(vend.deliveries().get(0));
                awaitDeliveries(vend, 4);
                assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();

                assertThat(ingest.webhooks().accepted()).isEqualTo(4);
                assertThat(ingest.scheduler().reads()).as("each webhook still triggers a cursor read").isGreaterThan(reads);
                // The reads find nothing after the cursor: no extra record, no older level.
                final List<ConsumerRecord<String, VendChange>> after = fx.read(fx.topics.rawInventory);
                assertThat(after).hasSize(published);
                assertThat(lastLevel(after, r.id())).isEqualTo(11);
            }
        }
    }

    private static long lastLevel(final List<ConsumerRecord<String, VendChange>> records, final String inventoryId) {
        return records.stream().filter(r -> IngestFixture.vendId(r).equals(inventoryId))
                .mapToLong(r -> {
                    try {
                        return JSON.readTree(r.value().getAfter()).path("inventory_level").asLong();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                })
                .reduce((a, b) -> b).orElse(Long.MIN_VALUE);
    }

    private static void awaitDeliveries(final VendSimulator vend, final int count) throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (vend.deliveries().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(vend.deliveries()).hasSizeGreaterThanOrEqualTo(count).allSatisfy(d -> assertThat(d.succeeded()).isTrue());
    }

    private static String form(final String payload) {
        return "domain_prefix=demo&payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> post(final String url, final String contentType, final String body, final String signature)
            throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void subscribe(final VendSimulator vend, final String url) throws Exception {
        final String data = JSON.writeValueAsString(Map.of("url", url, "active", true, "type", "inventory.update"));
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(vend.baseUrl() + "/api/webhooks"))
                .header("Authorization", "Bearer " + vend.token())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("data=" + URLEncoder.encode(data, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }
}
