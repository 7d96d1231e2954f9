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
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * Mapper throughput on a real broker under exactly_once_v2 with Avro, beside a pass-through topology
 * (same broker, same guarantee, same serdes, no joins) measured in the same run, and the heap the mapper
 * holds with many SKU mappings. Prints its numbers; it asserts nothing.
 *
 * <pre>mvn -q -pl benchmarks -am -DskipTests install &amp;&amp; mvn -q -pl benchmarks exec:java
 *     [-Dbench.inventory=200000] [-Dbench.products=20000] [-Dbench.outlets=10] [-Dbench.skus=1000000]
 *     [-Dbench.guarantee=exactly_once_v2|at_least_once] [-Dbench.commit.interval.ms=100] [-Dbench.streams.KEY=VALUE]</pre>
 */
public final class MapperBenchmark {

    private static final int PARTITIONS = 3;

    private MapperBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final int inventory = Integer.getInteger("bench.inventory", 200_000);
        final int products = Integer.getInteger("bench.products", 20_000);
        final int outlets = Integer.getInteger("bench.outlets", 10);
        final int skus = Integer.getInteger("bench.skus", 1_000_000);
        System.out.printf(Locale.ROOT, "processing.guarantee=%s commit.interval.ms=%s%n",
                System.getProperty("bench.guarantee", "exactly_once_v2"), System.getProperty("bench.commit.interval.ms", "100"));
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            System.out.printf(Locale.ROOT, "broker %s; %d inventory records over %d products x %d outlets, %d partitions%n",
                    kafka.bootstrapServers(), inventory, products, outlets, PARTITIONS);

            final Topics mapperTopics = topics(kafka, "bench.mapper.");
            produce(kafka, mapperTopics, products, outlets, inventory);
            final MapperConfig mapperConfig = config(kafka, mapperTopics, "bench-mapper");
            final double mapperRate = run(kafka, mapperTopics, "mapper", inventory,
                    builder -> identityAndInventory(builder, mapperTopics, mapperConfig));

            final Topics passTopics = topics(kafka, "bench.pass.");
            produce(kafka, passTopics, products, outlets, inventory);
            final double passRate = run(kafka, passTopics, "pass-through", inventory, builder -> builder
                    .stream(passTopics.rawInventory.name(), passTopics.rawInventory.consumed())
                    .to(passTopics.canonicalInventory.name() + ".pass", passTopics.rawInventory.produced()));
            System.out.printf(Locale.ROOT, "mapper / pass-through = %.2f%n", mapperRate / passRate);

