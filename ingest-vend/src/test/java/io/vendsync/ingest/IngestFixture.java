package io.vendsync.ingest;

import io.vendsync.runtime.CommonConfig;
import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.raw.VendChange;
import io.vendsync.schemas.serde.SerdeFactory;
import io.vendsync.simulator.VendSimulator;
import io.vendsync.testkit.kafka.KafkaFixture;
import io.vendsync.testkit.kafka.TopicProbe;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;

/** One test's isolated world on the shared broker: its own topic prefix and transactional id. */
final class IngestFixture {

    final KafkaFixture kafka = KafkaFixture.shared();
    final String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
    final Topics topics = new Topics(prefix, SerdeFactory.singleObject());

    Map<String, String> settings(final VendSimulator vend) {
        final Map<String, String> settings = new HashMap<>();
        settings.put(CommonConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        settings.put(CommonConfig.TOPIC_PREFIX, prefix);
        settings.put(IngestConfig.VEND_BASE_URL, vend.baseUrl());
        settings.put(IngestConfig.VEND_DOMAIN_PREFIX, vend.domainPrefix());
        settings.put(IngestConfig.VEND_TOKEN, vend.token());
        settings.put(IngestConfig.WEBHOOK_HOST, "127.0.0.1");
        settings.put(IngestConfig.WEBHOOK_PORT, "0");
        settings.put(IngestConfig.VEND_POLL_INTERVAL_MS, "3600000");
        settings.put(IngestConfig.INGEST_TRANSACTIONAL_ID, prefix + "ingest");
        return settings;
    }

    /**
     * The Vend id of a raw record: its key, except for inventory, which is keyed by product id and carries its own id
     * in the payload.
     */
    static String vendId(final ConsumerRecord<String, VendChange> record) {
        return record.value() == null || record.value().getAfter() == null ? record.key()
                : VendEntitiesIngestTest.json(record.value()).path("id").asText(record.key());
    }

    <V> List<ConsumerRecord<String, V>> read(final Topic<String, V> topic) {
        return TopicProbe.readAll(kafka.bootstrapServers(), topic.name(), new StringDeserializer(), topic.valueSerde().deserializer());
    }

    <V> List<ConsumerRecord<String, V>> await(final Topic<String, V> topic,
                                              final Predicate<List<ConsumerRecord<String, V>>> condition)
            throws InterruptedException {
        return TopicProbe.await(kafka.bootstrapServers(), topic.name(), new StringDeserializer(),
                topic.valueSerde().deserializer(), condition, Duration.ofSeconds(30));
    }
}
