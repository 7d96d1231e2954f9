package io.vendsync.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.ingest.IngestConfig;
import io.vendsync.mapper.MapperTopics;
import io.vendsync.schemas.Keys;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.schemas.canonical.v1.ValidationError;
import io.vendsync.schemas.raw.Op;
import io.vendsync.schemas.raw.VendChange;
import io.vendsync.schemas.raw.VendSource;
import io.vendsync.schemas.serde.SerdeFactory;
import io.vendsync.simulator.InventoryRecord;
import io.vendsync.simulator.Product;
import io.vendsync.simulator.SimulatorOptions;
import io.vendsync.simulator.VendSimulator;
import io.vendsync.testkit.commercetools.CommercetoolsMock;
import io.vendsync.testkit.kafka.KafkaFixture;
import io.vendsync.testkit.kafka.TopicProbe;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole path on real components: Vend simulator → ingest → raw topics on a real broker → Kafka
 * Streams mapper (exactly_once_v2) → canonical topic → sink → commercetools mock over HTTP.
 */
class EndToEndTest {

    private static final Duration CONVERGE = Duration.ofSeconds(60);

    private final KafkaFixture kafka = KafkaFixture.shared();
    private final String prefix = "e2e" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final Topics topics = new Topics(prefix, SerdeFactory.singleObject());
    private CommercetoolsMock commercetools;
    private CommercetoolsInventoryReader reader;
    private VendSimulator vend;

    @BeforeEach
    void startVendAndCommercetools() {
        commercetools = CommercetoolsMock.shared().withUniqueProjectKey();
        reader = new CommercetoolsInventoryReader(commercetools.apiUrl(), commercetools.authUrl(),
                commercetools.projectKey(), commercetools.clientId(), commercetools.clientSecret());
        vend = VendSimulator.start(SimulatorOptions.defaults());
        vend.seed(2, 4, 11L);
    }

    @AfterEach
    void stopVend() {
        vend.close();
    }

    @Test
    void shouldLandAStoreStockChangeOnTheRightEntryByWebhook() throws Exception {
        try (LocalPipeline pipeline = start(Duration.ofHours(1), true)) {
            awaitCommercetools(pipeline, c -> c.converged());
            final InventoryRecord record = vend.inventory().get(5);
            vend.setInventory(record.productId(), record.outletId(), 321);
            final String key = entryKey(pipeline, record);
            awaitCommercetools(pipeline, c -> c.converged() && quantity(key) == 321);
            // The schedule is an hour away: only the webhook can have triggered this read.
            assertThat(pipeline.ingest().webhooks().accepted()).isPositive();
            assertThat(pipeline.sink().statistics().failed()).isZero();
        }
    }

    @Test
    void shouldLandAStoreStockChangeByPollingAloneWhenWebhooksAreLost() throws Exception {
        // Stock polled every second, the rest once at start, with Vend's whole rate limit: the default share (105 requests
        // per 5 minutes) at 500 ms over three collections was spent before a loaded machine had converged, and the read
        // of the change then waited for the next window.
        try (LocalPipeline pipeline = start(Duration.ofHours(1), false, Map.of(IngestConfig.pollIntervalKey("inventory"), "1000",
                IngestConfig.VEND_RATE_SHARE, "1.0"))) {
            awaitCommercetools(pipeline, c -> c.converged());
            final InventoryRecord record = vend.inventory().get(2);
            vend.setInventory(record.productId(), record.outletId(), 55);
            final String key = entryKey(pipeline, record);
            awaitCommercetools(pipeline, c -> c.converged() && quantity(key) == 55);
            assertThat(pipeline.ingest().webhooks().accepted()).isZero();
        }
    }

