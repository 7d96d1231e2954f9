package io.vendsync.ingest.delta;

import io.vendsync.schemas.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads one of the ingest's compacted topics from its start to its end at start-up: committed transactions only. */
final class CompactedTopic {

    private CompactedTopic() {
    }

    /** Hands each record's key and value (null for a tombstone) to {@code each}, in offset order per partition. */
    static <V> void readAll(final Properties clientProperties, final Topic<String, V> topic, final BiConsumer<String, V> each) {
        final Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, new StringDeserializer(), topic.valueSerde().deserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (final ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                    each.accept(record.key(), record.value());
                }
            }
        }
    }
}
