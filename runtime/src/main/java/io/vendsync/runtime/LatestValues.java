package io.vendsync.runtime;

import io.vendsync.schemas.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The current value per key of a compacted topic, read once from the beginning to the end offsets it had when the
 * read began (committed records only; a tombstone removes its key). No consumer group: nothing is committed.
 */
public final class LatestValues {

    private LatestValues() {
    }

    /** Every live key and its latest value; empty when the topic does not exist. */
    public static <K, V> Map<K, V> read(final Properties clientProperties, final Topic<K, V> topic, final Duration timeout) {
        final Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        final Map<K, V> values = new HashMap<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                return values;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            final long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot read " + topic.name() + " to its end within " + timeout);
                }
                for (final ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    if (record.value() == null) {
                        values.remove(record.key());
                    } else {
                        values.put(record.key(), record.value());
                    }
                }
            }
        }
        return values;
    }
}
