package io.vendsync.demo;

import io.vendsync.ingest.IngestApp;
import io.vendsync.ingest.IngestConfig;
import io.vendsync.mapper.MapperApp;
import io.vendsync.mapper.MapperConfig;
import io.vendsync.runtime.CommonConfig;
import io.vendsync.runtime.management.ManagementServer;
import io.vendsync.simulator.VendSimulator;
import io.vendsync.sink.SinkApp;
import io.vendsync.sink.SinkConfig;
import io.vendsync.testkit.commercetools.CommercetoolsMock;
import io.vendsync.testkit.files.TempDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three apps wired to a Vend simulator and a commercetools mock on one Kafka cluster, configured
 * through the same settings a production deployment uses. The demo runs one; the end-to-end tests run
 * one per test, isolated by topic prefix, ids and project key.
 */
public final class LocalPipeline implements AutoCloseable {

    /**
     * What differs between runs. {@code ingestOverrides}: ingest settings on top, e.g. a per-entity poll interval
     * ({@code vend.poll.interval.ms.<entity>}) for collections Vend sends no webhooks for, such as price books.
     * {@code schemaRegistryUrl}: a Confluent-REST registry every app registers and looks up schemas in (Confluent
     * wire format), or empty for Avro single-object encoding.
     */
    public record Settings(String bootstrapServers, String topicPrefix, String projectKey, Duration pollInterval,
                           boolean subscribeWebhooks, Map<String, String> ingestOverrides, String schemaRegistryUrl) {

        public Settings {
            ingestOverrides = Map.copyOf(ingestOverrides);
            schemaRegistryUrl = schemaRegistryUrl == null ? "" : schemaRegistryUrl;
        }

        public Settings(final String bootstrapServers, final String topicPrefix, final String projectKey,
                        final Duration pollInterval, final boolean subscribeWebhooks, final Map<String, String> ingestOverrides) {
            this(bootstrapServers, topicPrefix, projectKey, pollInterval, subscribeWebhooks, ingestOverrides, "");
        }

        public Settings(final String bootstrapServers, final String topicPrefix, final String projectKey,
                        final Duration pollInterval, final boolean subscribeWebhooks) {
            this(bootstrapServers, topicPrefix, projectKey, pollInterval, subscribeWebhooks, Map.of());
        }

        /** The same run against a schema registry. */
        public Settings withSchemaRegistry(final String url) {
            return new Settings(bootstrapServers, topicPrefix, projectKey, pollInterval, subscribeWebhooks, ingestOverrides, url);
        }
    }

    private final IngestApp ingest;
    private final MapperConfig mapperConfig;
    private final MapperApp.Handle mapper;
    private final SinkApp.Handle sink;
    private final String webhookBaseUrl;
    private final Map<String, String> sinkSettings;
    private final Map<String, String> ingestSettings;
    /** The mapper's Kafka Streams state (RocksDB), deleted on close: a demo run leaves hundreds of megabytes. */
    private final Path stateDir;

    private LocalPipeline(final IngestApp ingest, final MapperConfig mapperConfig, final MapperApp.Handle mapper,
                          final SinkApp.Handle sink, final String webhookBaseUrl, final Map<String, String> sinkSettings,
                          final Map<String, String> ingestSettings, final Path stateDir) {
        this.ingest = ingest;
        this.stateDir = stateDir;
        this.ingestSettings = Map.copyOf(ingestSettings);
        this.mapperConfig = mapperConfig;
        this.mapper = mapper;
        this.sink = sink;
        this.webhookBaseUrl = webhookBaseUrl;
        this.sinkSettings = Map.copyOf(sinkSettings);
    }

