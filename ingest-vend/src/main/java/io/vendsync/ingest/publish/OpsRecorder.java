package io.vendsync.ingest.publish;

import io.vendsync.ingest.vend.BadResponse;
import io.vendsync.ingest.vend.VendExchange;
import io.vendsync.ingest.webhook.WebhookReceiver;
import io.vendsync.runtime.logging.HeaderRedaction;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.ops.IngestError;
import io.vendsync.schemas.ops.IntegrationLogEntry;
import java.time.Clock;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what happens at the edges outside the page transactions: rejected webhooks (ingest-error topic)
 * and every Vend request (integration log). Sends are asynchronous so a webhook answer never waits on Kafka.
 */
public final class OpsRecorder implements WebhookReceiver.RejectRecorder, VendExchange.Listener, BadResponse.Listener,
        AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpsRecorder.class);

    private final KafkaProducer<String, byte[]> producer;
    private final Topics topics;
    private final String domainPrefix;
    private final int bodyMaxChars;
    private final Clock clock;

    public OpsRecorder(final Properties clientProperties, final Topics topics, final String domainPrefix,
                       final int bodyMaxChars, final Clock clock) {
        final Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.topics = topics;
        this.domainPrefix = domainPrefix;
        this.bodyMaxChars = bodyMaxChars;
        this.clock = clock;
    }

    @Override
    public void reject(final String code, final String reason, final String contentType, final String body) {
        final IngestError error = IngestError.newBuilder()
                .setSource("webhook")
                .setCode(code)
                .setReason(reason)
                .setDomainPrefix(domainPrefix)
                .setEntity(null)
                .setContentType(contentType)
                .setBody(truncate(body))
                .setReceivedTsMs(clock.millis())
                .build();
        final String topic = topics.ingestErrors.name();
        send(topic, "webhook/" + UUID.randomUUID(), topics.ingestErrors.valueSerde().serializer().serialize(topic, error));
    }

    /** A Vend answer the poller could not use: recorded on the ingest-error topic, keyed by entity. */
    @Override
    public void onBadResponse(final BadResponse response) {
        final IngestError error = IngestError.newBuilder()
                .setSource("poll")
                .setCode(response.code())
                .setReason(response.reason())
                .setDomainPrefix(domainPrefix)
                .setEntity(response.entity())
                .setContentType(response.contentType())
                .setBody(truncate(response.body()))
                .setReceivedTsMs(clock.millis())
                .build();
        final String topic = topics.ingestErrors.name();
        send(topic, "poll/" + (response.entity() == null ? "vend" : response.entity()),
                topics.ingestErrors.valueSerde().serializer().serialize(topic, error));
    }

    /** Keyed {@code vend/<correlation id>}; the body was truncated by the client to integration.log.body.max.bytes. */
    @Override
    public void onExchange(final VendExchange exchange) {
        final IntegrationLogEntry entry = IntegrationLogEntry.newBuilder()
                .setSystem("vend")
                .setMethod(exchange.method())
                .setUrl(exchange.url())
                .setStatus(exchange.status())
                .setLatencyMs(exchange.latencyMillis())
                .setAttempt(exchange.attempt())
                .setCorrelationId(exchange.correlationId())
                .setError(exchange.error())
                .setRequestHeaders(HeaderRedaction.redact(exchange.requestHeaders()))
                .setResponseHeaders(HeaderRedaction.redact(exchange.responseHeaders()))
                .setRequestBody(null)
                .setResponseBody(exchange.responseBody())
                .setTsMs(clock.millis())
                .build();
        final String topic = topics.integrationLog.name();
        send(topic, "vend/" + exchange.correlationId(), topics.integrationLog.valueSerde().serializer().serialize(topic, entry));
    }

    private void send(final String topic, final String key, final byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
            if (error != null) {
                LOG.error("Could not record to {} (key {}); the event is in this log only", topic, key, error);
            }
        });
    }

    private String truncate(final String text) {
        return text == null || text.length() <= bodyMaxChars ? text : text.substring(0, bodyMaxChars);
    }

    @Override
    public void close() {
        producer.close();
    }
}