    @Test
    void shouldKeepTheNewerQuantityWhenAnEventArrivesTwiceAndAnOlderOneArrivesLate() throws Exception {
        try (LocalPipeline pipeline = start(Duration.ofHours(1), true)) {
            awaitCommercetools(pipeline, c -> c.converged());
            final InventoryRecord record = vend.inventory().get(1);
            final String key = entryKey(pipeline, record);
            vend.setInventory(record.productId(), record.outletId(), 10);
            awaitCommercetools(pipeline, c -> c.converged() && quantity(key) == 10);
            vend.setInventory(record.productId(), record.outletId(), 20);
            awaitCommercetools(pipeline, c -> c.converged() && quantity(key) == 20);

            // Replay Vend's raw events for this record, oldest last, the newest one twice; raw inventory is keyed by
            // product, so the record is found by the id in its payload.
            final List<ConsumerRecord<String, VendChange>> raw = read(topics.rawInventory.name(),
                    topics.rawInventory.valueSerde().deserializer()).stream()
                    .filter(r -> r.key().equals(record.productId()) && r.value().getAfter().contains("\"id\":\"" + record.id() + "\""))
                    .sorted(Comparator.comparingLong((ConsumerRecord<String, VendChange> r) -> r.value().getSource().getVersion()).reversed())
                    .toList();
            assertThat(raw).hasSizeGreaterThanOrEqualTo(3);
            // Counted before sending: a sink that remembers the entry skips the stale record without a request, often
            // before this thread reads the counter again.
            final long staleBefore = pipeline.sink().statistics().skippedStale();
            try (KafkaProducer<String, byte[]> producer = producer()) {
                producer.send(new ProducerRecord<>(topics.rawInventory.name(), record.productId(), bytes(raw.get(0).value()))).get();
                for (final ConsumerRecord<String, VendChange> older : raw) {
                    producer.send(new ProducerRecord<>(topics.rawInventory.name(), record.productId(), bytes(older.value()))).get();
                }
                // And a stale canonical record straight at the sink, as a replay of the topic would bring.
                final InventoryLevel stale = read(topics.canonicalInventory.name(),
                        topics.canonicalInventory.valueSerde().deserializer()).stream()
                        .map(ConsumerRecord::value)
                        .filter(l -> l.getVendInventoryId().equals(record.id()))
                        .min(Comparator.comparingLong(InventoryLevel::getSourceVersion)).orElseThrow();
                producer.send(new ProducerRecord<>(topics.canonicalInventory.name(), key,
                        topics.canonicalInventory.valueSerde().serializer().serialize(topics.canonicalInventory.name(), stale))).get();
            }
            awaitSink(() -> pipeline.sink().statistics().skippedStale() > staleBefore);
            assertThat(quantity(key)).isEqualTo(20);
            assertThat(pipeline.sink().statistics().failed()).isZero();
        }
    }

    @Test
    void shouldReportAnUnknownProductOnTheValidationErrorTopicWithItsReason() throws Exception {
        try (LocalPipeline pipeline = start(Duration.ofHours(1), true)) {
            awaitCommercetools(pipeline, c -> c.converged());
            final String inventoryId = "inv-" + UUID.randomUUID();
            final String after = "{\"id\":\"" + inventoryId + "\",\"product_id\":\"no-such-product\",\"outlet_id\":\""
                    + vend.outlets().get(0).id() + "\",\"inventory_level\":3,\"version\":999999}";
            try (KafkaProducer<String, byte[]> producer = producer()) {
                producer.send(new ProducerRecord<>(topics.rawInventory.name(), inventoryId, bytes(change(after, 999999L)))).get();
            }
            final List<ConsumerRecord<String, ValidationError>> errors = TopicProbe.await(kafka.bootstrapServers(),
                    topics.validationErrors.name(), new StringDeserializer(), topics.validationErrors.valueSerde().deserializer(),
                    all -> all.stream().anyMatch(r -> r.key().equals(inventoryId)), CONVERGE);
            final ValidationError error = errors.stream().filter(r -> r.key().equals(inventoryId)).findFirst().orElseThrow().value();
            assertThat(error.getCode()).isEqualTo("PRODUCT_UNKNOWN");
            assertThat(error.getReason()).contains("no-such-product");
            assertThat(error.getPayload()).contains(inventoryId);
        }
    }

