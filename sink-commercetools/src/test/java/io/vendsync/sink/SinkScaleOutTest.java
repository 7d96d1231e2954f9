package io.vendsync.sink;

import static io.vendsync.sink.internals.MockProject.level;
import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.runtime.CommonConfig;
import io.vendsync.runtime.TopicProvisioner;
import io.vendsync.schemas.Keys;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.schemas.serde.SerdeFactory;
import io.vendsync.sink.internals.CanonicalWriter;
import io.vendsync.sink.internals.FailureClassifier;
import io.vendsync.sink.internals.FailureRouter;
import io.vendsync.sink.internals.RecordProcessor;
import io.vendsync.sink.internals.TopicHandler;
import io.vendsync.testkit.kafka.KafkaFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Replicas of the sink in one consumer group on the real broker: they split the partitions of the canonical topic,
 * and across rebalances (a third joins, one leaves) every record is applied, in order per key, none lost and none
 * applied by two instances at once. A ledger writer stands in for commercetools, so only the loop is under test.
 */
@Timeout(90)
class SinkScaleOutTest {

    private static final int PARTITIONS = 6;
    private static final int KEYS = 36;
    private static final int VERSIONS = 40;

    private final KafkaFixture kafka = KafkaFixture.shared();
    private final String prefix = "scale" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final Topics topics = new Topics(prefix, SerdeFactory.singleObject());
    private final Ledger ledger = new Ledger();
    private final List<CanonicalSink> sinks = new ArrayList<>();

    @AfterEach
    void stopSinks() throws InterruptedException {
        for (final CanonicalSink sink : sinks) {
            sink.close();
            sink.awaitTermination(Duration.ofSeconds(30));
        }
    }

    @Test
    void shouldSplitPartitionsAndApplyEveryRecordOnceInKeyOrderAcrossRebalances() throws Exception {
        final Properties admin = new Properties();
        admin.put("bootstrap.servers", kafka.bootstrapServers());
        TopicProvisioner.ensure(admin, List.of(topics.canonicalInventory), PARTITIONS, (short) 1);
        final List<InventoryLevel> levels = new ArrayList<>();
        for (int version = 1; version <= VERSIONS; version++) {
            for (int key = 0; key < KEYS; key++) {
                levels.add(level("main", "SKU-" + key, version, version));
            }
        }
        final int half = levels.size() / 2;

        final CanonicalSink a = start("a");
        final CanonicalSink b = start("b");
        // b is in only after the rebalance that gave both their share, so from here each applies its own partitions.
        await("both replicas in the group", () -> a.joined() && b.joined());
        produce(levels.subList(0, half));
        await("the first half applied", () -> ledger.total() >= half);
        final Set<Integer> ofA = ledger.partitions("a");
        final Set<Integer> ofB = ledger.partitions("b");

        final int quarter = half / 2;
        produce(levels.subList(half, half + quarter / 2));
        final CanonicalSink c = start("c"); // a third joins while records are being applied
        await("the third replica in the group", c::joined);
        produce(levels.subList(half + quarter / 2, half + quarter));
        await("the third replica applying", () -> ledger.byInstance("c") > 0);
        produce(levels.subList(half + quarter, levels.size()));
        a.close(); // and one leaves while records are being applied
        assertThat(a.awaitTermination(Duration.ofSeconds(30))).isTrue();
        await("every record applied", () -> ledger.total() >= levels.size());
        Thread.sleep(500); // a record applied twice would show up by now

        assertThat(ofA).as("partitions of a").isNotEmpty().doesNotContainAnyElementsOf(ofB);
        assertThat(ofB).as("partitions of b").isNotEmpty();
        assertThat(ofA.size() + ofB.size()).as("partitions of a and b").isEqualTo(PARTITIONS);
        assertThat(ledger.overlaps.get()).as("applies of one key by two at once").isZero();
        final List<Long> every = LongStream.rangeClosed(1, VERSIONS).boxed().toList();
        assertThat(ledger.versions).hasSize(KEYS)
                .allSatisfy((key, versions) -> assertThat(versions).as(key).isEqualTo(every));
        assertThat(b.isRunning() && c.isRunning()).isTrue();
    }

