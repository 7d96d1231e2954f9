package io.vendsync.ingest.delta;

import io.vendsync.schemas.Keys;
import io.vendsync.schemas.Topic;
import io.vendsync.schemas.ops.IngestCursor;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The version cursors, read back from their compacted topic at start-up (committed transactions only),
 * then kept in memory: this ingest is the topic's only writer for its store.
 */
public final class CursorStore {

    private final Map<String, Long> versions = new HashMap<>();

    private CursorStore() {
    }

    public static CursorStore load(final Properties clientProperties, final Topic<String, IngestCursor> topic) {
        final Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        final CursorStore store = new CursorStore();
        try (KafkaConsumer<String, IngestCursor> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                topic.valueSerde().deserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (final ConsumerRecord<String, IngestCursor> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        store.versions.remove(record.key());
                    } else {
                        store.versions.put(record.key(), record.value().getVersion());
                    }
                }
            }
        }
        return store;
    }

    /** The last published version of the entity, 0 when it was never read. */
    public synchronized long version(final String domainPrefix, final String entity) {
        return versions.getOrDefault(Keys.cursor(domainPrefix, entity), 0L);
    }

    /** The highest Vend version read of the store so far, any entity: one Vend has handed out already. */
    public synchronized long highest(final String domainPrefix) {
        final String prefix = domainPrefix + '/';
        return versions.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue)
                .max().orElse(0L);
    }

    public synchronized void remove(final String domainPrefix, final String entity) {
        versions.remove(Keys.cursor(domainPrefix, entity));
    }

    public synchronized void advance(final String domainPrefix, final String entity, final long version) {
        versions.merge(Keys.cursor(domainPrefix, entity), version, Math::max);
    }
}
