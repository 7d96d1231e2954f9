package io.vendsync.sink;

import static io.vendsync.sink.internals.MockProject.level;
import static io.vendsync.sink.internals.MockProject.sourceVersion;
import static org.assertj.core.api.Assertions.assertThat;

import com.commercetools.api.models.inventory.InventoryEntry;
import io.vendsync.runtime.CommonConfig;
import io.vendsync.runtime.TopicProvisioner;
import io.vendsync.schemas.FailureHeaders;
import io.vendsync.schemas.Keys;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.schemas.serde.SerdeFactory;
import io.vendsync.sink.internals.MockProject;
import io.vendsync.testkit.fault.FaultProxy;
import io.vendsync.testkit.fault.FaultRule;
import io.vendsync.testkit.kafka.KafkaFixture;
import io.vendsync.testkit.kafka.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sink's failure path on a real broker and the commercetools mock, with faults injected by a proxy in front
 * of the mock's API (the token endpoint is reached directly). Retry tiers are 200 ms and 500 ms here.
 */
@Timeout(90)
class SinkFailurePathTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final KafkaFixture kafka = KafkaFixture.shared();
    private final String prefix = "sinkfail" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final Topics topics = new Topics(prefix, SerdeFactory.singleObject());
    private MockProject project;
    private FaultProxy proxy;
    private SinkApp.Handle sink;

    @BeforeEach
    void setUp() {
        project = new MockProject();
        proxy = FaultProxy.start(project.mock.apiUrl());
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
        proxy.close();
        project.close();
    }

    private void startSink(final String retryDelays) {
        final Map<String, String> settings = new HashMap<>();
        settings.put(CommonConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        settings.put(CommonConfig.TOPIC_PREFIX, prefix);
        settings.put(SinkConfig.CT_PROJECT_KEY, project.mock.projectKey());
        settings.put(SinkConfig.CT_CLIENT_ID, project.mock.clientId());
        settings.put(SinkConfig.CT_CLIENT_SECRET, project.mock.clientSecret());
        settings.put(SinkConfig.CT_AUTH_URL, project.mock.authUrl());
        settings.put(SinkConfig.CT_API_URL, proxy.url());
        settings.put(SinkConfig.SINK_GROUP_ID, prefix + "sink");
        settings.put(SinkConfig.SINK_POLL_TIMEOUT_MS, "100");
        settings.put(SinkConfig.SINK_RETRY_DELAYS_MS, retryDelays);
        final SinkConfig config = new SinkConfig(settings);
        SinkApp.ensureTopics(config);
        sink = SinkApp.start(config);
    }

    private byte[] valueBytes(final InventoryLevel level) {
        return topics.canonicalInventory.valueSerde().serializer().serialize(topics.canonicalInventory.name(), level);
    }

    private static byte[] keyBytes(final InventoryLevel level) {
        return Keys.inventory(level.getChannelKey(), level.getSku()).getBytes(StandardCharsets.UTF_8);
    }

    private void produce(final List<ProducerRecord<byte[], byte[]>> records) {
        final Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            records.forEach(producer::send);
            producer.flush();
        }
    }

    private void produce(final InventoryLevel... levels) {
        produce(java.util.Arrays.stream(levels)
                .map(l -> new ProducerRecord<>(topics.canonicalInventory.name(), keyBytes(l), valueBytes(l))).toList());
    }

    private List<ConsumerRecord<byte[], byte[]>> dlq() {
        return TopicProbe.readAll(kafka.bootstrapServers(), SinkTopics.of(topics).inventoryDlq.name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private List<ConsumerRecord<byte[], byte[]>> awaitDlq(final int count) throws InterruptedException {
        return TopicProbe.await(kafka.bootstrapServers(), SinkTopics.of(topics).inventoryDlq.name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer(), records -> records.size() >= count, WAIT);
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

    private Long quantity(final String sku) {
        final List<InventoryEntry> entries = project.entries(sku);
        return entries.size() == 1 ? entries.get(0).getQuantityOnStock() : null;
    }

    private static String header(final ConsumerRecord<byte[], byte[]> record, final String name) {
        return FailureHeaders.text(record.headers(), name);
    }

    @Test
    void shouldRetryTransientFailuresAndLandEveryRecord() throws Exception {
        // Half of the inventory writes are throttled (4 at most) and the first inventory read gets no answer: at most
        // 5 failures, fewer than the 6 attempts 5 tiers give one record, so every record must land.
        final FaultRule throttled = proxy.inject(FaultRule.status(429).method("POST").pathContains("/inventory")
                .fraction(0.5, 7).times(4));
        final FaultRule dropped = proxy.inject(FaultRule.hangThenDrop(Duration.ofMillis(200)).method("GET")
                .pathContains("/inventory").times(1));
        startSink("100,200,200,300,300");
        final InventoryLevel[] levels = new InventoryLevel[12];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = level("main", "SKU-" + i, 10L * i + 1, 1);
        }
        produce(levels);

        await("every record in commercetools", () -> {
            for (final InventoryLevel level : levels) {
                if (!Long.valueOf(level.getQuantity()).equals(quantity(level.getSku()))) {
                    return false;
                }
            }
            return true;
        });

        // The entry is visible in commercetools a moment before the sink counts the create that made it.
        await("every create counted", () -> sink.statistics().created() >= levels.length);
        assertThat(throttled.hits()).isPositive();
        assertThat(dropped.hits()).isEqualTo(1);
        assertThat(sink.statistics().retried()).isPositive();
        assertThat(sink.statistics().created()).isEqualTo(levels.length);
        assertThat(sink.statistics().failed()).isZero();
        assertThat(dlq()).isEmpty();
        assertThat(sink.isRunning()).isTrue();
    }

    @Test
    void shouldDeadLetterPermanentFailuresWithReadableHeaders() throws Exception {
        proxy.inject(FaultRule.status(400, "{\"statusCode\":400,\"message\":\"Request body does not contain valid JSON.\","
                + "\"errors\":[{\"code\":\"InvalidInput\",\"message\":\"quantityOnStock: bad\"}]}").method("POST")
                .pathContains("/inventory").bodyContains("SKU-BAD"));
        // Throttled for good: transient, so it goes through both retry tiers before the DLQ.
        proxy.inject(FaultRule.status(429).method("POST").pathContains("/inventory").bodyContains("SKU-THROTTLED"));
        startSink("200,500");
        final InventoryLevel bad = level("main", "SKU-BAD", 3, 41);
        produce(level("main", "SKU-OK-1", 1, 1), bad, level("main", "SKU-OK-2", 2, 1), level("main", "SKU-THROTTLED", 4, 7));

        final List<ConsumerRecord<byte[], byte[]>> dead = awaitDlq(2);
        await("the good records", () -> Long.valueOf(2).equals(quantity("SKU-OK-2")) && Long.valueOf(1).equals(quantity("SKU-OK-1")));

        assertThat(dead).hasSize(2);
        final ConsumerRecord<byte[], byte[]> permanent = dead.get(0);
        assertThat(permanent.key()).isEqualTo(keyBytes(bad));
        assertThat(permanent.value()).isEqualTo(valueBytes(bad));
        assertThat(header(permanent, FailureHeaders.ERROR_KIND)).isEqualTo("permanent");
        assertThat(header(permanent, FailureHeaders.ERROR_CLASS)).endsWith("BadRequestException");
        assertThat(header(permanent, FailureHeaders.ERROR_MESSAGE)).contains("main/SKU-BAD@41");
        assertThat(header(permanent, FailureHeaders.ERROR_HTTP_STATUS)).isEqualTo("400");
        assertThat(header(permanent, FailureHeaders.ERROR_CT_CODE)).isEqualTo("InvalidInput");
        assertThat(header(permanent, FailureHeaders.ERROR_CT_BODY)).contains("quantityOnStock: bad");
        assertThat(header(permanent, FailureHeaders.ORIGINAL_TOPIC)).isEqualTo(topics.canonicalInventory.name());
        assertThat(header(permanent, FailureHeaders.ORIGINAL_PARTITION)).isEqualTo("0");
        assertThat(header(permanent, FailureHeaders.ORIGINAL_OFFSET)).isEqualTo("1");
        assertThat(header(permanent, FailureHeaders.ATTEMPTS)).isEqualTo("1");
        assertThat(header(permanent, FailureHeaders.ENTITY)).isEqualTo("inventory");
        assertThat(header(permanent, FailureHeaders.SOURCE_VERSION)).isEqualTo("41");
        assertThat(Long.parseLong(header(permanent, FailureHeaders.FIRST_FAILURE_MS)))
                .isEqualTo(Long.parseLong(header(permanent, FailureHeaders.LAST_FAILURE_MS)));

        final ConsumerRecord<byte[], byte[]> exhausted = dead.get(1);
        assertThat(new String(exhausted.key(), StandardCharsets.UTF_8)).isEqualTo("main/SKU-THROTTLED");
        assertThat(header(exhausted, FailureHeaders.ERROR_KIND)).isEqualTo("transient");
        assertThat(header(exhausted, FailureHeaders.ERROR_HTTP_STATUS)).isEqualTo("429");
        assertThat(header(exhausted, FailureHeaders.ATTEMPTS)).isEqualTo("3");
        assertThat(header(exhausted, FailureHeaders.ORIGINAL_OFFSET)).isEqualTo("3");
        assertThat(header(exhausted, FailureHeaders.RETRY_DUE_MS)).isNull();
        assertThat(Long.parseLong(header(exhausted, FailureHeaders.LAST_FAILURE_MS)) - Long.parseLong(header(exhausted,
                FailureHeaders.FIRST_FAILURE_MS))).isGreaterThanOrEqualTo(700);
        assertThat(sink.statistics().failed()).isEqualTo(2);
        assertThat(sink.statistics().retried()).isEqualTo(2);
        assertThat(sink.isRunning()).isTrue();
    }

    @Test
    void shouldRecordSupersededRetryWithoutRegressingQuantity() throws Exception {
        // v1 of SKU-K is throttled once; v2 lands before v1's retry (1 s later) comes back.
        final FaultRule once = proxy.inject(FaultRule.status(429).method("POST").pathContains("/inventory").bodyContains("SKU-K").times(1));
        startSink("1000,2000");
        // Apart, so v1 is applied (and throttled) on its own: in one fetched batch v2 would supersede it without a request.
        produce(level("main", "SKU-K", 5, 1));
        await("v1 throttled", () -> once.hits() == 1);
        produce(level("main", "SKU-K", 9, 2));

        await("the retried v1 to be superseded", () -> sink.statistics().superseded() == 1);

        assertThat(once.hits()).isEqualTo(1);
        final InventoryEntry entry = project.entry("SKU-K");
        assertThat(entry.getQuantityOnStock()).isEqualTo(9L);
        assertThat(sourceVersion(entry)).isEqualTo(2L);
        assertThat(sink.statistics().retried()).isEqualTo(1);
        assertThat(sink.statistics().failed()).isZero();
        assertThat(dlq()).isEmpty();
    }

    @Test
    void shouldDeadLetterUndeserialisableRecordWithOriginalBytes() throws Exception {
        startSink("200,500");
        final byte[] key = "main/SKU-GARBLED".getBytes(StandardCharsets.UTF_8);
        final byte[] garbage = {(byte) 0xC3, 0x01, 'n', 'o', 't', ' ', 'a', 'v', 'r', 'o', (byte) 0xFF};
        final InventoryLevel good = level("main", "SKU-AFTER", 6, 1);
        produce(List.of(new ProducerRecord<>(topics.canonicalInventory.name(), key, garbage),
                new ProducerRecord<>(topics.canonicalInventory.name(), keyBytes(good), valueBytes(good))));

        final List<ConsumerRecord<byte[], byte[]>> dead = awaitDlq(1);
        await("the record after the garbled one", () -> Long.valueOf(6).equals(quantity("SKU-AFTER")));

        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).key()).isEqualTo(key);
        assertThat(dead.get(0).value()).isEqualTo(garbage);
        final Headers headers = dead.get(0).headers();
        assertThat(FailureHeaders.text(headers, FailureHeaders.ERROR_KIND)).isEqualTo("permanent");
        assertThat(FailureHeaders.text(headers, FailureHeaders.ERROR_CLASS)).isNotBlank();
        assertThat(FailureHeaders.text(headers, FailureHeaders.ERROR_MESSAGE)).startsWith("cannot deserialise");
        assertThat(FailureHeaders.text(headers, FailureHeaders.ORIGINAL_OFFSET)).isEqualTo("0");
        assertThat(FailureHeaders.text(headers, FailureHeaders.ENTITY)).isEqualTo("inventory");
        assertThat(FailureHeaders.text(headers, FailureHeaders.SOURCE_VERSION)).isNull();
        assertThat(sink.statistics().undeserialisable()).isEqualTo(1);
        assertThat(sink.statistics().failed()).isEqualTo(1);
        assertThat(sink.isRunning()).isTrue();
    }
}
