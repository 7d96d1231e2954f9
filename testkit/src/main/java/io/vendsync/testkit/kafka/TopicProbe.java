package io.vendsync.testkit.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads what a topic holds, committed records only, the way a downstream consumer would see it. */
public final class TopicProbe {

    private TopicProbe() {
    }

    /** Every committed record now in the topic, in partition order. */
    public static <K, V> List<ConsumerRecord<K, V>> readAll(final String bootstrapServers, final String topic,
                                                            final Deserializer<K> keys, final Deserializer<V> values) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, keys, values)) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            final List<ConsumerRecord<K, V>> records = new ArrayList<>();
            final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topic + " to its end within 30 s");
                }
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            return records;
        }
    }

    /** Polls {@link #readAll} until the records satisfy {@code condition}, or fails after {@code timeout}. */
    public static <K, V> List<ConsumerRecord<K, V>> await(final String bootstrapServers, final String topic,
                                                          final Deserializer<K> keys, final Deserializer<V> values,
                                                          final Predicate<List<ConsumerRecord<K, V>>> condition,
                                                          final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<K, V>> records = readAll(bootstrapServers, topic, keys, values);
        while (!condition.test(records)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Topic " + topic + " did not reach the expected state within " + timeout
                        + "; it holds " + records.size() + " records");
            }
            Thread.sleep(200);
            records = readAll(bootstrapServers, topic, keys, values);
        }
        return records;
    }
}