    @Test
    void shouldWriteNothingWhenTheCanonicalTopicsAreReplayedAgainstAProjectThatAlreadyMatches() throws Exception {
        try (LocalPipeline pipeline = start(Duration.ofHours(1), true)) {
            awaitCommercetools(pipeline, c -> c.converged());
            for (final InventoryRecord record : vend.inventory().subList(0, 3)) {
                vend.setInventory(record.productId(), record.outletId(), record.inventoryLevel() + 5);
            }
            awaitCommercetools(pipeline, c -> c.converged() && pipeline.sink().statistics().updated() >= 3);
            // A second sink group reads every canonical record from the start: a full replay.
            assertThat(FullReplay.writes(kafka.bootstrapServers(), topics, pipeline, prefix + "replay", Duration.ofSeconds(120)))
                    .as("commercetools writes during a replay of every canonical record").isEmpty();
            assertThat(ExpectedInventory.compare(vend, reader.readAll(), pipeline.mapperConfig()::derivedChannelKey).converged())
                    .isTrue();

            // After a clean sync the reconciliation, reading the real pipeline's identity topics, finds nothing either.
            final Map<String, String> reconcile = new HashMap<>(pipeline.sinkSettings());
            reconcile.put(IngestConfig.VEND_BASE_URL, vend.baseUrl());
            reconcile.put(IngestConfig.VEND_DOMAIN_PREFIX, vend.domainPrefix());
            reconcile.put(IngestConfig.VEND_TOKEN, vend.token());
            final java.io.ByteArrayOutputStream output = new java.io.ByteArrayOutputStream();
            final java.io.PrintStream print = new java.io.PrintStream(output, true, java.nio.charset.StandardCharsets.UTF_8);
            final int exit = io.vendsync.cli.reconcile.ReconcileCommand.run(reconcile, io.vendsync.cli.reconcile.ReconcileOptions.parse(
                    List.of("--out", java.nio.file.Files.createTempDirectory("reconcile").toString()), java.time.Clock.systemUTC()),
                    print, print);
            assertThat(exit).as(output.toString(java.nio.charset.StandardCharsets.UTF_8)).isZero();
            assertThat(output.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("No mismatches.")
                    .containsPattern("inventory +" + vend.inventory().size() + " ");
        }
    }

    @Test
    void shouldDeadLetterUndecodableRawBytesWithTheirOriginalBytesAndKeepMapping() throws Exception {
        try (LocalPipeline pipeline = start(Duration.ofHours(1), true)) {
            awaitCommercetools(pipeline, c -> c.converged());
            final byte[] garbage = "not avro at all".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            try (KafkaProducer<String, byte[]> producer = producer()) {
                producer.send(new ProducerRecord<>(topics.rawInventory.name(), "poison", garbage)).get();
            }
            final List<ConsumerRecord<byte[], byte[]>> dead = TopicProbe.await(kafka.bootstrapServers(), MapperTopics.of(topics).dlq.name(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                    new org.apache.kafka.common.serialization.ByteArrayDeserializer(), all -> !all.isEmpty(), CONVERGE);
            assertThat(dead.get(0).value()).isEqualTo(garbage);
            assertThat(dead.get(0).headers().lastHeader("__streams.errors.topic")).isNotNull();
            // The poison record did not stop the mapper: the next stock change still lands.
            final InventoryRecord record = vend.inventory().get(0);
            vend.setInventory(record.productId(), record.outletId(), 4321);
            final String key = entryKey(pipeline, record);
            awaitCommercetools(pipeline, c -> c.converged() && quantity(key) == 4321);
        }
    }

    private LocalPipeline start(final Duration pollInterval, final boolean webhooks) {
        return start(pollInterval, webhooks, Map.of());
    }

    private LocalPipeline start(final Duration pollInterval, final boolean webhooks, final Map<String, String> ingestOverrides) {
        final Map<String, String> ingest = new java.util.HashMap<>(ingestOverrides);
        ingest.put(IngestConfig.VEND_ENTITIES, "outlets,products,inventory");
        // Stock only (products, prices and taxes have CatalogEndToEndTest): a 500 ms schedule over every collection
        // would spend the store's rate budget in seconds and leave the rest of the window waiting.
        return LocalPipeline.start(new LocalPipeline.Settings(kafka.bootstrapServers(), prefix, commercetools.projectKey(),
                pollInterval, webhooks, ingest), vend, commercetools);
    }

    private String entryKey(final LocalPipeline pipeline, final InventoryRecord record) {
        final Product product = vend.products().stream().filter(p -> p.id().equals(record.productId())).findFirst().orElseThrow();
        return Keys.inventory(pipeline.mapperConfig().derivedChannelKey(record.outletId()), product.sku());
    }

    private long quantity(final String key) throws Exception {
        return reader.readAll().stream().filter(e -> Keys.inventory(e.channelKey(), e.sku()).equals(key))
                .mapToLong(CommercetoolsInventoryReader.Entry::quantityOnStock).findFirst().orElse(Long.MIN_VALUE);
    }

    private void awaitCommercetools(final LocalPipeline pipeline, final CheckedPredicate condition) throws Exception {
        final long deadline = System.nanoTime() + CONVERGE.toNanos();
        ExpectedInventory.Comparison last = null;
        while (System.nanoTime() < deadline) {
            last = ExpectedInventory.compare(vend, reader.readAll(), pipeline.mapperConfig()::derivedChannelKey);
            if (condition.test(last)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("commercetools did not match Vend within " + CONVERGE + ": " + last);
    }

    private static void awaitSink(final java.util.function.BooleanSupplier condition) throws InterruptedException {
        final long deadline = System.nanoTime() + CONVERGE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("sink condition within " + CONVERGE).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private <V> List<ConsumerRecord<String, V>> read(final String topic, final org.apache.kafka.common.serialization.Deserializer<V> values) {
        return TopicProbe.readAll(kafka.bootstrapServers(), topic, new StringDeserializer(), values);
    }

    private VendChange change(final String after, final long version) {
        return VendChange.newBuilder().setBefore(null).setAfter(after).setOp(Op.u)
                .setSource(VendSource.newBuilder().setConnector("vend").setDomainPrefix(vend.domainPrefix())
                        .setEntity("inventory").setVersion(version).setTsMs(System.currentTimeMillis())
                        .setTrigger("test").setSnapshot(false).build())
                .setTsMs(System.currentTimeMillis()).build();
    }

    private byte[] bytes(final VendChange change) {
        return topics.rawInventory.valueSerde().serializer().serialize(topics.rawInventory.name(), change);
    }

    private KafkaProducer<String, byte[]> producer() {
        final Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        return new KafkaProducer<>(props, new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer());
    }

    @FunctionalInterface
    private interface CheckedPredicate {
        boolean test(ExpectedInventory.Comparison comparison) throws Exception;
    }
}