    public static LocalPipeline start(final Settings settings, final VendSimulator vend, final CommercetoolsMock commercetools) {
        final Map<String, String> common = new HashMap<>();
        common.put(CommonConfig.BOOTSTRAP_SERVERS, settings.bootstrapServers());
        common.put(CommonConfig.TOPIC_PREFIX, settings.topicPrefix());
        common.put(CommonConfig.SCHEMA_REGISTRY_URL, settings.schemaRegistryUrl());

        final Map<String, String> ingestSettings = new HashMap<>(common);
        ingestSettings.put(IngestConfig.VEND_BASE_URL, vend.baseUrl());
        ingestSettings.put(IngestConfig.VEND_DOMAIN_PREFIX, vend.domainPrefix());
        ingestSettings.put(IngestConfig.VEND_TOKEN, vend.token());
        ingestSettings.put(IngestConfig.WEBHOOK_HOST, "127.0.0.1");
        ingestSettings.put(IngestConfig.WEBHOOK_PORT, "0");
        ingestSettings.put(IngestConfig.VEND_POLL_INTERVAL_MS, Long.toString(settings.pollInterval().toMillis()));
        ingestSettings.putAll(settings.ingestOverrides());
        ingestSettings.put(IngestConfig.INGEST_TRANSACTIONAL_ID, settings.topicPrefix() + "ingest-" + vend.domainPrefix());
        final IngestApp ingest = IngestApp.start(new IngestConfig(ingestSettings));
        final String webhookBaseUrl = "http://127.0.0.1:" + ingest.webhookPort() + "/webhooks/vend";
        if (settings.subscribeWebhooks()) {
            subscribe(vend, webhookBaseUrl, "inventory.update");
            subscribe(vend, webhookBaseUrl, "product.update");
            subscribe(vend, webhookBaseUrl, "customer.update");
            subscribe(vend, webhookBaseUrl, "sale.update");
        }

        final Map<String, String> mapperSettings = new HashMap<>(common);
        mapperSettings.put(MapperConfig.APPLICATION_ID, settings.topicPrefix() + "mapper");
        final Path stateDir = TempDirs.create("vendsync-streams");
        mapperSettings.put(MapperConfig.STATE_DIR, stateDir.toString());
        final MapperConfig mapperConfig = new MapperConfig(mapperSettings);
        final MapperApp.Handle mapper = MapperApp.start(mapperConfig);

        final Map<String, String> sinkSettings = new HashMap<>(common);
        sinkSettings.put(SinkConfig.CT_PROJECT_KEY, settings.projectKey());
        sinkSettings.put(SinkConfig.CT_CLIENT_ID, commercetools.clientId());
        sinkSettings.put(SinkConfig.CT_CLIENT_SECRET, commercetools.clientSecret());
        sinkSettings.put(SinkConfig.CT_AUTH_URL, commercetools.authUrl());
        sinkSettings.put(SinkConfig.CT_API_URL, commercetools.apiUrl());
        sinkSettings.put(SinkConfig.SINK_GROUP_ID, settings.topicPrefix() + "sink");
        // The canonical topics are not ordered against each other: locally, a price that arrives before its product
        // waits two seconds on the first retry tier rather than the production default of ten.
        sinkSettings.put(SinkConfig.SINK_RETRY_DELAYS_MS, "2000,10000,60000");
        final SinkConfig sinkConfig = new SinkConfig(sinkSettings);
        SinkApp.ensureTopics(sinkConfig); // as SinkApp.main does: the sink's retry tiers and dead-letter topics
        final SinkApp.Handle sink = SinkApp.start(sinkConfig);
        return new LocalPipeline(ingest, mapperConfig, mapper, sink, webhookBaseUrl, sinkSettings, ingestSettings, stateDir);
    }

    public IngestApp ingest() {
        return ingest;
    }

    public MapperConfig mapperConfig() {
        return mapperConfig;
    }

    /** The mapper's topologies, each its own Kafka Streams application. */
    public MapperApp.Handle mapper() {
        return mapper;
    }

    public SinkApp.Handle sink() {
        return sink;
    }

    /** The settings the sink runs with, e.g. to start a second sink that replays the canonical topics. */
    public Map<String, String> sinkSettings() {
        return sinkSettings;
    }

    /** Each app's management endpoint (health, Prometheus metrics) on a free port of 127.0.0.1, by app; the caller closes them. */
    public Map<String, ManagementServer> serveManagement() {
        final Map<String, String> local = Map.of(CommonConfig.MANAGEMENT_HOST, "127.0.0.1", CommonConfig.MANAGEMENT_PORT, "0");
        final Map<String, ManagementServer> servers = new LinkedHashMap<>();
        servers.put("ingest", ingest.serveManagement(new IngestConfig(with(ingestSettings, local))));
        servers.put("mapper", MapperApp.serveManagement(new MapperConfig(with(mapperConfig.originalsStrings(), local)), mapper));
        servers.put("sink", sink.serveManagement(new SinkConfig(with(sinkSettings, local))));
        return servers;
    }

    private static Map<String, String> with(final Map<String, String> settings, final Map<String, String> overrides) {
        final Map<String, String> merged = new HashMap<>(settings);
        merged.putAll(overrides);
        return merged;
    }

    /** Base URL of the webhook receiver; Vend posts to {@code <base>/<type>}. */
    public String webhookBaseUrl() {
        return webhookBaseUrl;
    }

    @Override
    public void close() {
        sink.close();
        mapper.close(Duration.ofSeconds(30));
        ingest.close();
        TempDirs.deleteRecursively(stateDir);
    }

    /** Subscribes through Vend's own (0.9) webhook API, as an integrator would. */
    private static void subscribe(final VendSimulator vend, final String baseUrl, final String type) {
        final String data = "{\"url\":\"" + baseUrl + "/" + type + "\",\"active\":true,\"type\":\"" + type + "\"}";
        try {
            final HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(vend.baseUrl() + "/api/webhooks"))
                    .header("Authorization", "Bearer " + vend.token())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("data=" + URLEncoder.encode(data, StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("Vend refused the " + type + " webhook: " + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot subscribe the " + type + " webhook", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while subscribing webhooks", e);
        }
    }
}
