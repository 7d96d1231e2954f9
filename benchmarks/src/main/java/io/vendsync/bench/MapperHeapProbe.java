package io.vendsync.bench;

import io.vendsync.mapper.MapperConfig;
import io.vendsync.mapper.identity.IdentityTopology;
import io.vendsync.mapper.inventory.InventoryMappingTopology;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.serde.SerdeFactory;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/**
 * The mapper's heap with many SKU mappings, measured in a JVM of its own: the broker (and the producer that loaded
 * the products) stay in the parent's JVM, so the used heap and RSS printed here are the mapper's alone. The parent
 * starts this class with {@link #run} and {@code -Xmx} at the target (512 MiB unless {@code -Dbench.heap.xmx}), so
 * a mapper that needs more fails with OutOfMemoryError instead of reporting a figure a bigger heap allowed.
 */
public final class MapperHeapProbe {

    static final long TARGET_MIB = 512;

    private MapperHeapProbe() {
    }

    /** Starts the probe in a child JVM against {@code bootstrap} and waits for it; prints its result lines. */
    static void run(final String bootstrap, final Topics topics, final int skus) throws IOException, InterruptedException {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final String xmx = System.getProperty("bench.heap.xmx", TARGET_MIB + "m");
        final List<String> command = new ArrayList<>(List.of(java, "-Xmx" + xmx));
        // The parent's -Dbench.* settings (guarantee, commit interval, Streams overrides) configure the mapper alike.
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench."))
                .forEach(k -> command.add("-D" + k + "=" + System.getProperty(k)));
        command.addAll(List.of("-cp", classPath(), MapperHeapProbe.class.getName(), bootstrap, topics.prefix(), Integer.toString(skus)));
        final Path log = Files.createTempFile("vendsync-bench-heap-", ".log");
        // The result lines go to stdout (shown here); the mapper's logging goes to stderr, kept in a file.
        final Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(log.toFile()).start();
        if (!process.waitFor(40, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            System.out.printf(Locale.ROOT, "heap: FAIL, the mapper JVM did not finish within 40 min; log %s%n", log);
            return;
        }
        if (process.exitValue() != 0) {
            final String out = Files.readString(log, StandardCharsets.UTF_8);
            System.out.printf(Locale.ROOT, "heap: FAIL, the mapper JVM (-Xmx%s) exited %d%s; log %s%n", xmx, process.exitValue(),
                    out.contains("OutOfMemoryError") ? " with OutOfMemoryError" : "", log);
        }
    }

    /** Under {@code exec:java} the benchmark's classes come from a class loader, not from java.class.path. */
    private static String classPath() {
        if (MapperHeapProbe.class.getClassLoader() instanceof URLClassLoader loader) {
            final String path = Arrays.stream(loader.getURLs()).filter(url -> "file".equals(url.getProtocol()))
                    .map(url -> new File(url.getPath()).getPath()).collect(Collectors.joining(File.pathSeparator));
            if (!path.isEmpty()) {
                return path;
            }
        }
        return System.getProperty("java.class.path");
    }

    /** args: bootstrap servers, topic prefix, number of SKUs the parent produced. */
    public static void main(final String[] args) throws Exception {
        final String bootstrap = args[0];
        final Topics topics = new Topics(args[1], SerdeFactory.singleObject());
        final int skus = Integer.parseInt(args[2]);
        final MapperConfig config = BenchStreams.config(bootstrap, topics, "bench-heap");
        final long before = usedHeapAfterGc();
        // The inventory path as deployed, in one application here: identity decides, inventory maps on what it published.
        final Properties props = config.streamsProperties();
        final Topology topology = BenchStreams.build(builder -> {
            IdentityTopology.build(builder, topics, config);
            InventoryMappingTopology.build(builder, topics, config);
        }, props);
        final long started = System.nanoTime();
        try (KafkaStreams streams = new KafkaStreams(topology, props)) {
            streams.start();
            final boolean settled = awaitSettled(bootstrap, "bench-heap", topics.rawProducts.name(), Duration.ofMinutes(30));
            final double seconds = (System.nanoTime() - started) / 1e9;
            final long after = usedHeapAfterGc();
            final long afterMib = after >> 20;
            System.out.printf(Locale.ROOT, "heap (mapper in its own JVM, -Xmx%s; the broker in another) with %,d SKU mappings %s in %.1f s:"
                            + " %,d MiB used after GC (%,d MiB before the mapper started; tables live in RocksDB, off heap); mapper process RSS %s%n",
                    System.getProperty("bench.heap.xmx", TARGET_MIB + "m"), skus, settled ? "loaded" : "NOT all loaded", seconds,
                    afterMib, before >> 20, rss());
            System.out.printf(Locale.ROOT, "heap target <= %d MiB: %s%n", TARGET_MIB,
                    settled && afterMib <= TARGET_MIB ? "PASS" : "FAIL");
            streams.close(Duration.ofSeconds(30));
        }
    }

    /**
     * Waits until the raw products are consumed and then until the application's committed offsets (its repartition
     * and resolution topics included) stop moving: under exactly-once those topics end with transaction markers, so
     * their lag never reaches zero, but the offsets stand still once the work is done.
     */
    private static boolean awaitSettled(final String bootstrap, final String group, final String rawProducts,
                                        final Duration timeout) throws Exception {
        final Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        final long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(props)) {
            while (System.nanoTime() < deadline && rawLag(admin, group, rawProducts) > 0) {
                Thread.sleep(1000);
            }
            Map<TopicPartition, OffsetAndMetadata> last = Map.of();
            int still = 0;
            while (System.nanoTime() < deadline && still < 10) {
                Thread.sleep(1000);
                final Map<TopicPartition, OffsetAndMetadata> now = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                still = now.equals(last) ? still + 1 : 0;
                last = now;
            }
            return still >= 10;
        }
    }

    private static long rawLag(final Admin admin, final String group, final String topic) throws Exception {
        final Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        final Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        final int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        long lag = 0;
        for (final Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : admin.listOffsets(latest).all().get().entrySet()) {
            final OffsetAndMetadata at = committed.get(end.getKey());
            lag += end.getValue().offset() - (at == null ? 0 : at.offset());
        }
        return lag;
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
        } catch (IOException e) {
            // Not Linux: no RSS figure.
        }
        return "n/a";
    }
}
