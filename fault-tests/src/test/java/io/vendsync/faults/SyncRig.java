package io.vendsync.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vendsync.demo.CommercetoolsInventoryReader;
import io.vendsync.demo.ExpectedInventory;
import io.vendsync.ingest.IngestApp;
import io.vendsync.ingest.IngestConfig;
import io.vendsync.mapper.MapperApp;
import io.vendsync.mapper.MapperConfig;
import io.vendsync.runtime.CommonConfig;
import io.vendsync.schemas.Keys;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.serde.SerdeFactory;
import io.vendsync.simulator.InventoryRecord;
import io.vendsync.simulator.Product;
import io.vendsync.simulator.SimulatorOptions;
import io.vendsync.simulator.VendSimulator;
import io.vendsync.sink.SinkApp;
import io.vendsync.sink.SinkConfig;
import io.vendsync.sink.SinkTopics;
import io.vendsync.testkit.commercetools.CommercetoolsMock;
import io.vendsync.testkit.fault.FaultProxy;
import io.vendsync.testkit.kafka.TopicProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One isolated sync for one fault test: a Vend simulator (2 outlets x 10 products), a commercetools project on the
 * shared mock reached through a {@link FaultProxy}, and the three apps on the given broker under their own topic
 * prefix, configured with the same settings keys a deployment uses (so child JVMs get the very same maps).
 * Each app can run in this JVM or be handed to a {@link ChildJvm}.
 */
final class SyncRig implements AutoCloseable {

    static final int OUTLETS = 2;
    static final int PRODUCTS = 10;
    /** Short tiers keep the suite short; the tier mechanics do not depend on the delays. */
    static final String RETRY_DELAYS_MS = "500,2000,5000";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String bootstrapServers;
    final String prefix;
    final Topics topics;
    final CommercetoolsMock commercetools;
    final FaultProxy proxy;
    final VendSimulator vend;
    final CommercetoolsInventoryReader reader;
    final Path workDir;
    private final MapperConfig mapperConfig;
    private final List<String> webhookIds = new ArrayList<>();
    private IngestApp ingest;
    private MapperApp.Handle mapper;
    private SinkApp.Handle sink;

