package io.vendsync.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.runtime.CommonConfig;
import io.vendsync.runtime.TopicProvisioner;
import io.vendsync.schemas.FailureHeaders;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.TaxCategory;
import io.vendsync.schemas.serde.SerdeFactory;
import io.vendsync.sink.internals.FakeCatalogWriter;
import io.vendsync.sink.internals.MissingReferenceException;
import io.vendsync.sink.internals.MockProject;
import io.vendsync.testkit.kafka.KafkaFixture;
import io.vendsync.testkit.kafka.TopicProbe;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sink's catalog loops on a real broker, with a fake catalog writer registered for tax categories: applied,
 * transient failure through {@code retry.sink.catalog.1} then applied, permanent failure to {@code dlq.sink.catalog}
 * with its headers, tombstone counted, offsets committed after the DLQ write; inventory loops untouched.
 */
@Timeout(90)
class CatalogSinkTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final KafkaFixture kafka = KafkaFixture.shared();
    private final String prefix = "sinkcat" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final Topics topics = new Topics(prefix, SerdeFactory.singleObject());
    private final FakeCatalogWriter<TaxCategory> taxes = new FakeCatalogWriter<>("tax-category", TaxCategory::getSourceVersion,
            TaxCategory::getKey);
    private MockProject project;
    private SinkApp.Handle sink;

    @BeforeEach
    void setUp() {
        project = new MockProject();
        final Properties admin = new Properties();
        admin.put("bootstrap.servers", kafka.bootstrapServers());
        TopicProvisioner.ensure(admin, topics, 1, (short) 1);
        TopicProvisioner.ensure(admin, SinkTopics.of(topics).all(), 1, (short) 1);
    }

    @AfterEach
    void tearDown() {
        if (sink != null) {
            sink.close();
        }
        project.close();
    }

    private SinkConfig config() {
        final Map<String, String> settings = new HashMap<>();
        settings.put(CommonConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        settings.put(CommonConfig.TOPIC_PREFIX, prefix);
        settings.put(SinkConfig.CT_PROJECT_KEY, project.mock.projectKey());
        settings.put(SinkConfig.CT_CLIENT_ID, project.mock.clientId());
        settings.put(SinkConfig.CT_CLIENT_SECRET, project.mock.clientSecret());
        settings.put(SinkConfig.CT_AUTH_URL, project.mock.authUrl());
        settings.put(SinkConfig.CT_API_URL, project.mock.apiUrl());
        settings.put(SinkConfig.SINK_GROUP_ID, prefix + "sink");
        settings.put(SinkConfig.SINK_POLL_TIMEOUT_MS, "100");
        settings.put(SinkConfig.SINK_RETRY_DELAYS_MS, "200,300");
        settings.put(SinkConfig.CATALOG_POLL_INTERVAL_MS, "0");
        return new SinkConfig(settings);
    }

    private static TaxCategory tax(final String key, final long version) {
        return TaxCategory.newBuilder().setKey(key).setVendTaxId("vend-" + key).setName("GST " + key).setRates(List.of())
                .setSourceVersion(version).setSourceTsMs(0L).build();
    }

    private ProducerRecord<byte[], byte[]> taxRecord(final TaxCategory tax) {
        final String topic = topics.canonicalTaxCategories.name();
        return new ProducerRecord<>(topic, tax.getKey().getBytes(StandardCharsets.UTF_8),
                topics.canonicalTaxCategories.valueSerde().serializer().serialize(topic, tax));
    }

    private void produce(final List<ProducerRecord<byte[], byte[]>> records) {
        final Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            records.forEach(producer::send);
            producer.flush();
        }
    }

    private OffsetAndMetadata committed(final String group, final TopicPartition partition) throws Exception {
        final Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(partition);
        }
    }

    private static void await(final String what, final BooleanSupplier condition) throws InterruptedException {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static String header(final ConsumerRecord<byte[], byte[]> record, final String name) {
        return FailureHeaders.text(record.headers(), name);
    }

    @Test
    void shouldApplyRetryAndDeadLetterCatalogRecordsInTheirOwnGroupTiersAndDlq() throws Exception {
        taxes.failTransiently("tax-late", 1).failPermanently("tax-bad");
        final SinkConfig config = config();
        SinkApp.ensureTopics(config);
        sink = SinkApp.start(config, (api, settings, registry) -> CatalogHandlers.builder()
                .add(registry.canonicalTaxCategories, taxes).build());
        final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(List.of(taxRecord(tax("tax-ok", 1)),
                taxRecord(tax("tax-late", 2)), taxRecord(tax("tax-bad", 3))));
        records.add(new ProducerRecord<>(topics.canonicalTaxCategories.name(), "tax-gone".getBytes(StandardCharsets.UTF_8), null));
        produce(records);

        final List<ConsumerRecord<byte[], byte[]>> dead = TopicProbe.await(kafka.bootstrapServers(), SinkTopics.of(topics).catalogDlq.name(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer(), r -> !r.isEmpty(), WAIT);
        await("the late tax category applied from the retry tier", () -> taxes.appliedIds().contains("tax-late"));
        final SinkStatistics catalog = sink.catalogStatistics().orElseThrow();
        await("the tombstone counted", () -> catalog.tombstonesSkipped() == 1);

        assertThat(taxes.appliedIds()).containsExactly("tax-ok", "tax-late");
        // Keys are applied concurrently, so only the retried tax-late (a retry tier later) has a known place: last.
        assertThat(taxes.attempts()).containsExactlyInAnyOrder("tax-ok", "tax-late", "tax-bad", "tax-late").endsWith("tax-late");
        assertThat(dead).hasSize(1);
        final ConsumerRecord<byte[], byte[]> bad = dead.get(0);
        assertThat(bad.value()).isEqualTo(taxRecord(tax("tax-bad", 3)).value());
        assertThat(header(bad, FailureHeaders.ENTITY)).isEqualTo("tax-category");
        assertThat(header(bad, FailureHeaders.SOURCE_VERSION)).isEqualTo("3");
        assertThat(header(bad, FailureHeaders.ERROR_KIND)).isEqualTo("permanent");
        assertThat(header(bad, FailureHeaders.ORIGINAL_TOPIC)).isEqualTo(topics.canonicalTaxCategories.name());
        assertThat(header(bad, FailureHeaders.ORIGINAL_OFFSET)).isEqualTo("2");
        final List<ConsumerRecord<byte[], byte[]>> retried = TopicProbe.readAll(kafka.bootstrapServers(),
                SinkTopics.of(topics).catalogRetry(1).name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        assertThat(retried).hasSize(1);
        assertThat(header(retried.get(0), FailureHeaders.ERROR_CLASS)).isEqualTo(MissingReferenceException.class.getName());
        // Committed past every record, the dead-lettered one included, and in the catalog loop's own groups.
        final TopicPartition source = new TopicPartition(topics.canonicalTaxCategories.name(), 0);
        await("the catalog group's commit", () -> {
            try {
                final OffsetAndMetadata offset = committed(config.catalogGroupId(), source);
                return offset != null && offset.offset() == 4;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(committed(config.catalogRetryGroupId(), new TopicPartition(SinkTopics.of(topics).catalogRetry(1).name(), 0)).offset())
                .isEqualTo(1);
        assertThat(catalog.created()).isEqualTo(2);
        assertThat(catalog.retried()).isEqualTo(1);
        assertThat(catalog.failed()).isEqualTo(1);
        assertThat(sink.statistics().processed()).isZero();
        assertThat(TopicProbe.readAll(kafka.bootstrapServers(), SinkTopics.of(topics).inventoryDlq.name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())).isEmpty();
        assertThat(ManagementFactory.getPlatformMBeanServer().getAttribute(SinkMetrics.objectName(config.catalogGroupId()),
                "DeadLettered")).isEqualTo(1L);
        assertThat(sink.isRunning()).isTrue();

        // What Prometheus and a readiness probe see: the same outcomes, and ready until the loops stop.
        final Map<String, String> withManagement = new HashMap<>(config.originalsStrings());
        withManagement.put(io.vendsync.runtime.CommonConfig.MANAGEMENT_HOST, "127.0.0.1");
        withManagement.put(io.vendsync.runtime.CommonConfig.MANAGEMENT_PORT, "0");
        try (var management = sink.serveManagement(new SinkConfig(withManagement))) {
            final String base = "http://127.0.0.1:" + management.port();
            await("ready", () -> http(base + "/health/ready").statusCode() == 200);
            assertThat(http(base + "/metrics").body())
                    .contains("vendsync_sink_dead_letters_total{loop=\"catalog\"} 1.0")
                    .contains("vendsync_sink_retries_total{loop=\"catalog\"} 1.0");
            sink.close();
            final java.net.http.HttpResponse<String> stopped = http(base + "/health/ready");
            assertThat(stopped.statusCode()).isEqualTo(503);
            assertThat(stopped.body()).contains("inventory consumers in their group: failing");
        }
    }

    private static java.net.http.HttpResponse<String> http(final String url) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldStartNoCatalogLoopWithoutARegisteredWriter() throws Exception {
        final SinkConfig config = config();
        sink = SinkApp.start(config, (api, settings, registry) -> CatalogHandlers.none());
        produce(List.of(taxRecord(tax("tax-ok", 1))));
        Thread.sleep(1_000);

        assertThat(sink.catalogStatistics()).isEmpty();
        assertThat(sink.isRunning()).isTrue();
        assertThat(committed(config.catalogGroupId(), new TopicPartition(topics.canonicalTaxCategories.name(), 0))).isNull();
    }

    @Test
    void shouldProvisionCatalogRetryTiersBeyondTheContractsThree() throws Exception {
        final Map<String, String> settings = new HashMap<>(config().originalsStrings());
        settings.put(SinkConfig.SINK_RETRY_DELAYS_MS, "100,200,300,400,500");
        SinkApp.ensureTopics(new SinkConfig(settings));
        final Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        final List<String> expected = List.of(SinkTopics.of(topics).catalogRetry(4).name(), SinkTopics.of(topics).catalogRetry(5).name(),
                SinkTopics.of(topics).inventoryRetry(5).name());
        try (Admin admin = Admin.create(props)) {
            // Created topics show in the listing a moment later.
            await("the extra retry tiers", () -> {
                try {
                    return admin.listTopics().names().get().containsAll(expected);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(admin.listTopics().names().get()).doesNotContain(SinkTopics.of(topics).catalogRetry(6).name());
        }
    }
}
