package io.vendsync.faults;

import io.vendsync.schemas.FailureHeaders;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.schemas.ops.IntegrationLogEntry;
import io.vendsync.sink.SinkTopics;
import io.vendsync.sink.internals.InventoryWriter;
import io.vendsync.testkit.kafka.TopicProbe;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the topics say happened in one run: every canonical event the sink was sent (replays told apart by their
 * {@value FailureHeaders#REPLAY_OF} header), every copy in a retry tier or the DLQ, and the integration log.
 */
final class Ledger {

    /** One canonical event: its record key and source version. */
    record Event(String key, long version) {
        String correlationId() {
            return key + "@" + version;
        }
    }

    final Set<Event> sent;
    final long replays;
    final List<ConsumerRecord<byte[], byte[]>> retried;
    final List<ConsumerRecord<byte[], byte[]>> deadLetters;
    final List<IntegrationLogEntry> integrationLog;
    private final Deserializer<InventoryLevel> levels;
    private final String canonicalTopic;

    private Ledger(final String bootstrapServers, final Topics topics) {
        this.levels = topics.canonicalInventory.valueSerde().deserializer();
        this.canonicalTopic = topics.canonicalInventory.name();
        final List<ConsumerRecord<byte[], byte[]>> canonical = bytes(bootstrapServers, canonicalTopic);
        this.sent = canonical.stream().filter(r -> FailureHeaders.text(r.headers(), FailureHeaders.REPLAY_OF) == null)
                .map(this::event).collect(Collectors.toSet());
        this.replays = canonical.size() - canonical.stream()
                .filter(r -> FailureHeaders.text(r.headers(), FailureHeaders.REPLAY_OF) == null).count();
        this.retried = SinkTopics.of(topics).inventoryRetries.stream().flatMap(t -> bytes(bootstrapServers, t.name()).stream()).toList();
        this.deadLetters = bytes(bootstrapServers, SinkTopics.of(topics).inventoryDlq.name());
        this.integrationLog = TopicProbe.readAll(bootstrapServers, topics.integrationLog.name(), new StringDeserializer(),
                topics.integrationLog.valueSerde().deserializer()).stream().map(ConsumerRecord::value).toList();
    }

    static Ledger read(final String bootstrapServers, final Topics topics) {
        return new Ledger(bootstrapServers, topics);
    }

    private static List<ConsumerRecord<byte[], byte[]>> bytes(final String bootstrapServers, final String topic) {
        return TopicProbe.readAll(bootstrapServers, topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    Event event(final ConsumerRecord<byte[], byte[]> record) {
        final InventoryLevel level = levels.deserialize(canonicalTopic, record.value());
        final String correlationId = InventoryWriter.correlationIdOf(level);
        return new Event(correlationId.substring(0, correlationId.lastIndexOf('@')), level.getSourceVersion());
    }

    /** The highest source version sent per key. */
    Map<String, Long> newestSent() {
        final Map<String, Long> newest = new HashMap<>();
        sent.forEach(e -> newest.merge(e.key(), e.version(), Math::max));
        return newest;
    }

    /** Correlation ids of commercetools exchanges that failed (no answer, or a 4xx/5xx). */
    Set<String> failedCommercetoolsExchanges() {
        final Set<String> ids = new HashSet<>();
        for (final IntegrationLogEntry entry : integrationLog) {
            if ("commercetools".equals(entry.getSystem()) && failed(entry.getStatus()) && entry.getCorrelationId() != null) {
                ids.add(entry.getCorrelationId());
            }
        }
        return ids;
    }

    long commercetoolsFailures() {
        return integrationLog.stream().filter(e -> "commercetools".equals(e.getSystem()) && failed(e.getStatus())).count();
    }

    long vendAnswers(final int status) {
        return integrationLog.stream().filter(e -> "vend".equals(e.getSystem()) && e.getStatus() == status).count();
    }

    long vendServerErrors() {
        return integrationLog.stream().filter(e -> "vend".equals(e.getSystem()) && e.getStatus() >= 500).count();
    }

    private static boolean failed(final int status) {
        return status < 0 || status >= 400;
    }
}