    private SyncRig(final String bootstrapServers, final String name) {
        this.bootstrapServers = bootstrapServers;
        this.prefix = name + UUID.randomUUID().toString().substring(0, 6) + ".";
        this.topics = new Topics(prefix, SerdeFactory.singleObject());
        this.commercetools = CommercetoolsMock.shared().withUniqueProjectKey();
        this.proxy = FaultProxy.start(commercetools.apiUrl());
        this.reader = new CommercetoolsInventoryReader(commercetools.apiUrl(), commercetools.authUrl(),
                commercetools.projectKey(), commercetools.clientId(), commercetools.clientSecret());
        // A roomy rate limit: the ingest polls every second, and the Vend fault test injects its 429s itself.
        this.vend = VendSimulator.start(SimulatorOptions.defaults().withDomainPrefix(name).withRateLimitPerWindow(1_000_000));
        vend.seed(OUTLETS, PRODUCTS, 42L);
        try {
            this.workDir = Files.createDirectories(Path.of("target", "fault-runs", prefix.substring(0, prefix.length() - 1)))
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.mapperConfig = new MapperConfig(mapperSettings());
    }

    static SyncRig start(final String bootstrapServers, final String name) {
        return new SyncRig(bootstrapServers, name);
    }

    // ---- settings: the keys of docs/configuration.md ----

    private Map<String, String> common() {
        final Map<String, String> settings = new HashMap<>();
        settings.put(CommonConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        settings.put(CommonConfig.TOPIC_PREFIX, prefix);
        settings.put(CommonConfig.TOPIC_PARTITIONS, "2");
        return settings;
    }

    /** What the mapper and the sink add: a dead member (kill -9) leaves its group after 6 s instead of 45 s. */
    private Map<String, String> groupMember() {
        final Map<String, String> settings = common();
        settings.put(CommonConfig.KAFKA_CLIENT_PREFIX + "session.timeout.ms", "6000");
        settings.put(CommonConfig.KAFKA_CLIENT_PREFIX + "heartbeat.interval.ms", "1000");
        return settings;
    }

    Map<String, String> ingestSettings(final Duration pollInterval) {
        final Map<String, String> settings = common();
        settings.put(IngestConfig.VEND_BASE_URL, vend.baseUrl());
        settings.put(IngestConfig.VEND_DOMAIN_PREFIX, vend.domainPrefix());
        settings.put(IngestConfig.VEND_TOKEN, vend.token());
        settings.put(IngestConfig.VEND_RATE_BUDGET, "100000");
        settings.put(IngestConfig.VEND_POLL_INTERVAL_MS, Long.toString(pollInterval.toMillis()));
        settings.put(IngestConfig.WEBHOOK_HOST, "127.0.0.1");
        settings.put(IngestConfig.WEBHOOK_PORT, "0");
        settings.put(IngestConfig.INGEST_TRANSACTIONAL_ID, prefix + "ingest");
        return settings;
    }

    Map<String, String> mapperSettings() {
        final Map<String, String> settings = groupMember();
        settings.put(MapperConfig.APPLICATION_ID, prefix + "mapper");
        // Kept across restarts: Kafka Streams keeps its process id there, so a restarted mapper fences its dead self at once.
        settings.put(MapperConfig.STATE_DIR, workDir.resolve("mapper-state").toString());
        return settings;
    }

    Map<String, String> sinkSettings() {
        final Map<String, String> settings = groupMember();
        settings.put(SinkConfig.CT_PROJECT_KEY, commercetools.projectKey());
        settings.put(SinkConfig.CT_CLIENT_ID, commercetools.clientId());
        settings.put(SinkConfig.CT_CLIENT_SECRET, commercetools.clientSecret());
        settings.put(SinkConfig.CT_AUTH_URL, commercetools.authUrl());
        settings.put(SinkConfig.CT_API_URL, proxy.url());
        settings.put(SinkConfig.SINK_GROUP_ID, prefix + "sink");
        settings.put(SinkConfig.SINK_POLL_TIMEOUT_MS, "200");
        settings.put(SinkConfig.SINK_RETRY_DELAYS_MS, RETRY_DELAYS_MS);
        return settings;
    }

    /** The settings {@code vendsync dlq} needs. */
    Map<String, String> dlqSettings() {
        return common();
    }

    // ---- the apps in this JVM ----

    void startIngest(final Duration pollInterval, final boolean webhooks) {
        ingest = IngestApp.start(new IngestConfig(ingestSettings(pollInterval)));
        if (webhooks) {
            subscribeWebhooks();
        }
    }

    void startMapper() {
        mapper = MapperApp.start(new MapperConfig(mapperSettings()));
    }

    void startSink() {
        final SinkConfig config = new SinkConfig(sinkSettings());
        SinkApp.ensureTopics(config);
        sink = SinkApp.start(config);
    }

    IngestApp ingest() {
        return ingest;
    }

    SinkApp.Handle sink() {
        return sink;
    }

    // ---- Vend webhooks, through Vend's own 0.9 API as an integrator would ----

    String webhookUrl(final String type) {
        return "http://127.0.0.1:" + ingest.webhookPort() + "/webhooks/vend/" + type;
    }

    void subscribeWebhooks() {
        subscribeWebhooks(List.of("inventory.update", "product.update"));
    }

    void subscribeWebhooks(final List<String> types) {
        for (final String type : types) {
            final String data = "{\"url\":\"" + webhookUrl(type) + "\",\"active\":true,\"type\":\"" + type + "\"}";
            final HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(vend.baseUrl() + "/api/webhooks"))
                    .header("Authorization", "Bearer " + vend.token())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("data=" + URLEncoder.encode(data, StandardCharsets.UTF_8))).build());
            try {
                webhookIds.add(JSON.readTree(answer.body()).path("id").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    void unsubscribeWebhooks() {
        for (final String id : webhookIds) {
            send(HttpRequest.newBuilder(URI.create(vend.baseUrl() + "/api/webhooks/" + id))
                    .header("Authorization", "Bearer " + vend.token()).DELETE().build());
        }
        webhookIds.clear();
    }

    /** Posts a webhook body to the receiver as Vend would (form-encoded); returns the receiver's status. */
    int postWebhook(final String url, final String formBody) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(formBody)).build()).statusCode();
    }

