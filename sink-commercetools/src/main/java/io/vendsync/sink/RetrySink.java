package io.vendsync.sink;

import io.vendsync.schemas.FailureHeaders;
import io.vendsync.sink.internals.RecordProcessor;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A retry loop: one consumer (its own group) subscribed to every retry tier of one main loop (inventory or catalog). A record is re-applied once its
 * {@value FailureHeaders#RETRY_DUE_MS} has passed; until then its partition is sought back to it and paused, and
 * resumed when due, so the loop keeps polling (well inside {@code max.poll.interval.ms}) and never sleeps. Within
 * a tier every record waits the same delay, so due times rise along a partition and one paused record never
 * holds back one that is due earlier. A record that fails again goes to the next tier, after the last to the DLQ;
 * one found older than what commercetools holds is counted as superseded. Offsets are committed like the main
 * loop's: only after the routed copies are acknowledged.
 */
public final class RetrySink extends ConsumerLoop {

    private static final Logger LOG = LoggerFactory.getLogger(RetrySink.class);

    private final LongSupplier clock;
    /** Paused partitions and when their first waiting record is due. Only touched on the loop thread. */
    private final Map<TopicPartition, Long> dueAt = new HashMap<>();

    /** Subscribes the processor's retry tiers in consumer group {@code groupId}; {@code name} says which loop it is in logs. */
    public RetrySink(final SinkConfig config, final String name, final String groupId, final RecordProcessor processor) {
        this(new KafkaConsumer<>(CanonicalSink.consumerProperties(config, groupId), new ByteArrayDeserializer(),
                new ByteArrayDeserializer()), name, Duration.ofMillis(config.pollTimeoutMs()), processor, System::currentTimeMillis);
    }

    public RetrySink(final Consumer<byte[], byte[]> consumer, final String name, final Duration pollTimeout,
                     final RecordProcessor processor, final LongSupplier clock) {
        super(name, consumer, pollTimeout, processor);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    protected boolean subscribe() {
        final List<String> topics = processor.router().retryTopics();
        if (topics.isEmpty()) {
            LOG.info("No retry tiers configured; {} has nothing to do", name());
            return false;
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
        LOG.info("{} consuming {}", name(), topics);
        return true;
    }

    @Override
    protected ConsumerRecords<byte[], byte[]> poll() {
        resumeDuePartitions();
        return consumer.poll(nextPollTimeout());
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

    @Override
    protected Map<TopicPartition, OffsetAndMetadata> process(final ConsumerRecords<byte[], byte[]> records) {
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
        return done;
    }
}
