package io.vendsync.sink.internals;

import static io.vendsync.schemas.FailureHeaders.ATTEMPTS;
import static io.vendsync.schemas.FailureHeaders.ENTITY;
import static io.vendsync.schemas.FailureHeaders.ERROR_CLASS;
import static io.vendsync.schemas.FailureHeaders.ERROR_CT_BODY;
import static io.vendsync.schemas.FailureHeaders.ERROR_CT_CODE;
import static io.vendsync.schemas.FailureHeaders.ERROR_HTTP_STATUS;
import static io.vendsync.schemas.FailureHeaders.ERROR_KIND;
import static io.vendsync.schemas.FailureHeaders.ERROR_MESSAGE;
import static io.vendsync.schemas.FailureHeaders.FIRST_FAILURE_MS;
import static io.vendsync.schemas.FailureHeaders.LAST_FAILURE_MS;
import static io.vendsync.schemas.FailureHeaders.ORIGINAL_OFFSET;
import static io.vendsync.schemas.FailureHeaders.ORIGINAL_PARTITION;
import static io.vendsync.schemas.FailureHeaders.ORIGINAL_TOPIC;
import static io.vendsync.schemas.FailureHeaders.RETRY_DUE_MS;
import static io.vendsync.schemas.FailureHeaders.SOURCE_VERSION;

import io.vendsync.schemas.FailureHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends a failed record on: to the next retry tier while the failure is transient and tiers are left, else to
 * the dead-letter topic. Key and value stay the original bytes; the original headers are kept and the
 * {@link FailureHeaders} set. Sends are asynchronous; {@link #awaitSent()} must succeed before the caller
 * commits the source offsets, so a record is never committed before its copy is safely written.
 * Thread-safe: a loop's concurrent workers route through one router.
 */
public final class FailureRouter {

    /** Where a failed record went. {@code tier} is 1-based for retries, 0 for the DLQ. */
    public record Routed(boolean deadLettered, int tier, String topic, int attempts) {
    }

    private final Producer<byte[], byte[]> producer;
    private final List<String> retryTopics;
    private final List<Long> delaysMs;
    private final String dlqTopic;
    private final LongSupplier clock;
    private final List<Future<RecordMetadata>> pending = new ArrayList<>();

    public FailureRouter(final Producer<byte[], byte[]> producer, final List<String> retryTopics, final List<Long> delaysMs,
                         final String dlqTopic, final LongSupplier clock) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.retryTopics = List.copyOf(retryTopics);
        this.delaysMs = List.copyOf(delaysMs);
        if (this.retryTopics.size() != this.delaysMs.size()) {
            throw new IllegalArgumentException("one delay per retry topic: " + retryTopics + " vs " + delaysMs);
        }
        this.dlqTopic = Objects.requireNonNull(dlqTopic, "dlqTopic");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public List<String> retryTopics() {
        return retryTopics;
    }

    /** The delay of retry tier {@code tier} (1-based). */
    public long delayMs(final int tier) {
        return delaysMs.get(tier - 1);
    }

    /** 1-based tier of a retry topic, 0 when the topic is not one. */
    public int tierOf(final String topic) {
        return retryTopics.indexOf(topic) + 1;
    }

    /**
     * @param record the record as read, from the source topic ({@code fromTier} 0) or a retry tier
     * @param entity what the record describes ({@link CanonicalWriter#entity()}), or null when its topic has no handler
     * @param sourceVersion the decoded value's source version, or null when it did not decode
     */
    public Routed route(final ConsumerRecord<byte[], byte[]> record, final int fromTier, final String entity,
                        final Long sourceVersion, final Failure failure) {
        final long now = clock.getAsLong();
        final Headers headers = new RecordHeaders(record.headers().toArray());
        if (fromTier == 0) {
            // A fresh failure: forget any vendsync.* state a replayed record may carry, except vendsync.replay.of.
            for (final String name : List.of(ATTEMPTS, FIRST_FAILURE_MS, RETRY_DUE_MS)) {
                headers.remove(name);
            }
            FailureHeaders.put(headers, ORIGINAL_TOPIC, record.topic());
            FailureHeaders.put(headers, ORIGINAL_PARTITION, record.partition());
            FailureHeaders.put(headers, ORIGINAL_OFFSET, record.offset());
        }
        final int attempts = (int) FailureHeaders.number(headers, ATTEMPTS).orElse(0) + 1;
        FailureHeaders.put(headers, ATTEMPTS, attempts);
        FailureHeaders.put(headers, FIRST_FAILURE_MS, FailureHeaders.number(headers, FIRST_FAILURE_MS).orElse(now));
        FailureHeaders.put(headers, LAST_FAILURE_MS, now);
        FailureHeaders.put(headers, ERROR_KIND, failure.kind().name().toLowerCase(Locale.ROOT));
        FailureHeaders.put(headers, ERROR_CLASS, failure.errorClass());
        FailureHeaders.put(headers, ERROR_MESSAGE, failure.message());
        FailureHeaders.put(headers, ERROR_HTTP_STATUS, failure.httpStatus() < 0 ? null : failure.httpStatus());
        FailureHeaders.put(headers, ERROR_CT_CODE, failure.ctCode());
        FailureHeaders.put(headers, ERROR_CT_BODY, failure.ctBody());
        FailureHeaders.put(headers, ENTITY, entity);
        FailureHeaders.put(headers, SOURCE_VERSION, sourceVersion);

        final int nextTier = fromTier + 1;
        final boolean retry = failure.isTransient() && nextTier <= retryTopics.size();
        final String topic;
        if (retry) {
            topic = retryTopics.get(nextTier - 1);
            FailureHeaders.put(headers, RETRY_DUE_MS, now + delayMs(nextTier));
        } else {
            topic = dlqTopic;
            headers.remove(RETRY_DUE_MS);
        }
        final Future<RecordMetadata> sent = producer.send(new ProducerRecord<>(topic, null, null, record.key(), record.value(), headers));
        synchronized (pending) {
            pending.add(sent);
        }
        return new Routed(!retry, retry ? nextTier : 0, topic, attempts);
    }

    /** Waits until every record routed so far is acknowledged; throws when one was not (the caller must not commit). */
    public void awaitSent() {
        final List<Future<RecordMetadata>> sent;
        synchronized (pending) {
            if (pending.isEmpty()) {
                return;
            }
            sent = new ArrayList<>(pending);
            pending.clear();
        }
        producer.flush();
        try {
            for (final Future<RecordMetadata> future : sent) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw new KafkaException("cannot write a failed record to its retry or dead-letter topic", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while writing failed records", e);
        }
    }
}