    private HttpResponse<String> send(final HttpRequest request) {
        try {
            final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (request.uri().getPath().startsWith("/api/") && response.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered " + response.statusCode());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- what commercetools should hold ----

    String channelKey(final String outletId) {
        return mapperConfig.derivedChannelKey(outletId);
    }

    /** The commercetools key of a Vend customer (the mapper's {@code customer.key.prefix} + its id). */
    String customerKey(final String vendCustomerId) {
        return mapperConfig.customerKeyPrefix() + vendCustomerId;
    }

    String entryKey(final InventoryRecord record) {
        final Product product = vend.products().stream().filter(p -> p.id().equals(record.productId())).findFirst().orElseThrow();
        return Keys.inventory(channelKey(record.outletId()), product.sku().trim());
    }

    ExpectedInventory.Comparison compare() {
        return read(() -> ExpectedInventory.compare(vend, reader.readAll(), this::channelKey));
    }

    List<CommercetoolsInventoryReader.Entry> entries() {
        return read(reader::readAll);
    }

    /** A commercetools read, its checked exceptions made unchecked (the checks run inside lambdas). */
    interface Read<T> {
        T get() throws IOException, InterruptedException;
    }

    static <T> T read(final Read<T> read) {
        try {
            return read.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The level the tests set to prove the whole chain is alive; {@link StockChanges} never touches it. */
    InventoryRecord marker() {
        return vend.inventory().get(0);
    }

    /**
     * Sets the marker level in Vend and waits until commercetools shows it: proof that ingest, mapper and sink all
     * moved a change end to end since the call.
     */
    void landMarker(final long quantity, final Duration timeout) throws InterruptedException {
        final InventoryRecord marker = marker();
        Steps.log("marker %d set in Vend", quantity);
        vend.setInventory(marker.productId(), marker.outletId(), quantity);
        final String key = entryKey(marker);
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            // The reader goes to the mock directly, never through the fault proxy.
            if (entries().stream().anyMatch(e -> Keys.inventory(e.channelKey(), e.sku()).equals(key) && e.quantityOnStock() == quantity)) {
                Steps.log("marker %d landed in commercetools", quantity);
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("marker " + key + "=" + quantity + " did not reach commercetools within " + timeout + "; " + compare());
    }

    /** Waits until commercetools equals Vend record by record. */
    ExpectedInventory.Comparison awaitConverged(final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        ExpectedInventory.Comparison last = compare();
        while (!last.converged() && System.nanoTime() < deadline) {
            Thread.sleep(250);
            last = compare();
        }
        return last;
    }

    /**
     * Waits until the sink's main and retry groups have committed every record of the canonical topic and the retry
     * tiers: nothing is in flight, so the DLQ holds every record that will ever get there.
     */
    void awaitSinkIdle(final Duration timeout) throws Exception {
        awaitIdle(prefix + "sink", List.of(topics.canonicalInventory.name()), prefix + "sink-retry",
                SinkTopics.of(topics).inventoryRetries.stream().map(t -> t.name()).toList(), timeout);
    }

    /** {@link #awaitSinkIdle} for the catalog loops (tax categories, products, prices, customers, orders). */
    void awaitCatalogIdle(final Duration timeout) throws Exception {
        awaitIdle(prefix + "sink-catalog", List.of(topics.canonicalTaxCategories.name(), topics.canonicalProducts.name(),
                        topics.canonicalPrices.name(), topics.canonicalCustomers.name(), topics.canonicalOrders.name()),
                prefix + "sink-catalog-retry", SinkTopics.of(topics).catalogRetries.stream().map(t -> t.name()).toList(), timeout);
    }

    private void awaitIdle(final String group, final List<String> mainTopics, final String retryGroup, final List<String> retryTopics,
                           final Duration timeout) throws Exception {
        final long deadline = System.nanoTime() + timeout.toNanos();
        final Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            String lag = "";
            while (System.nanoTime() < deadline) {
                lag = lag(admin, group, mainTopics) + lag(admin, retryGroup, retryTopics);
                if (lag.isEmpty()) {
                    return;
                }
                Thread.sleep(500);
            }
            throw new AssertionError("the sink did not drain within " + timeout + ": " + lag);
        }
    }

    /**
     * Partitions whose last record the group has not committed yet. Compared with the last record rather than the end
     * offset, because a transactional topic ends with a commit marker no consumer ever commits past.
     */
    private String lag(final Admin admin, final String group, final List<String> topicNames) throws Exception {
        final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        final Map<TopicPartition, Long> last = new HashMap<>();
        for (final String topic : topicNames) {
            TopicProbe.readAll(bootstrapServers, topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                    .forEach(r -> last.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::max));
        }
        final StringBuilder lag = new StringBuilder();
        last.forEach((partition, offset) -> {
            final OffsetAndMetadata at = committed.get(partition);
            if (at == null || at.offset() <= offset) {
                lag.append(group).append(' ').append(partition).append(" committed ").append(at == null ? "nothing" : at.offset())
                        .append(", last record ").append(offset).append("; ");
            }
        });
        return lag.toString();
    }

    @Override
    public void close() {
        if (sink != null) {
            sink.close();
        }
        if (mapper != null) {
            mapper.close(Duration.ofSeconds(10));
        }
        if (ingest != null) {
            ingest.close();
        }
        vend.close();
        proxy.close();
    }
}
