package io.vendsync.sink;

import static io.vendsync.sink.internals.MockProject.level;
import static org.assertj.core.api.Assertions.assertThat;

import com.commercetools.api.models.inventory.InventoryEntryChangeQuantityAction;
import com.commercetools.api.models.inventory.InventoryEntryUpdate;
import io.vendsync.schemas.FailureHeaders;
import io.vendsync.schemas.Keys;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.schemas.serde.SerdeFactory;
import io.vendsync.sink.internals.FailureClassifier;
import io.vendsync.sink.internals.FailureRouter;
import io.vendsync.sink.internals.CanonicalWriter;
import io.vendsync.sink.internals.MockProject;
import io.vendsync.sink.internals.RecordProcessor;
import io.vendsync.sink.internals.TopicHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The main loop on a MockConsumer and a MockProducer: a failed record is routed and the loop goes on. */
class CanonicalSinkTest {

    private static final Topics TOPICS = new Topics("test.", SerdeFactory.singleObject());
    private static final String TOPIC = TOPICS.canonicalInventory.name();
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private MockProject project;
    private RecordingConsumer consumer;
    private MockProducer<byte[], byte[]> producer;

    /** MockConsumer forbids reading commits after close; keep them. */
    static final class RecordingConsumer extends MockConsumer<byte[], byte[]> {
        final Map<TopicPartition, OffsetAndMetadata> commits = new ConcurrentHashMap<>();
        volatile boolean wasClosed;

        RecordingConsumer() {
            super("earliest");
        }

        @Override
        public synchronized void commitSync(final Map<TopicPartition, OffsetAndMetadata> offsets) {
            super.commitSync(offsets);
            commits.putAll(offsets);
        }

        @Override
        public synchronized void close() {
            wasClosed = true;
            super.close();
        }
    }

    @BeforeEach
    void setUp() {
        project = new MockProject();
        consumer = new RecordingConsumer();
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void tearDown() {
        project.close();
    }

    private RecordProcessor processor(final CanonicalWriter<InventoryLevel> writer) {
        final FailureRouter router = new FailureRouter(producer, List.of("test.retry.sink.inventory.1"), List.of(60_000L),
                SinkTopics.of(TOPICS).inventoryDlq.name(), System::currentTimeMillis);
        return new RecordProcessor(List.of(TopicHandler.of(TOPICS.canonicalInventory, writer)), writer.statistics(),
                new FailureClassifier(), router);
    }

    private void feed(final InventoryLevel... levels) {
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(PARTITION));
            long offset = 0;
            for (final InventoryLevel level : levels) {
                consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset++,
                        Keys.inventory(level.getChannelKey(), level.getSku()).getBytes(StandardCharsets.UTF_8),
                        TOPICS.canonicalInventory.valueSerde().serializer().serialize(TOPIC, level)));
            }
        });
    }

    @Test
    void shouldRouteAFailedRecordToTheRetryTierAndGoOnCommittingEveryOffset() throws Exception {
        final var writer = project.writer(0);
        // Every update of SKU-1 meets a concurrent change: with 0 conflict retries the record fails transiently.
        final AtomicLong other = new AtomicLong(1000);
        writer.beforeUpdateForTests(entry -> project.direct.inventory().withId(entry.getId())
                .post(InventoryEntryUpdate.builder().version(entry.getVersion())
                        .actions(List.of(InventoryEntryChangeQuantityAction.builder().quantity(other.incrementAndGet()).build())).build())
                .executeBlocking());
        project.writer(0).apply(level("main", "SKU-1", 5, 1));
        feed(level("main", "SKU-2", 6, 1), level("main", "SKU-1", 7, 2), level("main", "SKU-3", 8, 1));

        final CanonicalSink sink = new CanonicalSink(consumer, "Sink", List.of(TOPIC), Duration.ofMillis(50), processor(writer));
        final Thread thread = new Thread(sink);
        thread.start();
        final long deadline = System.currentTimeMillis() + 30_000;
        while (!(consumer.commits.containsKey(PARTITION) && consumer.commits.get(PARTITION).offset() == 3L)
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        sink.close();
        assertThat(sink.awaitTermination(Duration.ofSeconds(30))).isTrue();

        assertThat(sink.failure()).isEmpty();
        assertThat(consumer.commits.get(PARTITION).offset()).isEqualTo(3L);
        assertThat(consumer.wasClosed).isTrue();
        assertThat(project.entry("SKU-3").getQuantityOnStock()).isEqualTo(8L);
        final List<ProducerRecord<byte[], byte[]>> routed = producer.history();
        assertThat(routed).hasSize(1);
        assertThat(routed.get(0).topic()).isEqualTo("test.retry.sink.inventory.1");
        assertThat(new String(routed.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("main/SKU-1");
        assertThat(FailureHeaders.text(routed.get(0).headers(), FailureHeaders.ORIGINAL_OFFSET)).isEqualTo("1");
        assertThat(FailureHeaders.text(routed.get(0).headers(), FailureHeaders.ERROR_KIND)).isEqualTo("transient");
        assertThat(sink.statistics().created()).isEqualTo(2);
        assertThat(sink.statistics().retried()).isEqualTo(1);
        assertThat(sink.statistics().failed()).isZero();
    }

    @Test
    void shouldStopWithTheBatchUncommittedWhenTheFailedRecordCannotBeWritten() throws Exception {
        // The broker never acknowledges the dead letter.
        producer = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer()) {
            @Override
            public synchronized void flush() {
                while (errorNext(new org.apache.kafka.common.errors.TimeoutException("broker gone"))) {
                    // fail every pending send
                }
            }
        };
        final var writer = project.writer(0);
        writer.beforeUpdateForTests(entry -> {
            throw new IllegalStateException("refused");
        });
        project.writer(0).apply(level("main", "SKU-1", 1, 1));
        feed(level("main", "SKU-2", 6, 1), level("main", "SKU-1", 7, 2));

        final CanonicalSink sink = new CanonicalSink(consumer, "Sink", List.of(TOPIC), Duration.ofMillis(50), processor(writer));
        final Thread thread = new Thread(sink);
        thread.start();
        assertThat(sink.awaitTermination(Duration.ofSeconds(30))).isTrue();

        assertThat(sink.failure()).isPresent();
        assertThat(consumer.commits).doesNotContainKey(PARTITION);
        assertThat(producer.history().get(0).topic()).isEqualTo(SinkTopics.of(TOPICS).inventoryDlq.name());
    }
}
