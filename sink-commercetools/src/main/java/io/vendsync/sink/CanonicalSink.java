package io.vendsync.sink;

import io.vendsync.runtime.CommonConfig;
import io.vendsync.sink.internals.KeyedExecutor;
import io.vendsync.sink.internals.OffsetTracker;
import io.vendsync.sink.internals.Prefetch;
import io.vendsync.sink.internals.RecordProcessor;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A main consumer loop: reads one or more canonical topics as raw bytes (inventory in one loop, the catalog
 * topics in another) and hands each record to the {@link RecordProcessor}, which applies it or routes it to a
 * retry tier or the dead-letter topic. The loop goes on after a failed record.
 *
 * <p><b>Concurrent by key, ordered per key:</b> records of different keys are applied by up to {@code concurrency}
 * workers at once, the records of one key one after another in offset order (also across polls). Of the records
 * of one key in one fetched batch, for an absolute-state topic only the newest is applied; the older ones are
 * superseded and cost no request. The first record of each key not already being applied has its current state
 * read in batches ({@link RecordProcessor#prefetch}), so an initial sync costs about one read per batch.
 *
 * <p><b>At-least-once:</b> auto-commit is off. A partition's offset is committed only up to its lowest record not yet
 * finished (applied, superseded, or acknowledged on a retry tier or the DLQ), so a crash or kill reads again
 * whatever might not have been applied, never skips anything. When more than {@link #maxInFlight} records wait, the
 * partitions are paused (the loop keeps polling). On a rebalance the loop finishes its records and commits before
 * it gives partitions up, so no record is applied by two instances at once. A worker's unexpected error stops the
 * loop with that record uncommitted ({@link #failure()}). Reads {@code read_committed}, starts at the earliest
 * offset for a new group.
 *
 * <p>{@link #close()} may be called from any thread; it wakes the consumer, lets the workers finish, commits and waits
 * for {@link #run()} to end.
 */
public final class CanonicalSink extends ConsumerLoop {

    private static final Logger LOG = LoggerFactory.getLogger(CanonicalSink.class);
    /** Poll wait while records are being applied, so finished ones are committed soon. */
    private static final long BUSY_POLL_MS = 10;
    /** Keys per batched read. */
    private static final int PREFETCH_BATCH = 100;
    private static final long DRAIN_MS = 60_000;

    private final List<String> topics;
    private final KeyedExecutor workers;
    private final int maxInFlight;
    /** Changed on the loop thread (the rebalance listener runs inside poll), read by workers. */
    private final Map<TopicPartition, OffsetTracker> offsets = new ConcurrentHashMap<>();
    /** The offset committed last per partition (at first: where reading began). Loop thread only. */
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private boolean paused;
    private volatile Throwable workerFailure;
    /** The consumer has joined its group (an assignment, possibly empty with more replicas than partitions). */
    private volatile boolean joined;

    /** Subscribes the processor's topics in consumer group {@code groupId}; {@code name} says which loop it is in logs. */
    public CanonicalSink(final SinkConfig config, final String name, final String groupId, final RecordProcessor processor) {
        this(new KafkaConsumer<>(consumerProperties(config, groupId), new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                name, processor.topics(), Duration.ofMillis(config.pollTimeoutMs()), processor, config.concurrency());
    }

    /** With a given consumer (e.g. a MockConsumer in tests), one record at a time. */
    public CanonicalSink(final Consumer<byte[], byte[]> consumer, final String name, final List<String> topics,
                         final Duration pollTimeout, final RecordProcessor processor) {
        this(consumer, name, topics, pollTimeout, processor, 1);
    }

    /** With a given consumer, {@code concurrency} workers. */
    public CanonicalSink(final Consumer<byte[], byte[]> consumer, final String name, final List<String> topics,
                         final Duration pollTimeout, final RecordProcessor processor, final int concurrency) {
        super(name, consumer, pollTimeout, processor);
        this.topics = List.copyOf(topics);
        this.workers = new KeyedExecutor(concurrency, name.toLowerCase(java.util.Locale.ROOT).replace(' ', '-') + "-worker");
        this.maxInFlight = maxInFlight(concurrency);
    }

    /** Records handed to workers and not finished, beyond which the partitions are paused. */
    static int maxInFlight(final int concurrency) {
        return Math.max(1_000, concurrency * 200);
    }

    /** The consumer settings the sink relies on; {@code kafka.client.*} pass-through keys cannot override them. */
    public static Properties consumerProperties(final SinkConfig config, final String groupId) {
        final Properties props = CommonConfig.kafkaClientProperties(config);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        // Bigger fetched batches read more keys per batched request (default 500).
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        return props;
    }

    @Override
    protected boolean subscribe() {
        consumer.subscribe(topics, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(final Collection<TopicPartition> partitions) {
                handOver(partitions, true);
            }

            @Override
            public void onPartitionsLost(final Collection<TopicPartition> partitions) {
                joined = false;
                handOver(partitions, false);
            }

            @Override
            public void onPartitionsAssigned(final Collection<TopicPartition> partitions) {
                paused = false; // a rebalance resumes every partition
                joined = true;
            }
        });
        LOG.info("{} consuming {}", name(), topics);
        return true;
    }

    /**
     * Before partitions go to another instance: finish what is being applied (so no record is applied by two at once),
     * then commit what finished, when the partitions are still ours to commit.
     */
    private void handOver(final Collection<TopicPartition> partitions, final boolean commit) {
        drain();
        if (commit && workerFailure == null) {
            final Map<TopicPartition, OffsetAndMetadata> done = committable();
            done.keySet().retainAll(partitions);
            if (!done.isEmpty()) {
                commit(done);
            }
        }
        offsets.keySet().removeAll(partitions);
        committed.keySet().removeAll(partitions);
    }

    private void drain() {
        try {
            if (!workers.awaitIdle(DRAIN_MS)) {
                LOG.warn("{}: records still being applied after {} ms", name(), DRAIN_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the consumer is in its group with an assignment (read by the readiness check, from another thread). */
    public boolean joined() {
        return joined && isRunning();
    }

    @Override
    protected ConsumerRecords<byte[], byte[]> poll() {
        return consumer.poll(workers.pending() > 0 ? Duration.ofMillis(Math.min(BUSY_POLL_MS, pollTimeout.toMillis())) : pollTimeout);
    }

    @Override
    protected Map<TopicPartition, OffsetAndMetadata> process(final ConsumerRecords<byte[], byte[]> records) {
        final Throwable failed = workerFailure;
        if (failed != null) {
            throw new IllegalStateException("a worker failed applying a record: " + failed.getMessage(), failed);
        }
        if (!records.isEmpty()) {
            dispatch(records);
        }
        final int inFlight = workers.pending();
        if (!paused && inFlight >= maxInFlight) {
            consumer.pause(consumer.assignment());
            paused = true;
        } else if (paused && inFlight < maxInFlight / 2) {
            consumer.resume(consumer.assignment());
            paused = false;
        }
        return committable();
    }

    /** Per partition, the lowest unfinished offset, where it moved since the last commit. */
    private Map<TopicPartition, OffsetAndMetadata> committable() {
        final Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        offsets.forEach((partition, tracker) -> {
            final long offset = tracker.committable();
            if (offset >= 0 && !Long.valueOf(offset).equals(committed.get(partition))) {
                done.put(partition, new OffsetAndMetadata(offset));
                committed.put(partition, offset);
            }
        });
        return done;
    }

    private void dispatch(final ConsumerRecords<byte[], byte[]> records) {
        // The records of each key in offset order (a key lives in one partition).
        final Map<String, List<ConsumerRecord<byte[], byte[]>>> byKey = new LinkedHashMap<>();
        for (final ConsumerRecord<byte[], byte[]> record : records) {
            final TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            offsets.computeIfAbsent(partition, p -> new OffsetTracker()).started(record.offset());
            committed.putIfAbsent(partition, record.offset()); // where the group stands: nothing to commit until it moves
            byKey.computeIfAbsent(keyOf(record), k -> new ArrayList<>()).add(record);
        }
        final Map<String, List<ConsumerRecord<byte[], byte[]>>> toRead = new LinkedHashMap<>();
        final Map<String, ConsumerRecord<byte[], byte[]>> readFirst = new HashMap<>();
        for (final Map.Entry<String, List<ConsumerRecord<byte[], byte[]>>> key : byKey.entrySet()) {
            final List<ConsumerRecord<byte[], byte[]>> kept = supersede(key.getValue());
            key.setValue(kept);
            if (!kept.isEmpty() && !workers.busy(key.getKey())) {
                final ConsumerRecord<byte[], byte[]> first = kept.get(0);
                toRead.computeIfAbsent(first.topic(), t -> new ArrayList<>()).add(first);
                readFirst.put(key.getKey(), first);
            }
        }
        final Map<ConsumerRecord<byte[], byte[]>, CompletableFuture<Prefetch>> reads = new HashMap<>();
        toRead.forEach((topic, firsts) -> {
            // Sorted by key, so keys that share a read (e.g. the SKUs of one channel, "<channel>/<sku>") are read together.
            firsts.sort(java.util.Comparator.comparing(CanonicalSink::keyOf));
            for (int from = 0; from < firsts.size(); from += PREFETCH_BATCH) {
                final List<ConsumerRecord<byte[], byte[]>> batch = firsts.subList(from, Math.min(firsts.size(), from + PREFETCH_BATCH));
                final CompletableFuture<Prefetch> read = CompletableFuture.supplyAsync(() -> processor.prefetch(topic, batch), workers.pool());
                batch.forEach(record -> reads.put(record, read));
            }
        });
        byKey.forEach((key, kept) -> {
            for (final ConsumerRecord<byte[], byte[]> record : kept) {
                final CompletableFuture<Prefetch> read = readFirst.get(key) == record ? reads.get(record) : null;
                workers.submit(key, read, () -> apply(record, read));
            }
        });
    }

    /** A key's records minus those a newer record of the key in this batch makes needless (absolute-state topics only). */
    private List<ConsumerRecord<byte[], byte[]>> supersede(final List<ConsumerRecord<byte[], byte[]>> records) {
        if (records.size() < 2 || !processor.absoluteState(records.get(0).topic())) {
            return records;
        }
        final List<ConsumerRecord<byte[], byte[]>> kept = new ArrayList<>();
        Long newest = null; // the highest source version among the later records
        for (int i = records.size() - 1; i >= 0; i--) {
            final ConsumerRecord<byte[], byte[]> record = records.get(i);
            final Long version = processor.sourceVersion(record);
            if (version != null && newest != null && version <= newest) {
                processor.superseded(record);
                finished(record);
            } else {
                kept.add(0, record);
            }
            if (version != null && (newest == null || version > newest)) {
                newest = version;
            }
        }
        return kept;
    }

    private void apply(final ConsumerRecord<byte[], byte[]> record, final CompletableFuture<Prefetch> read) {
        try {
            // A failed batched read only means each record reads on its own.
            final Prefetch prefetch = read == null ? Prefetch.NONE
                    : read.handle((done, error) -> done == null ? Prefetch.NONE : done).getNow(Prefetch.NONE);
            processor.process(record, 0, prefetch);
            finished(record);
        } catch (Throwable e) {
            // A bug, not a verdict on the record: the loop stops with it uncommitted.
            if (workerFailure == null) {
                workerFailure = e;
            }
            LOG.error("{}: applying {}-{}@{} failed unexpectedly", name(), record.topic(), record.partition(), record.offset(), e);
        }
    }

    private void finished(final ConsumerRecord<byte[], byte[]> record) {
        final OffsetTracker tracker = offsets.get(new TopicPartition(record.topic(), record.partition()));
        if (tracker != null) {
            tracker.finished(record.offset());
        }
    }

    private static String keyOf(final ConsumerRecord<byte[], byte[]> record) {
        return record.topic() + '\u0000' + (record.key() == null ? "@" + record.partition() + "/" + record.offset()
                : new String(record.key(), StandardCharsets.UTF_8));
    }

    @Override
    protected void beforeClose(final boolean clean) {
        drain();
        if (clean && workerFailure == null) {
            try {
                final Map<TopicPartition, OffsetAndMetadata> done = committable();
                if (!done.isEmpty()) {
                    commit(done);
                }
            } catch (RuntimeException e) {
                LOG.warn("{}: cannot commit finished records on close (a restart applies them again): {}", name(), e.toString());
            }
        }
        workers.close();
    }

    @Override
    protected void afterStop() {
        LOG.info("{} stopped. {}", name(), statistics().reportMessage());
    }

    public SinkStatistics statistics() {
        return processor.statistics();
    }
}
