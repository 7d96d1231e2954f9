package io.vendsync.sink;

import static io.vendsync.sink.internals.MockProject.level;
import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.schemas.Keys;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.schemas.serde.SerdeFactory;
import io.vendsync.sink.CanonicalSinkTest.RecordingConsumer;
import io.vendsync.sink.internals.CanonicalWriter;
import io.vendsync.sink.internals.FailureClassifier;
import io.vendsync.sink.internals.FailureRouter;
import io.vendsync.sink.internals.MockProject;
import io.vendsync.sink.internals.RecordProcessor;
import io.vendsync.sink.internals.TopicHandler;
import io.vendsync.sink.internals.WriteOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The main loop with several workers, on a MockConsumer: ordering per key, commits, superseded records, batched reads. */
@Timeout(60)
class ConcurrentSinkTest {

    private static final Topics TOPICS = new Topics("test.", SerdeFactory.singleObject());
    private static final String TOPIC = TOPICS.canonicalInventory.name();
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private final RecordingConsumer consumer = new RecordingConsumer();
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final SinkStatistics statistics = new SinkStatistics();
    private CanonicalSink sink;
    private Thread thread;

    @BeforeEach
    void setUp() {
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (sink != null) {
            sink.close();
            assertThat(sink.awaitTermination(Duration.ofSeconds(30))).isTrue();
        }
    }

    /** Applies each level by calling {@code body}; counts nothing itself, and its records are events (never superseded). */
    static CanonicalWriter<InventoryLevel> writer(final java.util.function.Consumer<InventoryLevel> body) {
        return new CanonicalWriter<>() {
            @Override
            public String entity() {
                return "inventory";
            }

            @Override
            public WriteOutcome apply(final InventoryLevel record) {
                body.accept(record);
                return WriteOutcome.UPDATED;
            }

            @Override
            public long sourceVersion(final InventoryLevel record) {
                return record.getSourceVersion();
            }

            @Override
            public String correlationId(final InventoryLevel record) {
                return Keys.inventory(record.getChannelKey(), record.getSku()) + "@" + record.getSourceVersion();
            }
        };
    }

    private void start(final CanonicalWriter<InventoryLevel> writer, final int concurrency) {
        final FailureRouter router = new FailureRouter(producer, List.of("test.retry.sink.inventory.1"), List.of(60_000L),
                SinkTopics.of(TOPICS).inventoryDlq.name(), System::currentTimeMillis);
        final RecordProcessor processor = new RecordProcessor(List.of(TopicHandler.of(TOPICS.canonicalInventory, writer)), statistics,
                new FailureClassifier(), router);
        sink = new CanonicalSink(consumer, "Sink", List.of(TOPIC), Duration.ofMillis(50), processor, concurrency);
        thread = new Thread(sink);
        thread.start();
    }

    /** One poll's records, at offsets from {@code firstOffset}; the first poll also assigns the partition. */
    private void feed(final long firstOffset, final List<InventoryLevel> levels) {
        consumer.schedulePollTask(() -> {
            if (firstOffset == 0) {
                consumer.rebalance(List.of(PARTITION));
            }
            long offset = firstOffset;
            for (final InventoryLevel level : levels) {
                consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset++,
                        Keys.inventory(level.getChannelKey(), level.getSku()).getBytes(StandardCharsets.UTF_8),
                        TOPICS.canonicalInventory.valueSerde().serializer().serialize(TOPIC, level)));
            }
        });
    }

    private long committed() {
        final var offset = consumer.commits.get(PARTITION);
        return offset == null ? -1 : offset.offset();
    }

    private static void await(final String what, final BooleanSupplier condition) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void shouldCommitOnlyBelowTheLowestUnfinishedOffset() throws Exception {
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> applied = new CopyOnWriteArrayList<>();
        start(writer(level -> {
            if (level.getSku().equals("SLOW")) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            applied.add(level.getSku());
        }), 4);
        feed(0, List.of(level("main", "A", 1, 1), level("main", "SLOW", 1, 1), level("main", "B", 1, 1),
                level("main", "C", 1, 1), level("main", "D", 1, 1)));

        await("the records after the slow one", () -> applied.containsAll(List.of("A", "B", "C", "D")));
        await("a commit of what finished below the slow record", () -> committed() == 1);
        Thread.sleep(300); // further loop turns: offsets 2..4 are done, but must wait for offset 1
        assertThat(committed()).isEqualTo(1);

        release.countDown();
        await("the commit past every record", () -> committed() == 5);
        assertThat(applied).hasSize(5);
    }

    @Test
    void shouldApplyOneKeyInOffsetOrderUnderConcurrency() throws Exception {
        final Map<String, List<Long>> versionsByKey = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> activeByKey = new ConcurrentHashMap<>();
        final AtomicInteger active = new AtomicInteger();
        final AtomicInteger mostActive = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();
        start(writer(level -> {
            final String key = level.getSku();
            if (activeByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            mostActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            try {
                Thread.sleep(ThreadLocalRandom.current().nextInt(4));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            versionsByKey.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(level.getSourceVersion());
            active.decrementAndGet();
            activeByKey.get(key).decrementAndGet();
        }), 8);
        // 6 keys x 30 versions, interleaved, over two polls (a key's records meet across polls too).
        final List<InventoryLevel> levels = new ArrayList<>();
        for (int version = 1; version <= 30; version++) {
            for (int key = 0; key < 6; key++) {
                levels.add(level("main", "K" + key, version, version));
            }
        }
        feed(0, levels.subList(0, 90));
        feed(90, levels.subList(90, 180));

        await("every record applied and committed", () -> committed() == 180);

        final List<Long> expected = java.util.stream.LongStream.rangeClosed(1, 30).boxed().toList();
        assertThat(versionsByKey).hasSize(6).allSatisfy((key, versions) -> assertThat(versions).as(key).isEqualTo(expected));
        assertThat(overlaps.get()).as("applies of one key at once").isZero();
        assertThat(mostActive.get()).as("keys applied at once").isGreaterThan(1);
    }

    @Test
    void shouldApplyOnlyTheNewestRecordOfAKeyInAFetchedBatchAndReadTheBatchInOneQuery() throws Exception {
        try (MockProject project = new MockProject()) {
            final var writer = project.writer(5);
            writer.apply(level("main", "SKU-0", 1, 1)); // the channel exists; later reads need no channel lookup
            project.log.clear();
            final List<InventoryLevel> levels = new ArrayList<>();
            for (int i = 1; i <= 40; i++) {
                levels.add(level("main", "SKU-" + i, i, 1));
            }
            levels.add(level("main", "SKU-1", 100, 2));
            levels.add(level("main", "SKU-1", 101, 3));
            start(writer, 4);
            feed(0, levels);

            await("every record committed", () -> committed() == 42);

            assertThat(project.entry("SKU-1").getQuantityOnStock()).isEqualTo(101L);
            assertThat(MockProject.sourceVersion(project.entry("SKU-1"))).isEqualTo(3L);
            assertThat(project.requests("GET", "/inventory")).as("one batched read of the 40 SKUs").hasSize(1);
            assertThat(project.requests("POST", "/inventory")).as("one create per SKU, none for superseded records").hasSize(40);
            assertThat(writer.statistics().created()).isEqualTo(41); // with the first apply above
            assertThat(writer.statistics().superseded()).isEqualTo(2);
            assertThat(writer.statistics().processed()).isEqualTo(43); // with the first apply above
        }
    }
}
