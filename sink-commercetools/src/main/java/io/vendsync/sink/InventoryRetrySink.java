package io.vendsync.sink;

import io.vendsync.sink.internals.RecordProcessor;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retry loop: one consumer (its own group) subscribed to every retry tier. A record is re-applied once its
 * {@value FailureHeaders#RETRY_DUE_MS} has passed; until then its partition is sought back to it and paused, and
 * resumed when due, so the loop keeps polling (well inside {@code max.poll.interval.ms}) and never sleeps. Within
 * a tier every record waits the same delay, so due times rise along a partition and one paused record never
 * holds back one that is due earlier. A record that fails again goes to the next tier, after the last to the DLQ;
 * one found older than what commercetools holds is counted as superseded. Offsets are committed like the main
 * loop's: only after the routed copies are acknowledged.
 */
public final class InventoryRetrySink implements Runnable, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryRetrySink.class);

    private final Consumer<byte[], byte[]> consumer;
    private final Duration pollTimeout;
    private final RecordProcessor processor;
    private final LongSupplier clock;
    /** Paused partitions and when their first waiting record is due. Only touched on the loop thread. */
    private final Map<TopicPartition, Long> dueAt = new HashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closing;
    private volatile boolean running;
    private volatile Throwable failure;

    public InventoryRetrySink(final SinkConfig config, final RecordProcessor processor) {
        this(new KafkaConsumer<>(InventorySink.consumerProperties(config, config.retryGroupId()), new ByteArrayDeserializer(),
                new ByteArrayDeserializer()), Duration.ofMillis(config.pollTimeoutMs()), processor, System::currentTimeMillis);
    }

    public InventoryRetrySink(final Consumer<byte[], byte[]> consumer, final Duration pollTimeout, final RecordProcessor processor,
                              final LongSupplier clock) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.pollTimeout = Objects.requireNonNull(pollTimeout, "pollTimeout");
        this.processor = Objects.requireNonNull(processor, "processor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void run() {
        running = true;
        final List<String> topics = processor.router().retryTopics();
        try {
            if (topics.isEmpty()) {
                LOG.info("No retry tiers configured; the retry loop has nothing to do");
                return;
            }
            consumer.subscribe(topics, new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(final Collection<TopicPartition> partitions) {
                    dueAt.keySet().removeAll(partitions);
                }

                @Override
                public void onPartitionsAssigned(final Collection<TopicPartition> partitions) {
                    // New partitions start unpaused; a record not yet due pauses its partition again.
                }
            });
            LOG.info("Sink retry loop consuming {}", topics);
            while (!closing) {
                resumeDuePartitions();
                processBatch(consumer.poll(nextPollTimeout()));
            }
        } catch (WakeupException e) {
            if (!closing) {
                fail("Kafka consumer woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            fail("Sink retry loop stopped with the current batch uncommitted (a restart reads it again): " + e.getMessage(), e);
        } finally {
            try {
                consumer.close();
            } catch (RuntimeException e) {
                LOG.warn("Cannot close the retry consumer cleanly: {}", e.toString());
            }
            running = false;
            stopped.countDown();
        }
    }

    private void resumeDuePartitions() {
        final long now = clock.getAsLong();
        final Set<TopicPartition> due = new HashSet<>();
        dueAt.forEach((partition, at) -> {
            if (at <= now) {
                due.add(partition);
            }
        });
        if (!due.isEmpty()) {
            consumer.resume(due);
            dueAt.keySet().removeAll(due);
        }
    }

    /** Not longer than the configured poll timeout, nor past the next due record. */
    private Duration nextPollTimeout() {
        final long now = clock.getAsLong();
        final long next = dueAt.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
        return Duration.ofMillis(Math.max(1, Math.min(pollTimeout.toMillis(), next - now)));
    }

    private void processBatch(final ConsumerRecords<byte[], byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        final Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (final ConsumerRecord<byte[], byte[]> record : records) {
            final TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (dueAt.containsKey(partition)) {
                continue; // sought back to an earlier waiting record; this one is fetched again after it
            }
            final int tier = processor.router().tierOf(record.topic());
            final long due = FailureHeaders.number(record.headers(), FailureHeaders.RETRY_DUE_MS)
                    .orElse(record.timestamp() + processor.router().delayMs(tier));
            if (due > clock.getAsLong()) {
                consumer.seek(partition, record.offset());
                consumer.pause(List.of(partition));
                dueAt.put(partition, due);
                continue;
            }
            processor.process(record, tier);
            done.put(partition, new OffsetAndMetadata(record.offset() + 1));
        }
        processor.router().awaitSent();
        if (!done.isEmpty()) {
            consumer.commitSync(done);
        }
    }

    private void fail(final String message, final Throwable cause) {
        failure = cause;
        LOG.error(message, cause);
    }

    /** Why the loop stopped on its own; empty while it runs or after a clean {@link #close()}. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    public boolean isRunning() {
        return running;
    }

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
                LOG.warn("Sink retry loop did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
