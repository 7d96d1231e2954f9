package io.vendsync.bench;

import io.vendsync.mapper.MapperTopics;
import io.vendsync.mapper.identity.IdentityTopology;
import io.vendsync.mapper.inventory.InventoryMappingTopology;
import io.vendsync.mapper.MapperConfig;
import io.vendsync.runtime.CommonConfig;
import io.vendsync.runtime.TopicProvisioner;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.raw.Op;
import io.vendsync.schemas.raw.VendChange;
import io.vendsync.schemas.raw.VendSource;
import io.vendsync.schemas.serde.SerdeFactory;
import io.vendsync.testkit.kafka.EmbeddedKafka;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
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

/**
 * Mapper throughput on a real broker under exactly_once_v2 with Avro, beside a pass-through topology
 * (same broker, same guarantee, same serdes, no joins) measured in the same run, and the heap the mapper
 * holds with many SKU mappings, measured in a JVM of its own (see {@link MapperHeapProbe}). Prints its numbers and
 * the heap target's pass or fail; it asserts nothing.
 *
 * <pre>mvn -q -pl benchmarks -am -DskipTests compile dependency:build-classpath -Dmdep.outputFile=/tmp/bench.cp
 * java -cp "benchmarks/target/classes:$(cat /tmp/bench.cp)" io.vendsync.bench.MapperBenchmark
 *     [-Dbench.inventory=200000] [-Dbench.products=20000] [-Dbench.outlets=10] [-Dbench.skus=1000000]
 *     [-Dbench.guarantee=exactly_once_v2|at_least_once] [-Dbench.commit.interval.ms=100] [-Dbench.streams.KEY=VALUE]
 *     [-Dbench.heap.only=true] [-Dbench.heap.xmx=512m]</pre>
 */
public final class MapperBenchmark {

    private static final int PARTITIONS = 3;
    private static final java.util.concurrent.atomic.AtomicReference<Exception> SEND_FAILURE =
            new java.util.concurrent.atomic.AtomicReference<>();

