package io.vendsync.bench;

import io.vendsync.mapper.MapperApp;
import io.vendsync.mapper.MapperTopologies;
import io.vendsync.mapper.MapperConfig;
import io.vendsync.mapper.MapperTopics;
import io.vendsync.runtime.CommonConfig;
import io.vendsync.runtime.TopicProvisioner;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.raw.Op;
import io.vendsync.schemas.raw.VendChange;
import io.vendsync.schemas.raw.VendSource;
import io.vendsync.schemas.serde.SerdeFactory;
import io.vendsync.testkit.files.TempDirs;
import io.vendsync.testkit.kafka.EmbeddedKafka;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;

/**
 * What the mapper benchmarks share: the topics of one measurement, the mapper's configuration, an input producer for raw
 * Vend records, and a run of one topology timed until its output holds the records expected.
 */
final class BenchStreams {

    static final int PARTITIONS = 3;

    private BenchStreams() {
    }

    /** The contract's and the mapper's topics under {@code prefix}, plus the named extra topics. */
    static Topics topics(final EmbeddedKafka kafka, final String prefix, final String... extra) throws Exception {
        final Topics topics = new Topics(prefix, SerdeFactory.singleObject());
        final Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        TopicProvisioner.ensure(props, topics, PARTITIONS, (short) 1);
        TopicProvisioner.ensure(props, MapperTopics.of(topics).all(), PARTITIONS, (short) 1);
        if (extra.length > 0) {
            try (Admin admin = Admin.create(props)) {
                final List<NewTopic> topicsToMake = new ArrayList<>();
                for (final String name : extra) {
                    topicsToMake.add(new NewTopic(name, PARTITIONS, (short) 1));
                }
                admin.createTopics(topicsToMake).all().get();
            }
        }
        return topics;
    }

