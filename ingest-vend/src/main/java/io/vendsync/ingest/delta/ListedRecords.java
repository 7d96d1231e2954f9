package io.vendsync.ingest.delta;

import io.vendsync.schemas.Topic;
import io.vendsync.schemas.raw.VendChange;
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
 * The last record published of each id of the collections Vend lists without their deleted records (price book entries,
 * price books, taxes, payment types: 2.0 takes no {@code deleted=true} there, so a deleted one simply stops being listed).
 * Read back from its compacted topic at start-up (committed transactions only), then kept in memory; written in the
 * same transaction as the raw records, so a restart knows every record it published, also those deleted while it was
 * down. About the size of the records' JSON (a few hundred bytes each).
 */
public final class ListedRecords {

    /** entity -> id -> the last change published (or listed) of it. */
    private final Map<String, Map<String, VendChange>> records = new HashMap<>();
    private final String domainPrefix;

    private ListedRecords(final String domainPrefix) {
        this.domainPrefix = domainPrefix;
    }

    /** Nothing known yet: for tests and for a store without relisted collections. */
    public static ListedRecords empty(final String domainPrefix) {
        return new ListedRecords(domainPrefix);
    }

    public static ListedRecords load(final Properties clientProperties, final Topic<String, VendChange> topic,
                                     final String domainPrefix) {
        final Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        final ListedRecords listed = new ListedRecords(domainPrefix);
        final String prefix = domainPrefix + '/';
        try (KafkaConsumer<String, VendChange> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                topic.valueSerde().deserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (final ConsumerRecord<String, VendChange> record : consumer.poll(Duration.ofMillis(200))) {
                    if (!record.key().startsWith(prefix)) {
                        continue; // another store's
                    }
                    final String entityAndId = record.key().substring(prefix.length());
                    final int slash = entityAndId.indexOf('/');
                    final String entity = entityAndId.substring(0, slash);
                    final String id = entityAndId.substring(slash + 1);
                    if (record.value() == null) {
                        listed.forget(entity, id);
                    } else {
                        listed.remember(entity, id, record.value());
                    }
                }
            }
        }
        return listed;
    }

    /** The topic key of a record. */
    public String key(final String entity, final String id) {
        return domainPrefix + '/' + entity + '/' + id;
    }

    /** The records of the entity known now, by id (a copy). */
    public synchronized Map<String, VendChange> of(final String entity) {
        return Map.copyOf(records.getOrDefault(entity, Map.of()));
    }

    public synchronized void remember(final String entity, final String id, final VendChange change) {
        records.computeIfAbsent(entity, e -> new HashMap<>()).put(id, change);
    }

    public synchronized void forget(final String entity, final String id) {
        final Map<String, VendChange> ofEntity = records.get(entity);
        if (ofEntity != null) {
            ofEntity.remove(id);
        }
    }
}
