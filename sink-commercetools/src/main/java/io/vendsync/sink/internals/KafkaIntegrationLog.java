package io.vendsync.sink.internals;

import io.vendsync.schemas.Topic;
import io.vendsync.schemas.ops.IntegrationLogEntry;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends integration-log entries to their topic, asynchronously; a failed send is logged, never thrown. */
public final class KafkaIntegrationLog implements IntegrationLog, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaIntegrationLog.class);

    private final Producer<String, IntegrationLogEntry> producer;
    private final String topic;
    private final AtomicLong sendFailures = new AtomicLong();

    public KafkaIntegrationLog(final Properties clientProperties, final Topic<String, IntegrationLogEntry> topic) {
        final Properties props = new Properties();
        props.putAll(clientProperties);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "vendsync-sink-commercetools-integration-log");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "50");
        this.producer = new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer());
        this.topic = topic.name();
    }

    @Override
    public void record(final String key, final IntegrationLogEntry entry) {
        try {
            producer.send(new ProducerRecord<>(topic, key, entry), (metadata, error) -> {
                if (error != null && sendFailures.getAndIncrement() % 100 == 0) {
                    LOG.warn("Cannot write to the integration log {} ({} failures so far): {}", topic, sendFailures.get(), error.toString());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Cannot write to the integration log {}: {}", topic, e.toString());
        }
    }

    public long sendFailures() {
        return sendFailures.get();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
