package io.vendsync.sink.internals;

import io.vendsync.schemas.Topic;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AppliedVersions} kept on a compacted topic (key {@code <topic>|<record key>}, value the mark as text,
 * {@code <version>@<offset>}), read
 * whole at start and written after each applied record, so every sink instance and every replay group sees the marks
 * of the others. Memory: one entry per product key, SKU and tax category.
 *
 * <p>A mark is written asynchronously after the record was applied: lost in a crash, it only means a later replay may
 * write an older state before the newer one, never that a record is skipped wrongly. A record is only ever compared
 * with marks of its own key, whose versions the mappers keep non-decreasing (a SKU that moves to another Vend product
 * with a lower version is the exception; see the sink README). Offsets are compared only between records of one key
 * under one version, so they are the same partition's.
 */
public final class KafkaAppliedVersions implements AppliedVersions {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaAppliedVersions.class);
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);

    private final Map<String, Mark> marks = new ConcurrentHashMap<>();
    private final Producer<String, String> producer;
    private final String topic;

    private KafkaAppliedVersions(final Producer<String, String> producer, final String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** Reads every mark on {@code topic}, then returns the store, ready to record new ones. */
    public static KafkaAppliedVersions load(final Properties kafka, final Topic<String, String> topic) {
        final Properties producerProps = new Properties();
        producerProps.putAll(kafka);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        final KafkaAppliedVersions versions = new KafkaAppliedVersions(
                new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer()), topic.name());
        final Properties consumerProps = new Properties();
        consumerProps.putAll(kafka);
        consumerProps.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), LOAD_TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions, LOAD_TIMEOUT);
            final long deadline = System.nanoTime() + LOAD_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    versions.close();
                    throw new KafkaException("could not read the applied versions on " + topic.name() + " within " + LOAD_TIMEOUT);
                }
                for (final ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        versions.marks.remove(record.key());
                    } else {
                        versions.marks.merge(record.key(), Mark.parse(record.value()), Mark::max);
                    }
                }
            }
        } catch (RuntimeException e) {
            versions.close();
            throw e;
        }
        LOG.info("Loaded {} applied-version marks from {}", versions.marks.size(), topic.name());
        return versions;
    }

    @Override
    public Mark applied(final String sourceTopic, final String key) {
        return marks.getOrDefault(markKey(sourceTopic, key), Mark.NONE);
    }

    @Override
    public void record(final String sourceTopic, final String key, final Mark mark) {
        final String markKey = markKey(sourceTopic, key);
        final Mark now = marks.merge(markKey, mark, Mark::max);
        if (now.equals(mark)) {
            producer.send(new ProducerRecord<>(topic, markKey, mark.text()), (metadata, error) -> {
                if (error != null) {
                    LOG.warn("Could not record applied version {} of {}: {}", mark.text(), markKey, error.toString());
                }
            });
        }
    }

    private static String markKey(final String sourceTopic, final String key) {
        return sourceTopic + '|' + key;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
