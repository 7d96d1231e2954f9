package io.vendsync.mapper;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.runtime.CommonConfig;
import io.vendsync.runtime.ConfigSource;
import io.vendsync.runtime.TopicProvisioner;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.schemas.raw.Op;
import io.vendsync.schemas.raw.VendChange;
import io.vendsync.schemas.serde.SerdeFactory;
import io.vendsync.testkit.kafka.KafkaFixture;
import io.vendsync.testkit.kafka.TestInput;
import io.vendsync.testkit.kafka.TopicProbe;
import io.vendsync.testkit.process.AppProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Kubernetes does to the mapper pod on every rollout and drain: SIGTERM, then SIGKILL after the grace period. The
 * mapper runs as its own JVM ({@code MapperApp.main}, the pod's entry point, with its shutdown hook) and gets SIGTERM
 * while stock changes keep arriving. It must exit well within the grace period, and a restarted mapper (same
 * application id and state directory, as the pod's volume keeps it) must give every Vend inventory record its
 * canonical level: nothing the first one had read but not committed is lost.
 */
@Timeout(360)
class MapperSigtermTest {

    private static final int OUTLETS = 2;
    private static final int PRODUCTS = 80;
    /** The pods' terminationGracePeriodSeconds is 60; the mapper closes its topologies within 30 s together. */
    private static final Duration GRACE = Duration.ofSeconds(45);
    private static final Duration WAIT = Duration.ofSeconds(120); // generous: a loaded 2-core machine took 100 s to start six topologies

    private final KafkaFixture kafka = KafkaFixture.shared();
    private final String prefix = "msigterm" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final Topics topics = new Topics(prefix, SerdeFactory.singleObject());
    private AppProcess child;
    private MapperApp.Handle restarted;

    @TempDir
    Path stateDir;

    @AfterEach
    void tearDown() {
        if (child != null) {
            child.close();
        }
        if (restarted != null) {
            restarted.close();
        }
    }

    @Test
    void shouldLoseNoInventoryRecordWhenSigtermArrivesWhileMapping() throws Exception {
        final Map<String, String> settings = settings();
        final Properties admin = new Properties();
        admin.put("bootstrap.servers", kafka.bootstrapServers());
        TopicProvisioner.ensure(admin, topics, 2, (short) 1);

        // Outlets, products and the first stock of each product in the first outlet, before the mapper starts.
        final Map<String, Long> expected = new ConcurrentHashMap<>();
        try (TestInput<String, byte[]> producer = producer()) {
            for (int o = 0; o < OUTLETS; o++) {
                send(producer, topics.rawOutlets.name(), outlet(o), change("outlets", MapperDriver.outletJson(outlet(o), "Outlet " + o, 10 + o, null), 10 + o));
            }
            for (int p = 0; p < PRODUCTS; p++) {
                send(producer, topics.rawProducts.name(), product(p), change("products", MapperDriver.productJson(product(p), "SIG-" + p, 100 + p), 100 + p));
            }
            for (int p = 0; p < PRODUCTS; p++) {
                sendInventory(producer, 0, p, expected);
            }
        }

        child = AppProcess.start("mapper", MapperApp.class, settings, ConfigSource::environmentVariable);
        final Path log = child.log();
        AppProcess.await("the mapper's first canonical level; its log: " + log,
                () -> !child.isAlive() || !canonical().isEmpty(), WAIT);
        assertThat(child.isAlive()).as("the mapper runs until SIGTERM; its log: %s", log).isTrue();

        // Stock of the second outlet keeps arriving, before, during and after the SIGTERM.
        final CompletableFuture<Void> arrivals = CompletableFuture.runAsync(() -> {
            try (TestInput<String, byte[]> producer = producer()) {
                for (int p = 0; p < PRODUCTS; p++) {
                    sendInventory(producer, 1, p, expected);
                    Thread.sleep(60);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        AppProcess.await("some of the second outlet mapped", () -> canonical().values().stream()
                .anyMatch(level -> level.getVendOutletId().equals(outlet(1))), WAIT);
        final AppProcess.Stop stop = child.terminate(GRACE);
        final int mappedAtSigterm = canonical().size();
        assertThat(stop.exited()).as("exited within %s; its log: %s", GRACE, log).isTrue();
        assertThat(stop.exitValue()).as("the JVM's exit on SIGTERM after its shutdown hook, not a failure; its log: %s", log)
                .isEqualTo(AppProcess.SIGTERM_EXIT);
        assertThat(child.logText()).as("the shutdown hook ran").contains("SIGTERM: closing the mapper");
        System.out.printf("mapper stopped %d ms after SIGTERM, %d of %d levels mapped by then%n", stop.took().toMillis(),
                mappedAtSigterm, OUTLETS * PRODUCTS);
        arrivals.get(60, TimeUnit.SECONDS);
        assertThat(mappedAtSigterm).as("SIGTERM came while there was still work").isLessThan(expected.size());

        // A new pod, same application id and state directory: every inventory record gets its canonical level.
        final long restart = System.nanoTime();
        restarted = MapperApp.start(new MapperConfig(settings));
        AppProcess.await("a canonical level for each of " + expected.size() + " inventory records", () -> {
            final Map<String, InventoryLevel> now = canonical();
            return expected.entrySet().stream().allMatch(e -> now.containsKey(e.getKey())
                    && now.get(e.getKey()).getQuantity() == e.getValue());
        }, WAIT);
        System.out.printf("restarted mapper caught up in %d ms%n", Duration.ofNanos(System.nanoTime() - restart).toMillis());
        assertThat(TopicProbe.readAll(kafka.bootstrapServers(), MapperTopics.of(topics).dlq.name(), new StringDeserializer(),
                new StringDeserializer())).as("nothing dead-lettered").isEmpty();
    }

    private Map<String, String> settings() {
        final Map<String, String> settings = new HashMap<>();
        settings.put(CommonConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        settings.put(CommonConfig.TOPIC_PREFIX, prefix);
        settings.put(CommonConfig.TOPIC_PARTITIONS, "2");
        settings.put(CommonConfig.MANAGEMENT_PORT, "-1");
        settings.put(MapperConfig.APPLICATION_ID, prefix + "mapper");
        settings.put(MapperConfig.STATE_DIR, stateDir.toString());
        settings.put(MapperConfig.COMMIT_INTERVAL_MS, "200");
        return settings;
    }

    /** The latest canonical level per Vend inventory id, as a read_committed consumer sees them. */
    private Map<String, InventoryLevel> canonical() {
        final Map<String, InventoryLevel> byInventoryId = new HashMap<>();
        for (final ConsumerRecord<String, InventoryLevel> record : TopicProbe.readAll(kafka.bootstrapServers(),
                topics.canonicalInventory.name(), new StringDeserializer(), topics.canonicalInventory.valueSerde().deserializer())) {
            byInventoryId.put(record.value().getVendInventoryId(), record.value());
        }
        return byInventoryId;
    }

    private void sendInventory(final TestInput<String, byte[]> producer, final int outlet, final int product,
                               final Map<String, Long> expected) {
        final String id = "inv-" + outlet + "-" + product;
        final long level = 7L * product + outlet + 1;
        final long version = 1_000 + outlet * PRODUCTS + product;
        send(producer, topics.rawInventory.name(), id,
                change("inventory", MapperDriver.inventoryJson(id, product(product), outlet(outlet), level, version), version));
        expected.put(id, level);
    }

    private void send(final TestInput<String, byte[]> producer, final String topic, final String key, final VendChange change) {
        producer.send(topic, key, topics.rawInventory.valueSerde().serializer().serialize(topic, change));
    }

    private static VendChange change(final String entity, final String after, final long version) {
        return MapperDriver.change(Op.u, entity, after, version, System.currentTimeMillis());
    }

    private TestInput<String, byte[]> producer() {
        return TestInput.open(kafka.bootstrapServers(), new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer());
    }

    private static String outlet(final int index) {
        return "outlet-" + index;
    }

    private static String product(final int index) {
        return "product-" + index;
    }
}
