package io.vendsync.sink;

import io.vendsync.runtime.CommonConfig;
import io.vendsync.sink.internals.RecordProcessor;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A main consumer loop: reads one or more canonical topics as raw bytes (inventory in one loop, the catalog
 * topics in another) and hands each record to the {@link RecordProcessor}, which applies it or routes it to a
 * retry tier or the dead-letter topic. The loop goes on after a failed record.
 *
 * <p>At-least-once: auto-commit is off; after each batch the routed copies are awaited and only then the
 * offsets committed, so a record is never committed before it is applied or safely written elsewhere. If that
 * write fails the loop stops with the batch uncommitted ({@link #failure()}), so a restart reads it again.
 * Reads {@code read_committed}, starts at the earliest offset for a new group.
 *
 * <p>{@link #close()} may be called from any thread; it wakes the consumer and waits for {@link #run()} to end.
 */
public final class CanonicalSink extends ConsumerLoop {

    private static final Logger LOG = LoggerFactory.getLogger(CanonicalSink.class);

    private final List<String> topics;

    /** Subscribes the processor's topics in consumer group {@code groupId}; {@code name} says which loop it is in logs. */
    public CanonicalSink(final SinkConfig config, final String name, final String groupId, final RecordProcessor processor) {
        this(new KafkaConsumer<>(consumerProperties(config, groupId), new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                name, processor.topics(), Duration.ofMillis(config.pollTimeoutMs()), processor);
    }

    /** With a given consumer (e.g. a MockConsumer in tests). */
    public CanonicalSink(final Consumer<byte[], byte[]> consumer, final String name, final List<String> topics,
                         final Duration pollTimeout, final RecordProcessor processor) {
        super(name, consumer, pollTimeout, processor);
        this.topics = List.copyOf(topics);
    }

    /** The consumer settings the sink relies on; {@code kafka.client.*} pass-through keys cannot override them. */
    public static Properties consumerProperties(final SinkConfig config, final String groupId) {
        final Properties props = CommonConfig.kafkaClientProperties(config);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        return props;
    }

    @Override
    protected boolean subscribe() {
        consumer.subscribe(topics);
        LOG.info("{} consuming {}", name(), topics);
        return true;
    }

    @Override
    protected Map<TopicPartition, OffsetAndMetadata> process(final ConsumerRecords<byte[], byte[]> records) {
        final Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (final ConsumerRecord<byte[], byte[]> record : records) {
            processor.process(record, 0);
            done.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        return done;
    }

    @Override
    protected void afterStop() {
        LOG.info("{} stopped. {}", name(), statistics().reportMessage());
    }

    public SinkStatistics statistics() {
        return processor.statistics();
    }
}