    private MapperBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final int inventory = Integer.getInteger("bench.inventory", 200_000);
        final int products = Integer.getInteger("bench.products", 20_000);
        final int outlets = Integer.getInteger("bench.outlets", 10);
        final int skus = Integer.getInteger("bench.skus", 1_000_000);
        System.out.printf(Locale.ROOT, "processing.guarantee=%s commit.interval.ms=%s%n",
                System.getProperty("bench.guarantee", "exactly_once_v2"), System.getProperty("bench.commit.interval.ms", "100"));
        if (Boolean.getBoolean("bench.heap.only")) {
            try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
                final Topics heapTopics = topics(kafka, "bench.heap.");
                produce(kafka, heapTopics, skus, 1, 1, true);
                MapperHeapProbe.run(kafka.bootstrapServers(), heapTopics, skus);
            }
            return;
        }
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            System.out.printf(Locale.ROOT, "broker %s; %d inventory records over %d products x %d outlets, %d partitions%n",
                    kafka.bootstrapServers(), inventory, products, outlets, PARTITIONS);

            // Identity first and alone (products and outlets are resolved once and then change rarely), then the
            // inventory mapper on the published resolutions: the figure the issue asks for is the inventory path's.
            final Topics mapperTopics = topics(kafka, "bench.mapper.");
            produce(kafka, mapperTopics, products, outlets, 0, true);
            final MapperConfig identityConfig = config(kafka, mapperTopics, "bench-identity");
            final double identityRate = run(kafka, mapperTopics, "identity", mapperTopics.productResolutions.name(), products,
                    builder -> IdentityTopology.build(builder, mapperTopics, identityConfig));
            produce(kafka, mapperTopics, products, outlets, inventory, false);
            final MapperConfig mapperConfig = config(kafka, mapperTopics, "bench-mapper");
            final double mapperRate = run(kafka, mapperTopics, "inventory", mapperTopics.canonicalInventory.name(), inventory,
                    builder -> InventoryMappingTopology.build(builder, mapperTopics, mapperConfig));

            final Topics passTopics = topics(kafka, "bench.pass.");
            produce(kafka, passTopics, products, outlets, inventory, true);
            final double passRate = run(kafka, passTopics, "pass-through", passTopics.canonicalInventory.name() + ".pass",
                    inventory, builder -> builder
                    .stream(passTopics.rawInventory.name(), passTopics.rawInventory.consumed())
                    // Raw inventory is keyed by product; the output is counted by distinct keys, so each record gets its
                    // own (its Vend version), without a repartition.
                    .selectKey((productId, change) -> Long.toString(change.getSource().getVersion()))
                    .to(passTopics.canonicalInventory.name() + ".pass", passTopics.rawInventory.produced()));
            System.out.printf(Locale.ROOT, "inventory mapper / pass-through = %.2f; identity (products resolved) / pass-through = %.3f%n",
                    mapperRate / passRate, identityRate / passRate);

            final Topics heapTopics = topics(kafka, "bench.heap.");
            produce(kafka, heapTopics, skus, 1, 1, true);
            MapperHeapProbe.run(kafka.bootstrapServers(), heapTopics, skus);
        }
    }

    private static Topics topics(final EmbeddedKafka kafka, final String prefix) throws Exception {
        final Topics topics = new Topics(prefix, SerdeFactory.singleObject());
        final Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        TopicProvisioner.ensure(props, topics, PARTITIONS, (short) 1);
        TopicProvisioner.ensure(props, MapperTopics.of(topics).all(), PARTITIONS, (short) 1);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(
                    topics.canonicalInventory.name() + ".pass", PARTITIONS, (short) 1))).all().get();
        }
        return topics;
    }

    private static MapperConfig config(final EmbeddedKafka kafka, final Topics topics, final String appId) throws Exception {
        return config(kafka.bootstrapServers(), topics, appId);
    }

    static MapperConfig config(final String bootstrapServers, final Topics topics, final String appId) throws Exception {
        final Map<String, String> settings = new HashMap<>();
        settings.put(CommonConfig.BOOTSTRAP_SERVERS, bootstrapServers);
        settings.put(CommonConfig.TOPIC_PREFIX, topics.prefix());
        settings.put(MapperConfig.APPLICATION_ID, appId);
        settings.put(MapperConfig.STATE_DIR, Files.createTempDirectory("vendsync-bench").toString());
        settings.put(MapperConfig.COMMIT_INTERVAL_MS, System.getProperty("bench.commit.interval.ms", "100"));
        settings.put(MapperConfig.PROCESSING_GUARANTEE, System.getProperty("bench.guarantee", "exactly_once_v2"));
        // -Dbench.streams.<key>=<value> passes any Kafka Streams or client setting, for tuning experiments.
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.streams."))
                .forEach(k -> settings.put(CommonConfig.KAFKA_CLIENT_PREFIX + k.substring("bench.streams.".length()),
                        System.getProperty(k)));
        return new MapperConfig(settings);
    }

    /**
     * Outlets and products first (the mappings; unless {@code catalog} is false), then inventory spread over them.
     * Not idempotent: the idempotent producer here keeps hitting OutOfOrderSequenceException retries right after the
     * topics are created (and then expires batches, which would lose input); one request in flight keeps the order,
     * and a duplicate record changes nothing in the mapper or in the distinct keys counted.
     */
    private static void produce(final EmbeddedKafka kafka, final Topics topics, final int products, final int outlets,
                                final int inventory, final boolean catalog) throws Exception {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        final long started = System.nanoTime();
        long version = 1;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int o = 0; catalog && o < outlets; o++) {
                final String id = "outlet-" + o;
                send(producer, topics, "outlets", id, "{\"id\":\"" + id + "\",\"name\":\"Outlet " + o + "\",\"deleted_at\":null,\"version\":" + version + "}", version++);
            }
            for (int p = 0; catalog && p < products; p++) {
                final String id = "product-" + p;
                send(producer, topics, "products", id, "{\"id\":\"" + id + "\",\"sku\":\"SKU-" + p
                        + "\",\"has_inventory\":true,\"deleted_at\":null,\"version\":" + version + "}", version++);
            }
            for (int i = 0; i < inventory; i++) {
                final String id = "inv-" + i;
                // Keyed by product id, as the ingest publishes inventory.
                send(producer, topics, "inventory", "product-" + (i % products), "{\"id\":\"" + id + "\",\"product_id\":\"product-" + (i % products)
                        + "\",\"outlet_id\":\"outlet-" + (i / products % outlets) + "\",\"inventory_level\":" + (i % 97)
                        + ",\"version\":" + version + "}", version++);
            }
            producer.flush();
        }
        if (SEND_FAILURE.get() != null) {
            // A lost input record would show as a slow or stuck mapper; say what happened instead.
            throw new IllegalStateException("producing the benchmark's input failed", SEND_FAILURE.get());
        }
        System.out.printf(Locale.ROOT, "  produced %d raw records in %.1f s%n", (catalog ? outlets + products : 0) + inventory,
                (System.nanoTime() - started) / 1e9);
    }

    private static void send(final KafkaProducer<String, byte[]> producer, final Topics topics, final String entity,
                             final String id, final String json, final long version) {
        final VendChange change = VendChange.newBuilder().setBefore(null).setAfter(json).setOp(Op.r)
                .setSource(VendSource.newBuilder().setDomainPrefix("bench").setEntity(entity).setVersion(version)
                        .setTsMs(System.currentTimeMillis()).setTrigger("snapshot").setSnapshot(true).build())
                .setTsMs(System.currentTimeMillis()).build();
        final String topic = topics.raw(entity).name();
        producer.send(new ProducerRecord<>(topic, id, topics.raw(entity).valueSerde().serializer().serialize(topic, change)),
                (metadata, e) -> {
                    if (e != null) {
                        SEND_FAILURE.compareAndSet(null, e);
                    }
                });
    }

    /** Runs a topology until {@code output} holds {@code expected} records; returns output records per second. */
    private static double run(final EmbeddedKafka kafka, final Topics topics, final String name, final String output,
                              final int expected,
                              final java.util.function.Consumer<StreamsBuilder> topology) throws Exception {
        final StreamsBuilder builder = new StreamsBuilder();
        topology.accept(builder);
        final Properties props = config(kafka, topics, "bench-" + name).streamsProperties();
        props.put("default.key.serde", Serdes.StringSerde.class.getName());
        final long started = System.nanoTime();
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
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
            try (CommittedCount committed = new CommittedCount(kafka, output)) {
                while (count < expected && System.nanoTime() < deadline) {
                    count = committed.read();
                }
            }
            final double seconds = (System.nanoTime() - runningAt) / 1e9;
            final double rate = count / seconds;
            System.out.printf(Locale.ROOT, "%-13s %,d records out in %.1f s after RUNNING (%.1f s to RUNNING): %,.0f records/s%n",
                    name, count, seconds, (runningAt - started) / 1e9, rate);
            streams.close(Duration.ofSeconds(30));
            return rate;
        }
    }

    /**
     * Counts the distinct keys of the committed records of {@code topic} by reading them (end offsets would also count
     * transaction markers, which under exactly-once are many, and a key published twice would count twice: either
     * would stop the clock before the work is done).
     */
    private static final class CommittedCount implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final java.util.Set<java.nio.ByteBuffer> keys = new java.util.HashSet<>();

        CommittedCount(final EmbeddedKafka kafka, final String topic) {
            final Properties props = new Properties();
            props.put("bootstrap.servers", kafka.bootstrapServers());
            props.put("isolation.level", "read_committed");
            props.put("max.poll.records", 10_000);
            consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            final List<TopicPartition> partitions = new java.util.ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        long read() {
            consumer.poll(Duration.ofMillis(100)).forEach(record -> keys.add(java.nio.ByteBuffer.wrap(record.key())));
            return keys.size();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