    private CanonicalSink start(final String instance) {
        final Map<String, String> settings = new HashMap<>();
        settings.put(CommonConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        settings.put(CommonConfig.TOPIC_PREFIX, prefix);
        settings.put(SinkConfig.CT_PROJECT_KEY, "unused");
        settings.put(SinkConfig.CT_CLIENT_ID, "unused");
        settings.put(SinkConfig.CT_CLIENT_SECRET, "unused");
        settings.put(SinkConfig.CT_AUTH_URL, "http://127.0.0.1:1/oauth/token");
        settings.put(SinkConfig.CT_API_URL, "http://127.0.0.1:1");
        settings.put(SinkConfig.SINK_POLL_TIMEOUT_MS, "100");
        settings.put(SinkConfig.SINK_CONCURRENCY, "4");
        final SinkConfig config = new SinkConfig(settings);
        final FailureRouter router = new FailureRouter(new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()),
                List.of(prefix + "retry.sink.inventory.1"), List.of(60_000L), SinkTopics.of(topics).inventoryDlq.name(), System::currentTimeMillis);
        final RecordProcessor processor = new RecordProcessor(List.of(TopicHandler.of(topics.canonicalInventory, ledger.writer(instance))),
                new SinkStatistics(), new FailureClassifier(), router);
        final CanonicalSink sink = new CanonicalSink(config, "Sink " + instance, prefix + "sink", processor);
        sinks.add(sink);
        final Thread thread = new Thread(sink, "scale-out-" + instance);
        thread.setDaemon(true);
        thread.start();
        return sink;
    }

    private void produce(final List<InventoryLevel> levels) {
        final Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        // One batch in flight per partition: on a topic created a moment ago the first batch can be refused
        // (NOT_LEADER_OR_FOLLOWER) while the next is already accepted, and the idempotent producer then retried
        // OutOfOrderSequenceException until the test timed out (seen once in CI).
        props.put("max.in.flight.requests.per.connection", "1");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (final InventoryLevel level : levels) {
                producer.send(new ProducerRecord<>(topics.canonicalInventory.name(), key(level),
                        topics.canonicalInventory.valueSerde().serializer().serialize(topics.canonicalInventory.name(), level)));
            }
            producer.flush();
        }
    }

    private static byte[] key(final InventoryLevel level) {
        return Keys.inventory(level.getChannelKey(), level.getSku()).getBytes(StandardCharsets.UTF_8);
    }

    private static void await(final String what, final BooleanSupplier condition) throws InterruptedException {
        final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** What every replica applied, per key in the order applied, and whether two ever applied one key at once. */
    private static final class Ledger {

        final Map<String, List<Long>> versions = new ConcurrentHashMap<>();
        final AtomicInteger overlaps = new AtomicInteger();
        private final Map<String, AtomicInteger> active = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> appliedBy = new ConcurrentHashMap<>();
        /** Partitions of the keys each replica applied. */
        private final Map<String, Set<Integer>> partitionsBy = new ConcurrentHashMap<>();
        private final AtomicInteger total = new AtomicInteger();

        int total() {
            return total.get();
        }

        int byInstance(final String instance) {
            return appliedBy.getOrDefault(instance, new AtomicInteger()).get();
        }

        Set<Integer> partitions(final String instance) {
            return Set.copyOf(partitionsBy.getOrDefault(instance, Set.of()));
        }

        /** Records of one key are events here (never superseded), so every record is applied. */
        CanonicalWriter<InventoryLevel> writer(final String instance) {
            return ConcurrentSinkTest.writer(record -> {
                final String key = new String(key(record), StandardCharsets.UTF_8);
                if (active.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(3)); // a request's worth of time, for overlaps to show
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                versions.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(record.getSourceVersion());
                partitionsBy.computeIfAbsent(instance, i -> ConcurrentHashMap.newKeySet())
                        .add(Utils.toPositive(Utils.murmur2(key(record))) % PARTITIONS);
                appliedBy.computeIfAbsent(instance, i -> new AtomicInteger()).incrementAndGet();
                active.get(key).decrementAndGet();
                total.incrementAndGet();
            });
        }
    }
}
