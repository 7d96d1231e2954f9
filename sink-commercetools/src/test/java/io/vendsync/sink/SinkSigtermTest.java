package io.vendsync.sink;

import static io.vendsync.sink.internals.MockProject.level;
import static org.assertj.core.api.Assertions.assertThat;

import com.commercetools.api.models.inventory.InventoryEntry;
import io.vendsync.runtime.CommonConfig;
import io.vendsync.runtime.ConfigSource;
import io.vendsync.runtime.TopicProvisioner;
import io.vendsync.schemas.Keys;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.schemas.serde.SerdeFactory;
import io.vendsync.sink.internals.MockProject;
import io.vendsync.testkit.fault.FaultProxy;
import io.vendsync.testkit.fault.FaultRule;
import io.vendsync.testkit.kafka.KafkaFixture;
import io.vendsync.testkit.kafka.TestInput;
import io.vendsync.testkit.kafka.TopicProbe;
import io.vendsync.testkit.process.AppProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What Kubernetes does to a sink pod on every rollout and drain: SIGTERM, then SIGKILL after the grace period. The
 * sink runs as its own JVM ({@code SinkApp.main}, the pod's entry point, with its shutdown hook) and gets SIGTERM while
 * writes to commercetools are in flight (the first ones hang in a proxy, then drop). It must exit well within the
 * grace period, commit no record it has not applied or parked on a retry tier, and a restarted sink must bring
 * commercetools to every level exactly once.
 */
@Timeout(150)
class SinkSigtermTest {

    private static final int LEVELS = 300;
    /** The pods' terminationGracePeriodSeconds is 60; the sink must be done well before. */
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final KafkaFixture kafka = KafkaFixture.shared();
    private final String prefix = "sigterm" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final Topics topics = new Topics(prefix, SerdeFactory.singleObject());
    private final MockProject project = new MockProject();
    private final FaultProxy proxy = FaultProxy.start(project.mock.apiUrl());
    private AppProcess child;
    private SinkApp.Handle restarted;

    @AfterEach
    void tearDown() {
        if (child != null) {
            child.close();
        }
        if (restarted != null) {
            restarted.close();
        }
        proxy.close();
        project.close();
    }

    @Test
    void shouldLoseNothingWhenSigtermArrivesDuringASync() throws Exception {
        final Properties admin = new Properties();
        admin.put("bootstrap.servers", kafka.bootstrapServers());
        TopicProvisioner.ensure(admin, topics, 1, (short) 1);
        TopicProvisioner.ensure(admin, SinkTopics.of(topics).all(), 1, (short) 1);
        // The first writes hang, then their connection drops: at SIGTERM the sink has work in flight for certain.
        final FaultRule hanging = proxy.inject(FaultRule.hangThenDrop(Duration.ofSeconds(3)).method("POST")
                .pathContains("/inventory").times(3));
        final Map<String, String> settings = settings(proxy.url());
        final List<InventoryLevel> levels = new ArrayList<>();
        for (int i = 0; i < LEVELS; i++) {
            levels.add(level("main", "SIGTERM-" + i, 7L * i + 1, 1));
        }
        produce(levels);

        child = AppProcess.start("sink", SinkApp.class, settings, ConfigSource::environmentVariable);
        final Path log = child.log();
        AppProcess.await("a write to commercetools in flight; the sink's log: " + log, () -> hanging.hits() >= 1 || !child.isAlive(), WAIT);
        assertThat(child.isAlive()).as("the sink runs until SIGTERM; its log: %s", log).isTrue();

        final AppProcess.Stop stop = child.terminate(GRACE);
        assertThat(stop.exited()).as("exited within %s; its log: %s", GRACE, log).isTrue();
        assertThat(stop.exitValue()).as("the JVM's exit on SIGTERM after its shutdown hook, not a failure")
                .isEqualTo(AppProcess.SIGTERM_EXIT);
        assertThat(child.logText()).as("a clean stop").contains("commercetools sink closed").doesNotContain("did not stop within");
        System.out.printf("sink stopped %d ms after SIGTERM%n", stop.took().toMillis());

        // Nothing committed that is neither in commercetools nor parked on a retry tier or the DLQ.
        final long committed = committedOffset(settings.get(SinkConfig.SINK_GROUP_ID));
        assertThat(committed).as("the sink commits what it finished before it exits").isPositive();
        final Set<String> parked = parkedKeys(settings);
        final Map<String, Long> applied = quantities();
        // Read back rather than counted: a test input written twice (a send tried again) shifts the offsets.
        for (final ConsumerRecord<String, InventoryLevel> record : TopicProbe.readAll(kafka.bootstrapServers(), topics.canonicalInventory.name(),
                new StringDeserializer(), topics.canonicalInventory.valueSerde().deserializer())) {
            if (record.offset() >= committed) {
                continue;
            }
            final InventoryLevel level = record.value();
            final String key = Keys.inventory(level.getChannelKey(), level.getSku());
            assertThat(parked.contains(key) || Long.valueOf(level.getQuantity()).equals(applied.get(level.getSku())))
                    .as("record %d (%s) was committed, so it must be applied or on a retry tier", record.offset(), key).isTrue();
        }

        // A new pod picks up what the old one left: every level lands, once.
        restarted = SinkApp.start(new SinkConfig(settings(project.mock.apiUrl())));
        AppProcess.await("every level in commercetools", () -> {
            final Map<String, Long> now = quantities();
            return levels.stream().allMatch(level -> Long.valueOf(level.getQuantity()).equals(now.get(level.getSku())));
        }, WAIT);
        assertThat(project.direct.inventory().get().withLimit(500).executeBlocking().getBody().getResults())
                .as("one entry per level, none written twice").hasSize(LEVELS);
        assertThat(TopicProbe.readAll(kafka.bootstrapServers(), SinkTopics.of(topics).inventoryDlq.name(), new StringDeserializer(),
                new StringDeserializer())).isEmpty();
    }

    private Map<String, String> settings(final String apiUrl) {
        final Map<String, String> settings = new HashMap<>();
        settings.put(CommonConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        settings.put(CommonConfig.TOPIC_PREFIX, prefix);
        settings.put(CommonConfig.TOPIC_PARTITIONS, "1");
        settings.put(SinkConfig.CT_PROJECT_KEY, project.mock.projectKey());
        settings.put(SinkConfig.CT_CLIENT_ID, project.mock.clientId());
        settings.put(SinkConfig.CT_CLIENT_SECRET, project.mock.clientSecret());
        settings.put(SinkConfig.CT_AUTH_URL, project.mock.authUrl());
        settings.put(SinkConfig.CT_API_URL, apiUrl);
        settings.put(SinkConfig.SINK_GROUP_ID, prefix + "sink");
        settings.put(SinkConfig.SINK_POLL_TIMEOUT_MS, "100");
        settings.put(SinkConfig.SINK_RETRY_DELAYS_MS, "200,500");
        settings.put(SinkConfig.CATALOG_POLL_INTERVAL_MS, "0");
        settings.put(CommonConfig.MANAGEMENT_PORT, "-1");
        return settings;
    }

    private void produce(final List<InventoryLevel> levels) {
        try (TestInput<byte[], byte[]> producer = TestInput.open(kafka.bootstrapServers(), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (final InventoryLevel level : levels) {
                producer.send(topics.canonicalInventory.name(),
                        Keys.inventory(level.getChannelKey(), level.getSku()).getBytes(StandardCharsets.UTF_8),
                        topics.canonicalInventory.valueSerde().serializer().serialize(topics.canonicalInventory.name(), level));
            }
        }
    }

    private long committedOffset(final String group) throws Exception {
        final Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            final OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(topics.canonicalInventory.name(), 0));
            return offset == null ? 0 : offset.offset();
        }
    }

    /** Keys of the records on the inventory retry tiers and DLQ, where a failed write waits safely. */
    private Set<String> parkedKeys(final Map<String, String> settings) {
        final Set<String> keys = new HashSet<>();
        final List<String> parking = new ArrayList<>(SinkApp.retryTopics(topics, new SinkConfig(settings)).stream().map(t -> t.name()).toList());
        parking.add(SinkTopics.of(topics).inventoryDlq.name());
        for (final String topic : parking) {
            TopicProbe.readAll(kafka.bootstrapServers(), topic, new StringDeserializer(), new StringDeserializer()).stream()
                    .map(ConsumerRecord::key).forEach(keys::add);
        }
        return keys;
    }

    /** Every inventory entry of this test's project (its key is unique), by SKU. */
    private Map<String, Long> quantities() {
        final Map<String, Long> bySku = new HashMap<>();
        for (final InventoryEntry entry : project.direct.inventory().get().withLimit(500).executeBlocking().getBody().getResults()) {
            bySku.merge(entry.getSku(), entry.getQuantityOnStock(), (a, b) -> null); // two entries for one SKU: no match
        }
        return bySku;
    }
}