    /** The mapper's configuration, with the {@code -Dbench.*} settings (guarantee, commit interval, Streams overrides). */
    static MapperConfig config(final String bootstrapServers, final Topics topics, final String appId) throws Exception {
        final Map<String, String> settings = new HashMap<>();
        settings.put(CommonConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        settings.put(CommonConfig.TOPIC_PREFIX, topics.prefix());
        settings.put(MapperConfig.APPLICATION_ID, appId);
        settings.put(MapperConfig.STATE_DIR, TempDirs.create("vendsync-bench").toString()); // removed at exit
        settings.put(MapperConfig.COMMIT_INTERVAL_MS, System.getProperty("bench.commit.interval.ms", "100"));
        settings.put(MapperConfig.PROCESSING_GUARANTEE, System.getProperty("bench.guarantee", "exactly_once_v2"));
        // -Dbench.streams.<key>=<value> passes any Kafka Streams or client setting, for tuning experiments.
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.streams."))
                .forEach(k -> settings.put(CommonConfig.KAFKA_CLIENT_PREFIX + k.substring("bench.streams.".length()),
                        System.getProperty(k)));
        return new MapperConfig(settings);
    }

    /**
     * Produces raw Vend records, as the ingest would, and fails on {@link #close} when any send failed (a lost input
     * record would show as a slow or stuck mapper). Not idempotent: the idempotent producer here keeps hitting
     * OutOfOrderSequenceException retries right after the topics are created (and then expires batches, which would
     * lose input); one request in flight keeps the order, and a duplicate record changes no mapper's output.
     */
    static final class RawInput implements AutoCloseable {
        private final KafkaProducer<String, byte[]> producer;
        private final Topics topics;
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private final long started = System.nanoTime();
        private long version = 1;
        private long sent;

        RawInput(final EmbeddedKafka kafka, final Topics topics) {
            final Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
            props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
            props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
            props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
            this.topics = topics;
        }

        /** The next Vend version this input hands out (each record gets its own, rising). */
        long nextVersion() {
            return version;
        }

        /** Sends {@code json} as a snapshot read of {@code entity}, keyed {@code key}, at the next version. */
        void send(final String entity, final String key, final String json) {
            final long recordVersion = version++;
            final VendChange change = VendChange.newBuilder().setBefore(null).setAfter(json).setOp(Op.r)
                    .setSource(VendSource.newBuilder().setDomainPrefix("bench").setEntity(entity).setVersion(recordVersion)
                            .setTsMs(System.currentTimeMillis()).setTrigger("snapshot").setSnapshot(true).build())
                    .setTsMs(System.currentTimeMillis()).build();
            final String topic = topics.raw(entity).name();
            producer.send(new ProducerRecord<>(topic, key, topics.raw(entity).valueSerde().serializer().serialize(topic, change)),
                    (metadata, e) -> {
                        if (e != null) {
                            failure.compareAndSet(null, e);
                        }
                    });
            sent++;
        }

        @Override
        public void close() {
            producer.flush();
            producer.close();
            if (failure.get() != null) {
                throw new IllegalStateException("producing the benchmark's input failed", failure.get());
            }
            System.out.printf(Locale.ROOT, "  produced %,d raw records in %.1f s%n", sent, (System.nanoTime() - started) / 1e9);
        }
    }

    /**
     * A topology's output rate, two ways: over the whole run from RUNNING (start-up included: opening its stores,
     * restoring, loading its tables), and steady, between the first committed read that holds 10% of the expected keys
     * and the first that holds 90% (what a running mapper sustains; a short run's start-up weighs on the first figure
     * by how many stores the topology opens, not by what it does per record).
     */
    record Rate(double fromRunning, double steady) {
    }

    /** Runs a topology until {@code output} holds {@code expected} distinct keys (committed); returns their rate. */
    static Rate run(final EmbeddedKafka kafka, final Topics topics, final String name, final String output,
                    final int expected, final Consumer<StreamsBuilder> topology) throws Exception {
        return run(kafka, topics, name, null, output, expected, topology);
    }

    /**
     * The same, with the Streams properties the mapper app gives its registered topology {@code registered} (null: the
     * configuration's own), so a topology with settings of its own is measured as it runs.
     */
    static Rate run(final EmbeddedKafka kafka, final Topics topics, final String name, final String registered, final String output,
                    final int expected, final Consumer<StreamsBuilder> topology) throws Exception {
        return run(kafka, topics, name, registered, output, expected, value -> true, topology);
    }

    /**
     * The same, counting a key only once a record of it is {@code settled} (a family published with its tax, not the
     * first decision made before the outlets arrived): the clock then stops when every key holds what the input means.
     */
    static Rate run(final EmbeddedKafka kafka, final Topics topics, final String name, final String registered, final String output,
                    final int expected, final Predicate<byte[]> settled, final Consumer<StreamsBuilder> topology) throws Exception {
        // An application id of its own per topics prefix: a later round must not restore an earlier round's state.
        final MapperConfig config = config(kafka.bootstrapServers(), topics, topics.prefix() + name);
        final Properties props = registered == null ? config.streamsProperties()
                : MapperApp.streamsProperties(config, MapperTopologies.production().registration(registered));
        props.put("default.key.serde", Serdes.StringSerde.class.getName());
        final long started = System.nanoTime();
        try (KafkaStreams streams = new KafkaStreams(build(topology, props), props)) {
            final CountDownLatch running = new CountDownLatch(1);
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.RUNNING) {
                    running.countDown();
                }
            });
            streams.start();
            running.await(60, TimeUnit.SECONDS);
            final long runningAt = System.nanoTime();
            final long deadline = runningAt + Duration.ofMinutes(10).toNanos();
            long count = 0;
            long lowCount = -1;
            long lowAt = 0;
            long highCount = -1;
            long highAt = 0;
            try (CommittedCount committed = new CommittedCount(kafka, output, settled)) {
                long reportAt = runningAt + 1_000_000_000L;
                while (count < expected && System.nanoTime() < deadline) {
                    count = committed.read();
                    final long now = System.nanoTime();
                    if (lowCount < 0 && count >= expected / 10) {
                        lowCount = count;
                        lowAt = now;
                    }
                    if (highCount < 0 && count >= expected * 9L / 10) {
                        highCount = count;
                        highAt = now;
                    }
                    if (Boolean.getBoolean("bench.verbose") && now > reportAt) {
                        System.out.printf(Locale.ROOT, "  %s: %,d out after %.0f s%n", name, count, (now - runningAt) / 1e9);
                        reportAt += 1_000_000_000L;
                    }
                }
            }
            final double seconds = (System.nanoTime() - runningAt) / 1e9;
            final long published;
            try (CommittedCount all = new CommittedCount(kafka, output, value -> true)) {
                published = all.records();
            }
            final double rate = count / seconds;
            final double steady = highCount > lowCount && highAt > lowAt ? (highCount - lowCount) / ((highAt - lowAt) / 1e9) : Double.NaN;
            System.out.printf(Locale.ROOT, "%-13s %,d records out in %.1f s after RUNNING (%.1f s to RUNNING): %,.0f records/s;"
                            + " steady (10%%-90%% of the output) %,.0f records/s; stream threads' CPU %.1f us/record, heap allocated %,.0f bytes/record;"
                            + " %,d records published for them%s%n",
                    name, count, seconds, (runningAt - started) / 1e9, rate, steady,
                    streamThreads(props, false) / 1e3 / Math.max(1, count), (double) streamThreads(props, true) / Math.max(1, count),
                    published, count < expected ? String.format(Locale.ROOT, " (INCOMPLETE: %,d expected)", expected) : "");
            streams.close(Duration.ofSeconds(30));
            return new Rate(rate, steady);
        }
    }

    /** The topology built as the mapper app builds it: with its configuration (naming checks, optimizations). */
    static Topology build(final Consumer<StreamsBuilder> topology, final Properties props) {
        final StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
        topology.accept(builder);
        return builder.build(props);
    }

    /**
     * What the application's stream threads (named after its application id) have used so far, all of their life: CPU
     * nanoseconds, or the bytes they allocated on the heap (what the collector, on the same cores, has to reclaim).
     */
    private static long streamThreads(final Properties props, final boolean allocated) {
        final String prefix = props.getProperty("application.id") + "-";
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (final java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(prefix) && info.getThreadName().contains("-StreamThread-")
                    && !info.getThreadName().contains("producer")) {
                total += Math.max(0, allocated ? threads.getThreadAllocatedBytes(info.getThreadId()) : threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /**
     * Counts the distinct keys of the committed records of {@code topic} by reading them (end offsets would also count
     * transaction markers, which under exactly-once are many, and a key published twice would count twice: either
     * would stop the clock before the work is done).
     */
    private static final class CommittedCount implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Predicate<byte[]> settled;
        private final Set<ByteBuffer> keys = new HashSet<>();
        private long records;

        CommittedCount(final EmbeddedKafka kafka, final String topic, final Predicate<byte[]> settled) {
            this.settled = settled;
            final Properties props = new Properties();
            props.put("bootstrap.servers", kafka.bootstrapServers());
            props.put("isolation.level", "read_committed");
            props.put("max.poll.records", 10_000);
            consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            final List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        long read() {
            consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                records++;
                if (settled.test(record.value())) {
                    keys.add(ByteBuffer.wrap(record.key()));
                }
            });
            return keys.size();
        }

        /** Every committed record on the topic now, tombstones and re-publications included. */
        long records() {
            long before;
            do {
                before = records;
                read();
            } while (records > before);
            return records;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
