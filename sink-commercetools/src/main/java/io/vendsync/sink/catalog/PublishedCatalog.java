package io.vendsync.sink.catalog;

import io.vendsync.schemas.Topic;
import io.vendsync.schemas.mapping.CommercetoolsVariant;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the variants topic back from the beginning to its end: the latest record per SKU. A restarted reader
 * seeds its index with it, so it publishes only differences, and tombstones SKUs that vanished while it was down.
 */
public final class PublishedCatalog {

    private PublishedCatalog() {
    }

    public static Map<String, CommercetoolsVariant> read(final Properties kafka, final Topic<String, CommercetoolsVariant> topic,
                                                         final Duration timeout) {
        final Properties props = new Properties();
        props.putAll(kafka);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG); // assign(), no group: nothing to commit
        // Never create it by asking: a topic created that way would not be compacted.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        try (Consumer<String, CommercetoolsVariant> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            return read(consumer, topic.name(), timeout);
        }
    }

    static Map<String, CommercetoolsVariant> read(final Consumer<String, CommercetoolsVariant> consumer, final String topic,
                                                  final Duration timeout) {
        final List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        final Map<String, CommercetoolsVariant> latest = new HashMap<>();
        if (infos == null || infos.isEmpty()) {
            return latest;
        }
        final List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out reading " + topic + " back");
            }
            for (final ConsumerRecord<String, CommercetoolsVariant> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.value() == null) {
                    latest.remove(record.key());
                } else {
                    latest.put(record.key(), record.value());
                }
            }
        }
        return latest;
    }
}