            final Topics heapTopics = topics(kafka, "bench.heap.");
            produce(kafka, heapTopics, skus, 1, 1);
            measureHeap(kafka, heapTopics, skus);
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
        final Map<String, String> settings = new HashMap<>();
        settings.put(CommonConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
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

    /** Outlets and products first (the mappings), then inventory spread over them. */
    private static void produce(final EmbeddedKafka kafka, final Topics topics, final int products, final int outlets,
                                final int inventory) throws Exception {
        final Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        final long started = System.nanoTime();
        long version = 1;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int o = 0; o < outlets; o++) {
                final String id = "outlet-" + o;
                send(producer, topics, "outlets", id, "{\"id\":\"" + id + "\",\"name\":\"Outlet " + o + "\",\"deleted_at\":null,\"version\":" + version + "}", version++);
            }
            for (int p = 0; p < products; p++) {
                final String id = "product-" + p;
                send(producer, topics, "products", id, "{\"id\":\"" + id + "\",\"sku\":\"SKU-" + p
                        + "\",\"has_inventory\":true,\"deleted_at\":null,\"version\":" + version + "}", version++);
            }
            for (int i = 0; i < inventory; i++) {
                final String id = "inv-" + i;
                send(producer, topics, "inventory", id, "{\"id\":\"" + id + "\",\"product_id\":\"product-" + (i % products)
                        + "\",\"outlet_id\":\"outlet-" + (i / products % outlets) + "\",\"inventory_level\":" + (i % 97)
                        + ",\"version\":" + version + "}", version++);
            }
            producer.flush();
        }
        System.out.printf(Locale.ROOT, "  produced %d raw records in %.1f s%n", outlets + products + inventory,
                (System.nanoTime() - started) / 1e9);
    }

    private static void send(final KafkaProducer<String, byte[]> producer, final Topics topics, final String entity,
                             final String id, final String json, final long version) {
        final VendChange change = VendChange.newBuilder().setBefore(null).setAfter(json).setOp(Op.r)
                .setSource(VendSource.newBuilder().setDomainPrefix("bench").setEntity(entity).setVersion(version)
                        .setTsMs(System.currentTimeMillis()).setTrigger("snapshot").setSnapshot(true).build())
                .setTsMs(System.currentTimeMillis()).build();
        final String topic = topics.raw(entity).name();
        producer.send(new ProducerRecord<>(topic, id, topics.raw(entity).valueSerde().serializer().serialize(topic, change)));
    }

    /** Runs a topology until its output holds {@code expected} records; returns output records per second. */
    private static double run(final EmbeddedKafka kafka, final Topics topics, final String name, final int expected,
                              final java.util.function.Consumer<StreamsBuilder> topology) throws Exception {
        final StreamsBuilder builder = new StreamsBuilder();
        topology.accept(builder);
        final Properties props = config(kafka, topics, "bench-" + name).streamsProperties();
        props.put("default.key.serde", Serdes.StringSerde.class.getName());
        final String output = "pass-through".equals(name) ? topics.canonicalInventory.name() + ".pass" : topics.canonicalInventory.name();
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
            while (count < expected && System.nanoTime() < deadline) {
                Thread.sleep(100);
                count = committedCount(kafka, output);
            }
            final double seconds = (System.nanoTime() - runningAt) / 1e9;
            final double rate = count / seconds;
            System.out.printf(Locale.ROOT, "%-13s %,d records out in %.1f s after RUNNING (%.1f s to RUNNING): %,.0f records/s%n",
                    name, count, seconds, (runningAt - started) / 1e9, rate);
            streams.close(Duration.ofSeconds(30));
            return rate;
        }
    }

    private static long committedCount(final EmbeddedKafka kafka, final String topic) throws Exception {
        final Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            // End offsets include transaction markers; a close upper bound of the records, good enough to stop the clock.
            long total = 0;
            for (final ListOffsetsResult.ListOffsetsResultInfo info : admin.listOffsets(latest,
                    new org.apache.kafka.clients.admin.ListOffsetsOptions(org.apache.kafka.common.IsolationLevel.READ_COMMITTED))
                    .all().get().values()) {
                total += info.offset();
            }
            return total;
        }
    }

    /** The inventory path as deployed, in one application here: identity decides, inventory maps on what it published. */
    private static void identityAndInventory(final StreamsBuilder builder, final Topics topics, final MapperConfig config) {
        IdentityTopology.build(builder, topics, config);
        InventoryMappingTopology.build(builder, topics, config);
    }

    /** Loads {@code skus} products into the mapper's tables and reports the heap it then holds. */
    private static void measureHeap(final EmbeddedKafka kafka, final Topics topics, final int skus) throws Exception {
        final long before = usedHeapAfterGc();
        final StreamsBuilder builder = new StreamsBuilder();
        identityAndInventory(builder, topics, config(kafka, topics, "bench-heap"));
        final Properties props = config(kafka, topics, "bench-heap").streamsProperties();
        final long started = System.nanoTime();
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            streams.start();
            final long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (System.nanoTime() < deadline && consumedLag(kafka, "bench-heap", topics.rawProducts.name()) > 0) {
                Thread.sleep(500);
            }
            final long after = usedHeapAfterGc();
            System.out.printf(Locale.ROOT, "heap with %,d SKU mappings loaded in %.1f s: %,d MiB used after GC (%,d MiB before the mapper started; product tables live in RocksDB, off heap); process RSS %s%n",
                    skus, (System.nanoTime() - started) / 1e9, after >> 20, before >> 20, rss());
            streams.close(Duration.ofSeconds(30));
        }
    }

    private static long consumedLag(final EmbeddedKafka kafka, final String group, final String topic) throws Exception {
        final Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            final Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            long lag = 0;
            for (final Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : admin.listOffsets(latest).all().get().entrySet()) {
                final org.apache.kafka.clients.consumer.OffsetAndMetadata at = committed.get(end.getKey());
                lag += end.getValue().offset() - (at == null ? 0 : at.offset());
            }
            return lag;
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String rss() {
        try {
            for (final String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return line.substring("VmRSS:".length()).trim();
                }
            }
        } catch (java.io.IOException e) {
            // Not Linux: no RSS figure.
        }
        return "n/a";
    }
}
