package io.vendsync.sink;

import static io.vendsync.sink.internals.MockProject.level;
import static org.assertj.core.api.Assertions.assertThat;

import com.commercetools.api.models.inventory.InventoryEntryChangeQuantityAction;
import com.commercetools.api.models.inventory.InventoryEntryUpdate;
import io.vendsync.schemas.Keys;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.sink.internals.InventoryWriter;
import io.vendsync.sink.internals.InventoryWriterHooks;
import io.vendsync.sink.internals.MockProject;
import io.vendsync.sink.internals.SinkWriteException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InventorySinkTest {

    private static final String TOPIC = "test.canonical.inventory.v1";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private MockProject project;
    private RecordingConsumer consumer;

    /** MockConsumer forbids reading commits after close; keep them. */
    static final class RecordingConsumer extends MockConsumer<String, InventoryLevel> {
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
    }

    @AfterEach
    void tearDown() {
        project.close();
    }

    private void feed(final InventoryLevel... levels) {
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(PARTITION));
            long offset = 0;
            for (final InventoryLevel level : levels) {
                consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset++, Keys.inventory(level.getChannelKey(), level.getSku()), level));
            }
        });
    }

    @Test
    void shouldCommitAppliedRecordsAndStopWithTheFailedOneUncommitted() throws Exception {
        final InventoryWriter writer = project.writer(0);
        // Every update of SKU-1 meets a concurrent change: with 0 retries the record fails.
        final AtomicLong other = new AtomicLong(1000);
        InventoryWriterHooks.beforeUpdate(writer, entry -> project.direct.inventory().withId(entry.getId())
                .post(InventoryEntryUpdate.builder().version(entry.getVersion())
                        .actions(List.of(InventoryEntryChangeQuantityAction.builder().quantity(other.incrementAndGet()).build())).build())
                .executeBlocking());
        feed(level("main", "SKU-1", 5, 1), level("main", "SKU-2", 6, 1), level("main", "SKU-1", 7, 2), level("main", "SKU-3", 8, 1));

        final InventorySink sink = new InventorySink(consumer, TOPIC, Duration.ofMillis(50), writer);
        final Thread thread = new Thread(sink);
        thread.start();
        assertThat(sink.awaitTermination(Duration.ofSeconds(30))).isTrue();

        assertThat(sink.failure()).get().isInstanceOf(SinkWriteException.class);
        assertThat(consumer.commits.get(PARTITION).offset()).isEqualTo(2L);
        assertThat(consumer.wasClosed).isTrue();
        assertThat(project.entries("SKU-3")).isEmpty();
        assertThat(sink.statistics().created()).isEqualTo(2);
        assertThat(sink.statistics().failed()).isEqualTo(1);
        assertThat(sink.isRunning()).isFalse();
    }

    @Test
    void shouldCommitWholeBatchAndStopCleanlyOnClose() throws Exception {
        feed(level("main", "SKU-1", 5, 1), level("main", "SKU-1", 5, 1), level("main", "SKU-2", 6, 1));
        final InventorySink sink = new InventorySink(consumer, TOPIC, Duration.ofMillis(50), project.writer(5));
        final Thread thread = new Thread(sink);
        thread.start();
        final long deadline = System.currentTimeMillis() + 30_000;
        while (sink.statistics().processed() < 3 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        sink.close();
        assertThat(sink.awaitTermination(Duration.ofSeconds(30))).isTrue();

        assertThat(sink.failure()).isEmpty();
        assertThat(consumer.commits.get(PARTITION).offset()).isEqualTo(3L);
        assertThat(consumer.wasClosed).isTrue();
        assertThat(sink.statistics().created()).isEqualTo(2);
        assertThat(sink.statistics().unchanged()).isEqualTo(1);
    }
}
