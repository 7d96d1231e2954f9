package io.vendsync.bench;

import com.commercetools.api.client.ProjectApiRoot;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vendsync.runtime.CommonConfig;
import io.vendsync.schemas.Keys;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.sink.CatalogHandlers;
import io.vendsync.sink.SinkApp;
import io.vendsync.sink.SinkConfig;
import io.vendsync.sink.internals.ChannelResolver;
import io.vendsync.sink.internals.CommercetoolsClient;
import io.vendsync.sink.internals.InventoryTypeEnsurer;
import io.vendsync.testkit.commercetools.CommercetoolsMock;
import io.vendsync.testkit.kafka.EmbeddedKafka;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The commercetools sink on a real broker and the commercetools mock, beside a plain concurrent HTTP client sending the
 * same reads and writes (one {@code sku in (...)} query per 100 SKUs of a channel, then one create or update per entry)
 * to the same mock with the same concurrency; and the sink's initial-sync time for growing stores (10 outlets). Prints
 * its numbers; it asserts nothing.
 *
 * <pre>mvn -q -pl benchmarks -am -DskipTests package  (once), then
 * mvn -q -o -pl benchmarks -am -DskipTests -Dbench.main=io.vendsync.bench.SinkBenchmark compile exec:java ...
 *     [-Dbench.records=2000] [-Dbench.concurrency=16] [-Dbench.sync.sizes=2000,20000] [-Dbench.outlets=10]</pre>
 */
public final class SinkBenchmark {

    private static final int OUTLETS = Integer.getInteger("bench.outlets", 10);
    private static final int SKUS_PER_READ = 100;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final boolean VERBOSE = Boolean.getBoolean("bench.verbose");

