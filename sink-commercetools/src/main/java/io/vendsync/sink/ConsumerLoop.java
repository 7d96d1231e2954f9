package io.vendsync.sink;

import io.vendsync.sink.internals.RecordProcessor;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle shared by the sink's consumer loops: poll, process, await the routed copies, commit; stop on
 * {@link #close()} or on a failure, which is kept for {@link #failure()}. A subclass says what it subscribes to,
 * how it polls and what it does with a batch.
 *
 * <p>At-least-once: offsets are committed only after the retry/dead-letter copies the batch produced are
 * acknowledged. If that fails the loop stops with the batch uncommitted, so a restart reads it again.
 *
 * <p>{@link #close()} may be called from any thread; it wakes the consumer and waits for {@link #run()} to end.
 */
abstract class ConsumerLoop implements Runnable, AutoCloseable {

    private final Logger log = LoggerFactory.getLogger(getClass());
    /** Names the loop in log messages, e.g. "Sink" or "Catalog sink". */
    private final String name;
    protected final Consumer<byte[], byte[]> consumer;
    protected final Duration pollTimeout;
    protected final RecordProcessor processor;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closing;
    private volatile boolean running;
    private volatile Throwable failure;

    ConsumerLoop(final String name, final Consumer<byte[], byte[]> consumer, final Duration pollTimeout,
                 final RecordProcessor processor) {
        this.name = Objects.requireNonNull(name, "name");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.pollTimeout = Objects.requireNonNull(pollTimeout, "pollTimeout");
        this.processor = Objects.requireNonNull(processor, "processor");
    }

    /** Which loop this is, for log messages, e.g. "Sink" or "Catalog sink". */
    protected final String name() {
        return name;
    }

    /** Subscribes the consumer; false when there is nothing to consume, and the loop then ends at once. */
    protected abstract boolean subscribe();

    /** One poll; by default with the configured timeout. */
    protected ConsumerRecords<byte[], byte[]> poll() {
        return consumer.poll(pollTimeout);
    }

    /**
     * Processes a batch (also an empty one: work handed off before may have finished) and returns the offsets that may
     * be committed once the routed copies are sent.
     */
    protected abstract Map<TopicPartition, OffsetAndMetadata> process(ConsumerRecords<byte[], byte[]> records);

    /**
     * Called on the loop thread before the consumer is closed: {@code clean} when {@link #close()} asked for it and
     * nothing failed, so finished work may still be committed.
     */
    protected void beforeClose(final boolean clean) {
    }

    /** Called on the loop thread after the consumer is closed, before {@link #awaitTermination} returns. */
    protected void afterStop() {
    }

    @Override
    public final void run() {
        running = true;
        try {
            if (!subscribe()) {
                return;
            }
            while (!closing) {
                processBatch(poll());
            }
        } catch (WakeupException e) {
            if (!closing) {
                fail("Kafka consumer woken up unexpectedly", e);
            }
        } catch (RuntimeException e) {
            // e.g. the retry/dead-letter topic cannot be written: stop with the batch uncommitted, never skip it.
            fail(name + " stopped with the current batch uncommitted (a restart reads it again): " + e.getMessage(), e);
        } finally {
            beforeClose(failure == null && closing);
            try {
                consumer.close();
            } catch (RuntimeException e) {
                log.warn("Cannot close the Kafka consumer cleanly: {}", e.toString());
            }
            running = false;
            afterStop();
            stopped.countDown();
        }
    }

    private void processBatch(final ConsumerRecords<byte[], byte[]> records) {
        final Map<TopicPartition, OffsetAndMetadata> done = process(records);
        if (!done.isEmpty()) {
            commit(done);
        }
    }

    /** Commits after the routed copies are acknowledged: never a record before it is applied or safely written elsewhere. */
    protected final void commit(final Map<TopicPartition, OffsetAndMetadata> offsets) {
        processor.router().awaitSent();
        consumer.commitSync(offsets);
    }

    private void fail(final String message, final Throwable cause) {
        failure = cause;
        log.error(message, cause);
    }

    /** Why the loop stopped on its own; empty while it runs or after a clean {@link #close()}. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    public boolean isRunning() {
        return running;
    }

    /** Waits until {@link #run()} has returned. */
    public boolean awaitTermination(final Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the loop (from any thread) and waits up to 30 s for it to end. */
    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            if (running && !stopped.await(30, TimeUnit.SECONDS)) {
                log.warn("{} did not stop within 30 s", name);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
