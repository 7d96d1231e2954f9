package io.vendsync.cli.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.inventory.InventoryEntry;
import io.vendsync.mapper.MapperTopics;
import io.vendsync.runtime.CommonConfig;
import io.vendsync.runtime.TopicProvisioner;
import io.vendsync.schemas.FailureHeaders;
import io.vendsync.schemas.Keys;
import io.vendsync.schemas.Topics;
import io.vendsync.mapper.MapperApp;
import io.vendsync.mapper.MapperConfig;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.schemas.canonical.v1.TaxCategory;
import io.vendsync.schemas.serde.SerdeFactory;
import io.vendsync.sink.CatalogHandlers;
import io.vendsync.sink.SinkApp;
import io.vendsync.sink.SinkConfig;
import io.vendsync.sink.SinkTopics;
import io.vendsync.sink.internals.CanonicalWriter;
import io.vendsync.sink.internals.CommercetoolsClient;
import io.vendsync.sink.internals.SinkWriteException;
import io.vendsync.sink.internals.WriteOutcome;
import io.vendsync.testkit.commercetools.CommercetoolsMock;
import io.vendsync.testkit.fault.FaultProxy;
import io.vendsync.testkit.fault.FaultRule;
import io.vendsync.testkit.kafka.KafkaFixture;
import io.vendsync.testkit.kafka.TopicProbe;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The DLQ tooling against a running sink on a real broker and the commercetools mock behind a fault proxy. */
@Timeout(120)
class DlqCommandTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final KafkaFixture kafka = KafkaFixture.shared();
    private final String prefix = "dlq" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final Topics topics = new Topics(prefix, SerdeFactory.singleObject());
    /** The catalog tests' canonical topic and dead-letter topic. */
    private final String taxTopic = topics.canonicalTaxCategories.name();
    private final String dlqTopic = SinkTopics.of(topics).catalogDlq.name();

    @TempDir
    Path stateDir;

    private static InventoryLevel level(final String sku, final long quantity, final long version) {
        return InventoryLevel.newBuilder().setSku(sku).setChannelKey("main").setQuantity(quantity).setSourceVersion(version)
                .setSourceTsMs(System.currentTimeMillis()).setVendProductId("p-" + sku).setVendOutletId("o-main")
                .setVendInventoryId("i-" + sku).setDomainPrefix("teststore").build();
    }

    private String run(final Map<String, String> settings, final String... args) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final int exit = new DlqCommand(settings, new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .execute(DlqCommand.Options.parse(List.of(args)));
        assertThat(exit).isZero();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private List<ConsumerRecord<byte[], byte[]>> read(final String topic) {
        return TopicProbe.readAll(kafka.bootstrapServers(), topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Test
    void shouldReplayDeadLetterOnceCauseIsFixedAndNeverTwice() throws Exception {
        final CommercetoolsMock commercetools = CommercetoolsMock.shared().withUniqueProjectKey();
        final Properties admin = new Properties();
        admin.put("bootstrap.servers", kafka.bootstrapServers());
        TopicProvisioner.ensure(admin, topics, 1, (short) 1);
        TopicProvisioner.ensure(admin, SinkTopics.of(topics).all(), 1, (short) 1);
        TopicProvisioner.ensure(admin, MapperTopics.of(topics).all(), 1, (short) 1);
        final Map<String, String> settings = new HashMap<>();
        settings.put(CommonConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        settings.put(CommonConfig.TOPIC_PREFIX, prefix);
        final Map<String, String> sinkSettings = new HashMap<>(settings);
        try (FaultProxy proxy = FaultProxy.start(commercetools.apiUrl());
             ProjectApiRoot direct = CommercetoolsClient.build(commercetools.projectKey(), commercetools.clientId(),
                     commercetools.clientSecret(), List.of(), commercetools.authUrl(), commercetools.apiUrl(), null)) {
            // The cause: commercetools rejects this SKU's writes as invalid (permanent, so it is dead-lettered at once).
            proxy.inject(FaultRule.status(400).method("POST").pathContains("/inventory").bodyContains("SKU-R"));
            sinkSettings.put(SinkConfig.CT_PROJECT_KEY, commercetools.projectKey());
            sinkSettings.put(SinkConfig.CT_CLIENT_ID, commercetools.clientId());
            sinkSettings.put(SinkConfig.CT_CLIENT_SECRET, commercetools.clientSecret());
            sinkSettings.put(SinkConfig.CT_AUTH_URL, commercetools.authUrl());
            sinkSettings.put(SinkConfig.CT_API_URL, proxy.url());
            sinkSettings.put(SinkConfig.SINK_GROUP_ID, prefix + "sink");
            sinkSettings.put(SinkConfig.SINK_POLL_TIMEOUT_MS, "100");
            sinkSettings.put(SinkConfig.SINK_RETRY_DELAYS_MS, "200,500");
            try (SinkApp.Handle sink = SinkApp.start(new SinkConfig(sinkSettings))) {
                final Properties props = new Properties();
                props.put("bootstrap.servers", kafka.bootstrapServers());
                final InventoryLevel level = level("SKU-R", 17, 3);
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
                    producer.send(new ProducerRecord<>(topics.canonicalInventory.name(), Keys.inventory("main", "SKU-R").getBytes(StandardCharsets.UTF_8),
                            topics.canonicalInventory.valueSerde().serializer().serialize(topics.canonicalInventory.name(), level))).get();
                }
                TopicProbe.await(kafka.bootstrapServers(), SinkTopics.of(topics).inventoryDlq.name(), new ByteArrayDeserializer(),
                        new ByteArrayDeserializer(), records -> records.size() == 1, WAIT);

                assertThat(run(settings, "list", "--error-class", "badrequest", "--key", "main/SKU-R"))
                        .contains("0/0").contains("key=main/SKU-R").contains("code=InvalidInput").contains("1 dead letter(s) match, 0 of them resolved");
                assertThat(run(settings, "list", "--entity", "products")).contains("0 dead letter(s) match");
                assertThat(run(settings, "show", "0/0")).contains(FailureHeaders.ERROR_CT_BODY + ": ").contains("SKU-R");
                assertThat(run(settings, "replay", "--dry-run")).contains("would replay 0/0").contains("1 would be replayed");
                assertThat(read(topics.canonicalInventory.name())).hasSize(1);

                proxy.heal(); // the cause is fixed
                assertThat(run(settings, "replay", "--key", "main/SKU-R")).contains("replayed 1/1: 0/0").contains("1 replayed, 0 skipped");
                awaitQuantity(direct, "SKU-R", 17L);
                // Never twice: the second replay finds the resolution mark.
                assertThat(run(settings, "replay")).contains("skip 0/0: already resolved").contains("0 replayed, 1 skipped");
                assertThat(run(settings, "list")).contains("RESOLVED");

                final List<ConsumerRecord<byte[], byte[]>> canonical = read(topics.canonicalInventory.name());
                assertThat(canonical).hasSize(2);
                assertThat(FailureHeaders.text(canonical.get(1).headers(), FailureHeaders.REPLAY_OF)).isEqualTo("0/0");
                assertThat(FailureHeaders.text(canonical.get(1).headers(), FailureHeaders.ERROR_CLASS)).isNull();
                assertThat(canonical.get(1).value()).isEqualTo(canonical.get(0).value());
                assertThat(read(SinkTopics.of(topics).inventoryDlqResolved.name())).hasSize(1)
                        .allSatisfy(r -> assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("0/0"));
                assertThat(read(SinkTopics.of(topics).inventoryDlq.name())).hasSize(1);
                assertThat(sink.statistics().failed()).isEqualTo(1);
                // The entry is visible in commercetools a moment before the sink counts the create that made it.
                final long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
                while (sink.statistics().created() < 1 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(sink.statistics().created()).isEqualTo(1);
            }
        }
    }

    private static void awaitQuantity(final ProjectApiRoot api, final String sku, final long quantity) throws InterruptedException {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            final List<InventoryEntry> entries = api.inventory().get().withWhere("sku = :sku").withPredicateVar("sku", sku)
                    .executeBlocking().getBody().getResults();
            if (entries.size() == 1 && entries.get(0).getQuantityOnStock() == quantity) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(sku + " did not reach " + quantity + ": " + entries);
            }
            Thread.sleep(100);
        }
    }

    /** A catalog writer that refuses every tax category (permanently) until told the cause is fixed. */
    static final class RefusingTaxWriter implements CanonicalWriter<TaxCategory> {
        volatile boolean refusing = true;
        final List<String> applied = new CopyOnWriteArrayList<>();

        @Override
        public String entity() {
            return "tax-category";
        }

        @Override
        public WriteOutcome apply(final TaxCategory record) {
            if (refusing) {
                throw new SinkWriteException(correlationId(record), "refused", new IllegalArgumentException("rate country unknown"));
            }
            applied.add(record.getKey());
            return WriteOutcome.CREATED;
        }

        @Override
        public long sourceVersion(final TaxCategory record) {
            return record.getSourceVersion();
        }

        @Override
        public String correlationId(final TaxCategory record) {
            return "tax-category:" + record.getKey() + "@" + record.getSourceVersion();
        }
    }

    private Map<String, String> commonSettings() {
        final Properties admin = new Properties();
        admin.put("bootstrap.servers", kafka.bootstrapServers());
        TopicProvisioner.ensure(admin, topics, 1, (short) 1);
        TopicProvisioner.ensure(admin, SinkTopics.of(topics).all(), 1, (short) 1);
        TopicProvisioner.ensure(admin, MapperTopics.of(topics).all(), 1, (short) 1);
        final Map<String, String> settings = new HashMap<>();
        settings.put(CommonConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        settings.put(CommonConfig.TOPIC_PREFIX, prefix);
        return settings;
    }

    /** Tax category GST at version 12, sent to the refusing sink and awaited in the catalog DLQ. */
    private TaxCategory deadLetteredGst() throws Exception {
        final TaxCategory tax = TaxCategory.newBuilder().setKey("tax-gst").setVendTaxId("t-1").setName("GST").setRates(List.of())
                .setSourceVersion(12L).setSourceTsMs(0L).build();
        produce(taxTopic, "tax-gst".getBytes(StandardCharsets.UTF_8),
                topics.canonicalTaxCategories.valueSerde().serializer().serialize(taxTopic, tax));
        TopicProbe.await(kafka.bootstrapServers(), dlqTopic, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                records -> records.size() == 1, WAIT);
        return tax;
    }

    /** Waits (up to {@link #WAIT}) until the writer has applied {@code count} records. */
    private static void awaitApplied(final RefusingTaxWriter writer, final int count) throws InterruptedException {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (writer.applied.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    /** A sink on the commercetools mock whose catalog loop has one writer: {@code writer}, for tax categories. */
    private SinkApp.Handle catalogSink(final Map<String, String> settings, final RefusingTaxWriter writer) {
        final CommercetoolsMock commercetools = CommercetoolsMock.shared().withUniqueProjectKey();
        final Map<String, String> sinkSettings = new HashMap<>(settings);
        sinkSettings.put(SinkConfig.CT_PROJECT_KEY, commercetools.projectKey());
        sinkSettings.put(SinkConfig.CT_CLIENT_ID, commercetools.clientId());
        sinkSettings.put(SinkConfig.CT_CLIENT_SECRET, commercetools.clientSecret());
        sinkSettings.put(SinkConfig.CT_AUTH_URL, commercetools.authUrl());
        sinkSettings.put(SinkConfig.CT_API_URL, commercetools.apiUrl());
        sinkSettings.put(SinkConfig.SINK_GROUP_ID, prefix + "sink");
        sinkSettings.put(SinkConfig.SINK_POLL_TIMEOUT_MS, "100");
        sinkSettings.put(SinkConfig.CATALOG_POLL_INTERVAL_MS, "0");
        return SinkApp.start(new SinkConfig(sinkSettings),
                (api, config, registry) -> CatalogHandlers.builder().add(registry.canonicalTaxCategories, writer).build());
    }

    private void produce(final String topic, final byte[] key, final byte[] value) throws Exception {
        final Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    @Test
    void shouldReplayCatalogDeadLetterToItsCanonicalTopicOnceWithMarkKeyedByTheDlqTopic() throws Exception {
        final Map<String, String> settings = commonSettings();
        final RefusingTaxWriter writer = new RefusingTaxWriter();
        try (SinkApp.Handle sink = catalogSink(settings, writer)) {
            deadLetteredGst();

            assertThat(run(settings, "list", "--dlq", "catalog", "--entity", "tax-category"))
                    .contains("0/0").contains("key=tax-gst").contains("version=12").contains("1 dead letter(s) match, 0 of them resolved");
            assertThat(run(settings, "list")).contains("0 dead letter(s) match"); // the inventory DLQ is another topic
            assertThat(run(settings, "show", "--dlq", "catalog", "0/0")).contains("tax-gst").contains("GST");

            writer.refusing = false; // the cause is fixed
            assertThat(run(settings, "replay", "--dlq", "catalog")).contains("replayed 1/1: 0/0").contains("to " + taxTopic);
            awaitApplied(writer, 1);
            assertThat(writer.applied).containsExactly("tax-gst");
            assertThat(run(settings, "replay", "--dlq", "catalog")).contains("skip 0/0: already resolved").contains("0 replayed, 1 skipped");
            // An inventory dead letter 0/0 is another one: its mark has another key.
            assertThat(run(settings, "list")).doesNotContain("RESOLVED");

            final List<ConsumerRecord<byte[], byte[]>> canonical = read(taxTopic);
            assertThat(canonical).hasSize(2);
            assertThat(canonical.get(1).value()).isEqualTo(canonical.get(0).value());
            assertThat(FailureHeaders.text(canonical.get(1).headers(), FailureHeaders.REPLAY_OF)).isEqualTo(dlqTopic + "/0/0");
            // Where it was first read, so the sink orders it among its key's records of one version by that.
            assertThat(FailureHeaders.number(canonical.get(1).headers(), FailureHeaders.REPLAY_ORIGINAL_OFFSET))
                    .hasValue(canonical.get(0).offset());
            assertThat(FailureHeaders.text(canonical.get(1).headers(), FailureHeaders.ENTITY)).isNull();
            assertThat(read(SinkTopics.of(topics).inventoryDlqResolved.name()))
                    .extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly(dlqTopic + "/0/0");
            assertThat(sink.catalogStatistics().orElseThrow().failed()).isEqualTo(1);
        }
    }

    @Test
    void shouldNotReplayACatalogDeadLetterWhoseKeyTheSinkHasSinceAppliedNewer() throws Exception {
        final Map<String, String> settings = commonSettings();
        final RefusingTaxWriter writer = new RefusingTaxWriter();
        try (SinkApp.Handle sink = catalogSink(settings, writer)) {
            final TaxCategory old = deadLetteredGst();
            writer.refusing = false; // the cause is fixed, and the mapper has re-published the key since: same version, new content
            produce(taxTopic, "tax-gst".getBytes(StandardCharsets.UTF_8), topics.canonicalTaxCategories.valueSerde().serializer()
                    .serialize(taxTopic, TaxCategory.newBuilder(old).setName("GST 15%").build()));
            // The sink's mark of what it applied, written just after the write.
            TopicProbe.await(kafka.bootstrapServers(), SinkTopics.of(topics).catalogApplied.name(), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer(), records -> !records.isEmpty(), WAIT);

            assertThat(run(settings, "replay", "--dlq", "catalog", "--dry-run")).contains("would skip 0/0 (key tax-gst): superseded")
                    .contains("dry run: 0 would be replayed, 1 skipped");
            assertThat(run(settings, "replay", "--dlq", "catalog"))
                    .contains("skip 0/0 (key tax-gst): superseded: the sink applied version 12 of its key (from offset 1), newer than"
                            + " the dead letter's 12 (offset 0)")
                    .contains("0 replayed, 1 skipped");

            // Appended, the old content would be the key's latest record on the compacted contract topic, for every reader.
            assertThat(read(taxTopic)).hasSize(2);
            assertThat(run(settings, "list", "--dlq", "catalog")).contains("RESOLVED");
            assertThat(read(SinkTopics.of(topics).inventoryDlqResolved.name())).singleElement()
                    .satisfies(mark -> assertThat(new String(mark.value(), StandardCharsets.UTF_8)).startsWith("not replayed: superseded"));
            assertThat(writer.applied).containsExactly("tax-gst");
        }
    }

    @Test
    void shouldReplayADeadLetterWhoseLaterRecordsNeverReachedCommercetools() throws Exception {
        final Map<String, String> settings = commonSettings();
        final RefusingTaxWriter writer = new RefusingTaxWriter();
        try (SinkApp.Handle sink = catalogSink(settings, writer)) {
            final TaxCategory old = deadLetteredGst();
            produce(taxTopic, "tax-gst".getBytes(StandardCharsets.UTF_8), topics.canonicalTaxCategories.valueSerde().serializer()
                    .serialize(taxTopic, TaxCategory.newBuilder(old).setSourceVersion(13L).build()));
            TopicProbe.await(kafka.bootstrapServers(), dlqTopic, new ByteArrayDeserializer(), new ByteArrayDeserializer(),
                    records -> records.size() == 2, WAIT);
            writer.refusing = false;

            // Version 13 never reached commercetools (no mark of the sink's): it does not make version 12 needless.
            assertThat(run(settings, "replay", "--dlq", "catalog", "0/0")).contains("replayed 1/1: 0/0").contains("1 replayed, 0 skipped");
            assertThat(run(settings, "replay", "--dlq", "catalog")).contains("skip 0/0: already resolved").contains("replayed 1/1: 0/1");
            awaitApplied(writer, 2);
            assertThat(writer.applied).containsExactly("tax-gst", "tax-gst");
        }
    }

    @Test
    void shouldReplayMapperDeadLetterToItsRawTopicWithoutTheStreamsErrorHeaders() throws Exception {
        final Map<String, String> settings = commonSettings();
        final Map<String, String> mapperSettings = new HashMap<>(settings);
        mapperSettings.put(MapperConfig.APPLICATION_ID, prefix + "mapper");
        mapperSettings.put(MapperConfig.STATE_DIR, stateDir.toString());
        mapperSettings.put(MapperConfig.COMMIT_INTERVAL_MS, "100");
        final String raw = topics.rawInventory.name();
        final String mapperDlqTopic = MapperTopics.of(topics).dlq.name();
        final byte[] garbage = {(byte) 0xC3, 0x01, 'n', 'o', 't', ' ', 'a', ' ', 'c', 'h', 'a', 'n', 'g', 'e', (byte) 0xFF};
        final List<ConsumerRecord<byte[], byte[]>> dead;
        try (MapperApp.Handle mapper = MapperApp.start(new MapperConfig(mapperSettings))) {
            produce(raw, "inv-1".getBytes(StandardCharsets.UTF_8), garbage);
            dead = TopicProbe.await(kafka.bootstrapServers(), mapperDlqTopic,
                    new ByteArrayDeserializer(), new ByteArrayDeserializer(), records -> records.size() == 1, WAIT);
        }
        // The mapper is down (a fixed version is being deployed): the replayed record waits for it in the raw topic.
        assertThat(FailureHeaders.text(dead.get(0).headers(), DeadLetterQueue.STREAMS_TOPIC)).isEqualTo(raw);
        final long deadLetterOffset = dead.get(0).offset();
        final String coordinates = "0/" + deadLetterOffset;

        assertThat(run(settings, "list", "--dlq", "mapper")).contains(coordinates).contains("key=inv-1")
                .contains("from=" + raw + "-0@0").contains("1 dead letter(s) match, 0 of them resolved");
        assertThat(run(settings, "replay", "--dlq", "mapper", "--dry-run")).contains("would replay " + coordinates + " (key inv-1) to " + raw);
        assertThat(run(settings, "replay", "--dlq", "mapper", "--key", "inv-1"))
                .contains("replayed 1/1: " + coordinates).contains("1 replayed, 0 skipped");
        assertThat(run(settings, "replay", "--dlq", "mapper", "--key", "inv-1")).contains("skip " + coordinates + ": already resolved");

        final List<ConsumerRecord<byte[], byte[]>> rawRecords = read(raw);
        assertThat(rawRecords).hasSize(2);
        assertThat(rawRecords.get(1).value()).isEqualTo(garbage);
        assertThat(new String(rawRecords.get(1).key(), StandardCharsets.UTF_8)).isEqualTo("inv-1");
        assertThat(rawRecords.get(1).headers().toArray())
                .noneMatch(h -> h.key().startsWith(DeadLetterQueue.STREAMS_ERRORS_PREFIX));
        assertThat(FailureHeaders.text(rawRecords.get(1).headers(), FailureHeaders.REPLAY_OF))
                .isEqualTo(mapperDlqTopic + "/" + coordinates);
        assertThat(read(SinkTopics.of(topics).inventoryDlqResolved.name()))
                .extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly(mapperDlqTopic + "/" + coordinates);
    }
}
