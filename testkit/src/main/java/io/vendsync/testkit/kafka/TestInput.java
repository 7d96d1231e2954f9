package io.vendsync.testkit.kafka;

import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a test's input records so that none is lost unseen: each send waits for the broker's acknowledgement and is
 * tried again when it fails, and a record that still cannot be written fails the test where it was sent, not minutes
 * later as a record that never arrived. The producer is not idempotent: on a loaded 2-core machine an idempotent
 * producer once reset its sequence numbers and retried a batch forever, so 69 records of a test's input never reached
 * the topic. Sending a record twice is harmless to every consumer under test here: each gates by the Vend version.
 */
public final class TestInput<K, V> implements AutoCloseable {

    private static final int ATTEMPTS = 3;
    private static final long ACK_TIMEOUT_SECONDS = 30;

    private final KafkaProducer<K, V> producer;

    private TestInput(final KafkaProducer<K, V> producer) {
        this.producer = producer;
    }

    public static <K, V> TestInput<K, V> open(final String bootstrapServers, final Serializer<K> keys, final Serializer<V> values) {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1); // one at a time anyway: order kept on a retry
        return new TestInput<>(new KafkaProducer<>(props, keys, values));
    }

    /** Writes the record and waits until the broker has it; fails after {@value #ATTEMPTS} failed attempts. */
    public void send(final String topic, final K key, final V value) {
        final ProducerRecord<K, V> record = new ProducerRecord<>(topic, key, value);
        Exception last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                producer.send(record).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                last = (Exception) e.getCause();
            } catch (TimeoutException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while writing a test input record to " + topic, e);
            }
        }
        throw new IllegalStateException("Could not write a test input record to " + topic + " in " + ATTEMPTS + " attempts", last);
    }

    @Override
    public void close() {
        producer.close();
    }
}