    private SinkBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final int records = Integer.getInteger("bench.records", 2_000);
        final int concurrency = Integer.getInteger("bench.concurrency", 16);
        final List<Integer> syncSizes = java.util.Arrays.stream(System.getProperty("bench.sync.sizes", "2000,20000").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(Integer::parseInt).toList();
        System.out.printf(Locale.ROOT, "sink benchmark: %d records, concurrency %d, %d outlets, %d cores%n", records, concurrency,
                OUTLETS, Runtime.getRuntime().availableProcessors());
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); CommercetoolsMock mock = CommercetoolsMock.start()) {
            if (Boolean.getBoolean("bench.sink.only")) {
                // For profiling the sink alone: creates into an empty project, then updates of every entry.
                for (int i = 0; i < 3; i++) {
                    final CommercetoolsMock project = mock.withUniqueProjectKey();
                    System.out.printf(Locale.ROOT, "sink, %d creates: %.2f s%n", records, runSink(kafka, project, records, 1, concurrency));
                    System.out.printf(Locale.ROOT, "sink, %d updates: %.2f s%n", records, runSink(kafka, project, records, 2, concurrency));
                }
                System.exit(0);
            }
            // Warm both up (JIT, connection pools, the SDK's first build) on throwaway projects.
            runSink(kafka, mock.withUniqueProjectKey(), 500, 1, concurrency);
            new PlainClient(mock.withUniqueProjectKey(), concurrency).run(levels(500, 1));

            System.out.println();
            System.out.println("| phase (best of 2) | records | sink s | sink rec/s | plain client s | plain rec/s | sink / plain |");
            System.out.println("|---|---|---|---|---|---|---|");
            // Best of two rounds each (the machine is shared): creates into an empty project, then updates of every entry.
            double sinkCreate = Double.MAX_VALUE;
            double sinkUpdate = Double.MAX_VALUE;
            double sinkKnown = Double.MAX_VALUE;
            double plainCreate = Double.MAX_VALUE;
            double plainUpdate = Double.MAX_VALUE;
            for (int round = 0; round < 2; round++) {
                final CommercetoolsMock sinkProject = mock.withUniqueProjectKey();
                sinkCreate = Math.min(sinkCreate, runSink(kafka, sinkProject, records, 1, concurrency));
                // A new sink reads the entries first (in batches); the same sink then knows them and only writes.
                final double[] updates = runSink(kafka, sinkProject, records, concurrency, 2, 3);
                sinkUpdate = Math.min(sinkUpdate, updates[0]);
                sinkKnown = Math.min(sinkKnown, updates[1]);
                final PlainClient plain = new PlainClient(mock.withUniqueProjectKey(), concurrency);
                plainCreate = Math.min(plainCreate, plain.run(levels(records, 1)));
                plainUpdate = Math.min(plainUpdate, plain.run(levels(records, 2)));
            }
            row("create (initial)", records, sinkCreate, plainCreate);
            row("update (stock change)", records, sinkUpdate, plainUpdate);
            row("update again, same sink (entries known: no reads)", records, sinkKnown, plainUpdate);

            System.out.println();
            System.out.println("| initial sync, entries | concurrency | seconds | entries/s | time vs previous size |");
            System.out.println("|---|---|---|---|---|");
            final double one = runSink(kafka, mock.withUniqueProjectKey(), Math.min(2_000, syncSizes.get(0)), 1, 1);
            System.out.printf(Locale.ROOT, "| %,d | 1 | %.1f | %.0f | |%n", Math.min(2_000, syncSizes.get(0)), one,
                    Math.min(2_000, syncSizes.get(0)) / one);
            double previous = 0;
            int previousSize = 0;
            for (final int size : syncSizes) {
                final double seconds = runSink(kafka, mock.withUniqueProjectKey(), size, 1, concurrency);
                System.out.printf(Locale.ROOT, "| %,d | %d | %.1f | %.0f | %s |%n", size, concurrency, seconds, size / seconds,
                        previous == 0 ? "" : String.format(Locale.ROOT, "%.1fx for %.0fx the entries", seconds / previous,
                                (double) size / previousSize));
                previous = seconds;
                previousSize = size;
            }
        }
        System.exit(0);
    }

    /** CPU time so far of this JVM (broker, sink or plain client) and of the mock's node process, in ms. */
    record Cpu(long jvmMs, long mockMs) {
        static Cpu now() {
            final long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
            final long mock = ProcessHandle.current().descendants().mapToLong(p -> p.info().totalCpuDuration()
                    .map(Duration::toMillis).orElse(0L)).sum();
            return new Cpu(jvm, mock);
        }

        String perRecordSince(final Cpu before, final int records) {
            return String.format(Locale.ROOT, "%.2f + %.2f", (double) (jvmMs - before.jvmMs) / records,
                    (double) (mockMs - before.mockMs) / records);
        }
    }

    private static void row(final String phase, final int records, final double sink, final double plain) {
        System.out.printf(Locale.ROOT, "| %s | %,d | %.2f | %.0f | %.2f | %.0f | **%.2fx** |%n", phase, records, sink, records / sink,
                plain, records / plain, plain / sink);
    }

    /** {@code count} levels over the outlets, all at {@code version} (quantity differs per version, so each one writes). */
    static List<InventoryLevel> levels(final int count, final long version) {
        final List<InventoryLevel> levels = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            levels.add(InventoryLevel.newBuilder().setSku("SKU-" + (i / OUTLETS)).setChannelKey("bench-outlet-" + (i % OUTLETS))
                    .setQuantity(version * 10 + i % 7).setSourceVersion(version).setSourceTsMs(System.currentTimeMillis())
                    .setVendProductId("p-" + (i / OUTLETS)).setVendOutletId("o-" + (i % OUTLETS))
                    .setVendInventoryId("i-" + i).setDomainPrefix("bench").build());
        }
        return levels;
    }

    /**
     * Seconds the sink takes to apply {@code count} records already on its topic, measured from the first one applied
     * (scaled by count / (count - 1)). The sink runs on its own topic prefix (a fresh consumer group), against
     * {@code project}.
     */
    static double runSink(final EmbeddedKafka kafka, final CommercetoolsMock project, final int count, final long version,
                          final int concurrency) throws Exception {
        return runSink(kafka, project, count, concurrency, version)[0];
    }

    /**
     * Seconds one sink takes for {@code count} records at each of {@code versions} in turn: the first already on its
     * topic when it starts, each next produced once the previous were applied.
     */
    static double[] runSink(final EmbeddedKafka kafka, final CommercetoolsMock project, final int count, final int concurrency,
                            final long... versions) throws Exception {
        final String prefix = "bench" + UUID.randomUUID().toString().substring(0, 8) + ".";
        final Map<String, String> settings = new HashMap<>();
        settings.put(CommonConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        settings.put(CommonConfig.TOPIC_PREFIX, prefix);
        settings.put(SinkConfig.CT_PROJECT_KEY, project.projectKey());
        settings.put(SinkConfig.CT_CLIENT_ID, project.clientId());
        settings.put(SinkConfig.CT_CLIENT_SECRET, project.clientSecret());
        settings.put(SinkConfig.CT_AUTH_URL, project.authUrl());
        settings.put(SinkConfig.CT_API_URL, project.apiUrl());
        settings.put(SinkConfig.SINK_GROUP_ID, prefix + "sink");
        settings.put(SinkConfig.SINK_POLL_TIMEOUT_MS, "100");
        settings.put(SinkConfig.SINK_CONCURRENCY, Integer.toString(concurrency));
        settings.put(SinkConfig.CATALOG_POLL_INTERVAL_MS, "0");
        final SinkConfig config = new SinkConfig(settings);
        SinkApp.ensureTopics(config);
        final Topics topics = CommonConfig.topics(config);
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // Not idempotent, one request in flight (order kept): the idempotent producer here can hit
        // OutOfOrderSequenceException right after the topics are created and then retry forever (a run hung so).
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        try (KafkaProducer<String, InventoryLevel> producer = new KafkaProducer<>(props, new StringSerializer(),
                topics.canonicalInventory.valueSerde().serializer())) {
            produce(producer, topics, count, versions[0]);
            final double[] seconds = new double[versions.length];
            try (SinkApp.Handle sink = SinkApp.start(config, (api, c, t) -> CatalogHandlers.none())) {
                for (int i = 0; i < versions.length; i++) {
                    if (i > 0) {
                        produce(producer, topics, count, versions[i]);
                    }
                    seconds[i] = measure(sink, (long) count * i, count, versions[i]);
                }
                if (VERBOSE) {
                    printRequests(kafka, topics);
                }
            }
            return seconds;
        }
    }

    private static void produce(final KafkaProducer<String, InventoryLevel> producer, final Topics topics, final int count,
                                final long version) {
        for (final InventoryLevel level : levels(count, version)) {
            producer.send(new ProducerRecord<>(topics.canonicalInventory.name(), Keys.inventory(level.getChannelKey(),
                    level.getSku()), level));
        }
        producer.flush();
    }

    /** Seconds until the sink processed {@code count} more records than {@code before}, from the first of them. */
    private static double measure(final SinkApp.Handle sink, final long before, final int count, final long version)
            throws InterruptedException {
        // From the first record applied, so the consumer group's join and the client's start are not counted.
        while (sink.statistics().processed() < before + 1) {
            Thread.sleep(1);
        }
        final long start = System.nanoTime();
        final Cpu cpuBefore = Cpu.now();
        long nextReport = System.nanoTime() + 1_000_000_000L;
        while (sink.statistics().processed() < before + count) {
            if (VERBOSE && System.nanoTime() > nextReport) {
                System.out.printf(Locale.ROOT, "  %.1f s: %d processed%n", (System.nanoTime() - start) / 1e9, sink.statistics().processed());
                nextReport += 1_000_000_000L;
            }
            if (!sink.isRunning()) {
                throw new IllegalStateException("the sink stopped", sink.failure().orElse(null));
            }
            Thread.sleep(2);
        }
        final double seconds = (System.nanoTime() - start) / 1e9 * count / (count - 1);
        if (VERBOSE) {
            System.out.printf(Locale.ROOT, "  sink v%d: %.2f s, CPU ms per record (JVM + mock) %s%n", version, seconds,
                    Cpu.now().perRecordSince(cpuBefore, count));
        }
        if (sink.statistics().failed() > 0 || sink.statistics().retried() > 0) {
            System.out.println("  (sink: " + sink.statistics().reportMessage() + ")");
        }
        return seconds;
    }

    /** The resource a request went to, and for an inventory query whether it read one SKU or many. */
    private static String kind(final String url) {
        final String path = url.replaceFirst("^https?://[^/]+/[^/]+/", "").replaceFirst("[?].*", "");
        final String resource = path.contains("/") ? path.substring(0, path.indexOf('/')) + "/{id}" : path;
        final String query = java.net.URLDecoder.decode(url, StandardCharsets.UTF_8);
        return resource + (query.contains("sku in (") ? " (sku in)" : query.contains("sku = ") ? " (one sku)" : "");
    }

    /** What the sink sent, from its integration log: requests per method and their mean latency. */
    private static void printRequests(final EmbeddedKafka kafka, final Topics topics) {
        final Properties props = new Properties();
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG, "bench-requests-" + UUID.randomUUID());
        final Map<String, long[]> byMethod = new java.util.TreeMap<>();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(props,
                topics.integrationLog.keySerde().deserializer(), topics.integrationLog.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topics.integrationLog.name()));
            int empty = 0;
            while (empty < 3) {
                final var records = consumer.poll(Duration.ofMillis(500));
                empty = records.isEmpty() ? empty + 1 : 0;
                records.forEach(r -> {
                    final long[] n = byMethod.computeIfAbsent(r.value().getMethod() + " " + kind(r.value().getUrl()), m -> new long[2]);
                    n[0]++;
                    n[1] += r.value().getLatencyMs();
                });
            }
        }
        byMethod.forEach((method, n) -> System.out.printf(Locale.ROOT, "  %s: %d requests, mean %.1f ms%n", method, n[0],
                (double) n[1] / n[0]));
    }

    /**
     * The same requests the sink sends, from a plain {@link HttpClient} on {@code concurrency} threads, without Kafka,
     * the SDK or the integration log: per channel and 100 SKUs one query, then per entry a create (none found) or an
     * update (changeQuantity and the source version field).
     */
    static final class PlainClient {

        private final CommercetoolsMock project;
        private final int concurrency;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        private final String token;
        private final String typeId;
        private final Map<String, String> channelIds = new HashMap<>();

        PlainClient(final CommercetoolsMock project, final int concurrency) throws Exception {
            this.project = project;
            this.concurrency = concurrency;
            this.token = token();
            // Setup, not measured: the custom type and the channels, with the sink's own code.
            try (ProjectApiRoot api = CommercetoolsClient.build(project.projectKey(), project.clientId(), project.clientSecret(),
                    List.of(), project.authUrl(), project.apiUrl(), null)) {
                this.typeId = new InventoryTypeEnsurer(api).ensure();
                final ChannelResolver channels = new ChannelResolver(api);
                for (int i = 0; i < OUTLETS; i++) {
                    channelIds.put("bench-outlet-" + i, channels.resolve("bench-outlet-" + i, "bench"));
                }
            }
        }

        private String token() throws Exception {
            final String basic = Base64.getEncoder().encodeToString((project.clientId() + ":" + project.clientSecret())
                    .getBytes(StandardCharsets.UTF_8));
            final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(project.authUrl()
                            + "?grant_type=client_credentials&scope=manage_project:" + project.projectKey()))
                    .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body()).get("access_token").asText();
        }

        /** Seconds to bring the project to {@code levels}. */
        double run(final List<InventoryLevel> levels) throws Exception {
            final ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            try {
                final long start = System.nanoTime();
                final Cpu cpuBefore = Cpu.now();
                final Map<String, List<InventoryLevel>> byChannel = new LinkedHashMap<>();
                levels.forEach(l -> byChannel.computeIfAbsent(l.getChannelKey(), k -> new ArrayList<>()).add(l));
                final List<CompletableFuture<Void>> writes = new ArrayList<>();
                final List<CompletableFuture<Void>> reads = new ArrayList<>();
                for (final Map.Entry<String, List<InventoryLevel>> channel : byChannel.entrySet()) {
                    final List<InventoryLevel> all = channel.getValue();
                    for (int from = 0; from < all.size(); from += SKUS_PER_READ) {
                        final List<InventoryLevel> chunk = all.subList(from, Math.min(all.size(), from + SKUS_PER_READ));
                        reads.add(CompletableFuture.supplyAsync(() -> read(chunk, channelIds.get(channel.getKey())), pool)
                                .thenAccept(found -> {
                                    synchronized (writes) {
                                        for (final InventoryLevel level : chunk) {
                                            writes.add(CompletableFuture.runAsync(() -> write(level, found.get(level.getSku())), pool));
                                        }
                                    }
                                }));
                    }
                }
                CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).join();
                final List<CompletableFuture<Void>> all;
                synchronized (writes) {
                    all = List.copyOf(writes);
                }
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
                final double seconds = (System.nanoTime() - start) / 1e9;
                if (VERBOSE) {
                    System.out.printf(Locale.ROOT, "  plain: %.2f s, CPU ms per record (JVM + mock) %s%n", seconds,
                            Cpu.now().perRecordSince(cpuBefore, levels.size()));
                }
                return seconds;
            } finally {
                pool.shutdown();
            }
        }

        private Map<String, JsonNode> read(final List<InventoryLevel> chunk, final String channelId) {
            final StringBuilder where = new StringBuilder("sku in (");
            final StringBuilder vars = new StringBuilder();
            for (int i = 0; i < chunk.size(); i++) {
                where.append(i == 0 ? ":s" : ", :s").append(i);
                vars.append("&var.s").append(i).append('=').append(encode(chunk.get(i).getSku()));
            }
            where.append(") and supplyChannel(id = :channelId)");
            final String url = project.apiUrl() + "/" + project.projectKey() + "/inventory?where=" + encode(where.toString())
                    + "&var.channelId=" + encode(channelId) + vars + "&limit=500&offset=0";
            final JsonNode results = send(HttpRequest.newBuilder(URI.create(url)).GET()).get("results");
            final Map<String, JsonNode> bySku = new HashMap<>();
            results.forEach(entry -> bySku.put(entry.get("sku").asText(), entry));
            return bySku;
        }

        private void write(final InventoryLevel level, final JsonNode current) {
            final ObjectNode body = JSON.createObjectNode();
            final String url;
            if (current == null) {
                url = project.apiUrl() + "/" + project.projectKey() + "/inventory";
                body.put("sku", level.getSku()).put("quantityOnStock", level.getQuantity());
                body.putObject("supplyChannel").put("typeId", "channel").put("id", channelIds.get(level.getChannelKey()));
                final ObjectNode custom = body.putObject("custom");
                custom.putObject("type").put("typeId", "type").put("id", typeId);
                custom.putObject("fields").put(InventoryTypeEnsurer.SOURCE_VERSION_FIELD, level.getSourceVersion())
                        .put(InventoryTypeEnsurer.DOMAIN_PREFIX_FIELD, level.getDomainPrefix());
            } else {
                url = project.apiUrl() + "/" + project.projectKey() + "/inventory/" + current.get("id").asText();
                body.put("version", current.get("version").asLong());
                final ArrayNode actions = body.putArray("actions");
                actions.addObject().put("action", "changeQuantity").put("quantity", level.getQuantity());
                actions.addObject().put("action", "setCustomField").put("name", InventoryTypeEnsurer.SOURCE_VERSION_FIELD)
                        .put("value", level.getSourceVersion());
            }
            send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        }

        private JsonNode send(final HttpRequest.Builder request) {
            try {
                final HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + token).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() >= 300) {
                    throw new IllegalStateException(response.statusCode() + " " + response.body());
                }
                return JSON.readTree(response.body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static String encode(final String text) {
            return URLEncoder.encode(text, StandardCharsets.UTF_8);
        }
    }
}
