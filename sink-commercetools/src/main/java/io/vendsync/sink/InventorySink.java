package io.vendsync.sink;

import io.vendsync.runtime.CommonConfig;
import io.vendsync.schemas.Topic;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.sink.internals.InventoryWriter;
import io.vendsync.sink.internals.SinkWriteException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop: reads canonical inventory levels and applies each with the {@link InventoryWriter}.
 *
 * <p>At-least-once: auto-commit is off; offsets are committed synchronously after the records before them
 * were applied. Reads {@code read_committed}, starts at the earliest offset for a new group. A record that
 * cannot be applied (after the writer's bounded 409 retries) is not skipped: the loop logs it at ERROR,
 * commits only the records applied before it, counts it as failed and stops, so a restart retries it.
 * TODO(#5): retry topic and dead-letter topic instead of stopping the loop.
 *
 * <p>{@link #close()} may be called from any thread; it wakes the consumer and waits for {@link #run()} to end.
 */
public final class InventorySink implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InventorySink.class);

    private final Consumer<String, InventoryLevel> consumer;
    private final String topic;
    private final Duration pollTimeout;
    private final InventoryWriter writer;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closing;
    private volatile boolean running;
    private volatile Throwable failure;

    public InventorySink(final SinkConfig config, final Topic<String, InventoryLevel> topic, final InventoryWriter writer) {
        this(new KafkaConsumer<>(consumerProperties(config), topic.keySerde().deserializer(), topic.valueSerde().deserializer()),
                topic.name(), Duration.ofMillis(config.pollTimeoutMs()), writer);
    }

    /** With a given consumer (e.g. a MockConsumer in tests). */
    public InventorySink(final Consumer<String, InventoryLevel> consumer, final String topic, final Duration pollTimeout,
                         final InventoryWriter writer) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.pollTimeout = Objects.requireNonNull(pollTimeout, "pollTimeout");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /** The consumer settings the sink relies on; {@code kafka.client.*} pass-through keys cannot override them. */
    public static Properties consumerProperties(final SinkConfig config) {
        final Properties props = CommonConfig.kafkaClientProperties(config);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, config.groupId());
        return props;
    }

    @Override
    public void run() {
        running = true;
        try {
            consumer.subscribe(List.of(topic));
            LOG.info("Sink consuming {}", topic);
            while (!closing) {
                final ConsumerRecords<String, InventoryLevel> records = consumer.poll(pollTimeout);
                if (!applyBatch(records)) {
                    return;
                }
            }
        } catch (WakeupException e) {
            if (!closing) {
                fail("Kafka consumer woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            // e.g. a record that cannot be deserialized: never skipped silently.
            statistics().incrementFailed();
            fail("Sink stopped: " + e.getMessage(), e);
        } finally {
            try {
                consumer.close();
            } catch (RuntimeException e) {
                LOG.warn("Cannot close the Kafka consumer cleanly: {}", e.toString());
            }
            running = false;
            LOG.info("Sink stopped. {}", statistics().reportMessage());
            stopped.countDown();
        }
    }

    /** Applies records in order; false (after committing the applied prefix) when one failed. */
    private boolean applyBatch(final ConsumerRecords<String, InventoryLevel> records) {
        final Map<TopicPartition, OffsetAndMetadata> applied = new HashMap<>();
        for (final ConsumerRecord<String, InventoryLevel> record : records) {
            final TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (record.value() == null) {
                statistics().incrementTombstonesSkipped();
                LOG.warn("Skipping a record without value (key {}, {}@{})", record.key(), partition, record.offset());
            } else {
                try {
                    writer.apply(record.value());
                } catch (SinkWriteException e) {
                    commit(applied);
                    fail("Cannot apply inventory level " + e.correlationId() + " (key " + record.key() + ", " + partition + "@"
                            + record.offset() + "); stopping with its offset uncommitted, a restart retries it", e);
                    return false;
                }
            }
            applied.put(partition, new OffsetAndMetadata(record.offset() + 1));
        }
        commit(applied);
        return true;
    }

    private void commit(final Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
        }
    }

    private void fail(final String message, final Throwable cause) {
        failure = cause;
        LOG.error(message, cause);
    }

    public SinkStatistics statistics() {
        return writer.statistics();
    }

    /** Why the loop stopped on its own; empty while it runs or after a clean {@link #close()}. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    public boolean isRunning() {
        return running;
    }

    /** Waits until {@link #run()} has returned. */
    public boolean awaitTermination(final Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the loop (from any thread) and waits up to 30 s for it to end. */
    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            if (running && !stopped.await(30, TimeUnit.SECONDS)) {
                LOG.warn("Sink loop did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
