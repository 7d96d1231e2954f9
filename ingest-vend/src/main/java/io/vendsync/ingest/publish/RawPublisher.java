package io.vendsync.ingest.publish;

import io.vendsync.ingest.IngestTopics;
import io.vendsync.schemas.Keys;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.ops.IngestCursor;
import io.vendsync.schemas.ops.IngestError;
import io.vendsync.schemas.raw.VendChange;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes one page of raw changes and the cursor that follows them in one Kafka transaction, so after
 * a crash either both are there or neither is: a restart resumes at the cursor and never skips a record.
 */
public final class RawPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final Topics topics;
    private final String cursorTopic;
    private final Serializer<VendChange> changes;
    private final Serializer<IngestCursor> cursors;
    private final Serializer<IngestError> errors;

    public RawPublisher(final Properties clientProperties, final String transactionalId, final Topics topics) {
        final Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer());
        this.topics = topics;
        this.changes = topics.rawInventory.valueSerde().serializer();
        final IngestTopics own = IngestTopics.of(topics);
        this.cursorTopic = own.cursors.name();
        this.cursors = own.cursors.valueSerde().serializer();
        this.errors = topics.ingestErrors.valueSerde().serializer();
        producer.initTransactions();
    }

    /** Publishes the events, the rejects and the new cursor (none when null) atomically. */
    public void publishPage(final List<VendChangeEvent> events, final List<IngestError> rejects, final IngestCursor cursor) {
        try {
            producer.beginTransaction();
            for (final VendChangeEvent event : events) {
                producer.send(new ProducerRecord<>(event.destination(), event.key(),
                        changes.serialize(event.destination(), event.value())));
            }
            for (final IngestError reject : rejects) {
                producer.send(new ProducerRecord<>(topics.ingestErrors.name(), reject.getEntity(),
                        errors.serialize(topics.ingestErrors.name(), reject)));
            }
            if (cursor != null) {
                final String cursorKey = Keys.cursor(cursor.getDomainPrefix(), cursor.getEntity());
                producer.send(new ProducerRecord<>(cursorTopic, cursorKey, cursors.serialize(cursorTopic, cursor)));
            }
            producer.commitTransaction();
        } catch (ProducerFencedException e) {
            // Another ingest took over this store's transactional id: this one must stop, not retry.
            throw e;
        } catch (KafkaException e) {
            producer.abortTransaction();
            throw e;
        }
    }

    /** Deletes a cursor (a tombstone on the compacted topic), e.g. once a snapshot is complete. */
    public void removeCursor(final String domainPrefix, final String cursorName) {
        try {
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(cursorTopic, Keys.cursor(domainPrefix, cursorName), null));
            producer.commitTransaction();
        } catch (ProducerFencedException e) {
            throw e;
        } catch (KafkaException e) {
            producer.abortTransaction();
            throw e;
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
