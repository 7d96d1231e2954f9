package io.vendsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vendsync.demo.LocalPipeline;
import io.vendsync.ingest.IngestConfig;
import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.schemas.ops.IntegrationLogEntry;
import io.vendsync.schemas.raw.VendChange;
import io.vendsync.schemas.serde.SerdeFactory;
import io.vendsync.simulator.InventoryRecord;
import io.vendsync.simulator.SimulatorOptions;
import io.vendsync.simulator.VendSimulator;
import io.vendsync.testkit.commercetools.CommercetoolsMock;
import io.vendsync.testkit.kafka.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Latency from a stock change in Vend to the commercetools write, through the whole stack of {@link LocalPipeline}
 * (simulator → webhook → ingest → raw topic → mapper under exactly-once → canonical topic → sink → commercetools mock),
 * all in this JVM on a real broker, the mock in its own node process. Prints its numbers; asserts nothing.
 *
 * <p>After the store's initial sync, the simulator changes stock at {@code bench.rate} events per second for
 * {@code bench.seconds} seconds, round robin over every (product, outlet), each change to a quantity no other change
 * uses, so a write names the change it carries. A change has arrived when commercetools got its quantity or that of
 * a later change of the same (product, outlet) (Vend reads return the current state, so a change overtaken before it
 * was read is rightly never written on its own); it is lost when neither happened by the end. The write time is
 * when the sink's integration log recorded commercetools' answer. Beside the total it prints when each change became
 * visible on the raw and the canonical topic (read_committed, as the next stage sees it), and each stage's share per
 * change (ingest, mapper, sink: the time between a change's arrivals at two stages), to show where the time goes.
 *
 * <pre>mvn -q -pl benchmarks -am -DskipTests package && java -cp "benchmarks/target/classes:$(mvn -q -pl benchmarks \
 *   dependency:build-classpath -Dmdep.outputFile=/dev/stdout)" io.vendsync.bench.EndToEndLatencyBenchmark \
 *   [-Dbench.rate=200] [-Dbench.seconds=30] [-Dbench.products=100] [-Dbench.outlets=10]</pre>
 */
public final class EndToEndLatencyBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Quantities of the measured changes start here, far above the seeded levels (below 100). */
    private static final long BASE_QUANTITY = 1_000_000;
    /** A store this busy has registers: 300 x registers + 50 requests per 5 minutes (Vend's documented limit). */
    private static final int REGISTERS = 20;
    /** Which changes a stage never saw, printed after the tables. */
    private static final List<String> NEVER_ARRIVED = new java.util.concurrent.CopyOnWriteArrayList<>();

    private EndToEndLatencyBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final int rate = Integer.getInteger("bench.rate", 200);
        final int seconds = Integer.getInteger("bench.seconds", 30);
        final int products = Integer.getInteger("bench.products", 100);
        final int outlets = Integer.getInteger("bench.outlets", 10);
        final int vendLimit = 300 * REGISTERS + 50;
        System.out.printf(Locale.ROOT, "end-to-end latency: %d stock changes/s for %d s over %d products x %d outlets, webhooks on, "
                + "%d cores, load %s%n", rate, seconds, products, outlets, Runtime.getRuntime().availableProcessors(), load());
        final String prefix = "lat" + UUID.randomUUID().toString().substring(0, 8) + ".";
        final Topics topics = new Topics(prefix, SerdeFactory.singleObject());
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); CommercetoolsMock mock = CommercetoolsMock.start();
             VendSimulator vend = VendSimulator.start(SimulatorOptions.defaults().withRateLimitPerWindow(vendLimit))) {
            vend.seed(outlets, products, 7L);
            final List<InventoryRecord> pairs = vend.inventory();
            // vendsync's default share (vend.rate.share 0.3) of the limit, given here as the store has no registers seeded.
            final Map<String, String> ingest = Map.of(IngestConfig.VEND_RATE_BUDGET, Integer.toString((int) (0.3 * vendLimit)));
            final long syncStart = System.nanoTime();
            try (LocalPipeline pipeline = LocalPipeline.start(new LocalPipeline.Settings(kafka.bootstrapServers(), prefix,
                    mock.withUniqueProjectKey().projectKey(), Duration.ofHours(1), true, ingest), vend, mock)) {
                awaitQuiet(pipeline, pairs.size());
                System.out.printf(Locale.ROOT, "initial sync of %d inventory records: %.1f s%n", pairs.size(),
                        (System.nanoTime() - syncStart) / 1e9);

                final int total = rate * seconds;
                final long[] changedAt = new long[total];
                final Timeline raw = new Timeline(total, pairs.size());
                final Timeline canonical = new Timeline(total, pairs.size());
                final Timeline written = new Timeline(total, pairs.size());
                final AtomicBoolean stop = new AtomicBoolean();
                final java.util.concurrent.atomic.AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();
                final java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();
                final java.util.concurrent.atomic.AtomicLong readMs = new java.util.concurrent.atomic.AtomicLong();
                final java.util.concurrent.atomic.AtomicLong writeMs = new java.util.concurrent.atomic.AtomicLong();
                final List<Thread> watchers = List.of(
                        watch(kafka, topics.rawInventory, stop, (record, at) -> quantityOf(record.value())
                                .ifPresent(q -> raw.arrived(q, at))),
                        watch(kafka, topics.canonicalInventory, stop, (record, at) -> canonical.arrived(record.value().getQuantity(),
                                at)),
                        watch(kafka, topics.integrationLog, stop, (record, at) -> {
                            countRequest(record.value(), reads, writes, readMs, writeMs);
                            writtenQuantity(record.value()).ifPresent(q -> written.arrived(q, record.value().getTsMs()));
                        }));
                Thread.sleep(2_000); // the watchers' consumers join and seek to the end

                final long start = System.nanoTime();
                for (int i = 0; i < total; i++) {
                    final long due = start + i * 1_000_000_000L / rate;
                    final long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    final int pair = i % pairs.size();
                    changedAt[i] = System.currentTimeMillis();
                    vend.setInventory(pairs.get(pair).productId(), pairs.get(pair).outletId(), BASE_QUANTITY + i);
                }
                final double driven = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "driven: %d changes in %.1f s (%.0f/s)%n", total, driven, total / driven);
                // Until every change arrived, or nothing arrived for 20 s (at most 2 minutes).
                final long deadline = System.nanoTime() + 120_000_000_000L;
                long lastCount = -1;
                long lastProgress = System.nanoTime();
                while (System.nanoTime() < deadline && written.count() < total
                        && System.nanoTime() - lastProgress < 20_000_000_000L) {
                    Thread.sleep(250);
                    if (written.count() != lastCount) {
                        lastCount = written.count();
                        lastProgress = System.nanoTime();
                    }
                }
                stop.set(true);
                for (final Thread watcher : watchers) {
                    watcher.join(10_000);
                }
                System.out.println();
                System.out.println("| from the Vend change to | arrived | never arrived | p50 ms | p95 ms | p99 ms | max ms |");
                System.out.println("|---|---|---|---|---|---|---|");
                raw.print("raw topic (ingest committed)", changedAt);
                canonical.print("canonical topic (mapper committed)", changedAt);
                written.print("**commercetools write**", changedAt);
                System.out.println();
                NEVER_ARRIVED.forEach(System.out::println);
                System.out.println();
                System.out.println("| stage (per change, both ends seen) | changes | p50 ms | p95 ms | p99 ms | max ms |");
                System.out.println("|---|---|---|---|---|---|");
                raw.printSince("ingest: Vend change -> raw topic", changedAt);
                canonical.printSince("mapper: raw topic -> canonical topic", raw.arrivals());
                written.printSince("sink: canonical topic -> commercetools write", canonical.arrivals());
                System.out.printf(Locale.ROOT, "%nsink requests from the first change on: %d inventory reads (mean %.0f ms), "
                        + "%d inventory writes (mean %.0f ms)%n", reads.get(), readMs.get() / (double) Math.max(1, reads.get()),
                        writes.get(), writeMs.get() / (double) Math.max(1, writes.get()));
                System.out.printf(Locale.ROOT, "ingest: %d cursor reads, %d Vend requests of a budget of %d per %d s "
                        + "(%d in the window now), waited %d ms for the budget, paced %d ms%n",
                        pipeline.ingest().scheduler().reads(), pipeline.ingest().governor().acquired(),
                        pipeline.ingest().governor().budget(), pipeline.ingest().governor().window().toSeconds(),
                        pipeline.ingest().governor().inWindow(), pipeline.ingest().governor().waitedMillis(),
                        pipeline.ingest().scheduler().pacedMillis());
                System.out.printf(Locale.ROOT, "sink: %s; webhooks accepted %d; load %s%n", pipeline.sink().statistics().reportMessage(),
                        pipeline.ingest().webhooks().accepted(), load());
            }
        }
        System.exit(0);
    }

    /** Waits until the sink applied at least {@code records} inventory records and then nothing for 3 s. */
    private static void awaitQuiet(final LocalPipeline pipeline, final int records) throws InterruptedException {
        final long deadline = System.nanoTime() + 600_000_000_000L;
        long last = -1;
        long since = System.nanoTime();
        while (System.nanoTime() < deadline) {
            final long processed = pipeline.sink().statistics().processed();
            if (processed != last) {
                last = processed;
                since = System.nanoTime();
            } else if (processed >= records && System.nanoTime() - since > 3_000_000_000L) {
                return;
            }
            if (!pipeline.sink().isRunning()) {
                throw new IllegalStateException("the sink stopped", pipeline.sink().failure().orElse(null));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the initial sync did not finish: " + pipeline.sink().statistics().reportMessage());
    }

    /** A thread reading {@code topic} from its end (read_committed), handing each record and when it was seen on. */
    private static <V> Thread watch(final EmbeddedKafka kafka, final Topic<String, V> topic, final AtomicBoolean stop,
                                    final BiConsumer<ConsumerRecord<String, V>, Long> seen) {
        final Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "latency-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        final Thread thread = new Thread(() -> {
            try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
                    topic.valueSerde().deserializer())) {
                consumer.subscribe(List.of(topic.name()));
                while (!stop.get()) {
                    for (final ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(100))) {
                        if (record.value() != null) {
                            seen.accept(record, System.currentTimeMillis());
                        }
                    }
                }
            }
        }, "latency-watch-" + topic.name());
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static java.util.OptionalLong quantityOf(final VendChange change) {
        try {
            final JsonNode after = change.getAfter() == null ? null : JSON.readTree(change.getAfter());
            return after == null || !after.has("inventory_level") ? java.util.OptionalLong.empty()
                    : java.util.OptionalLong.of(after.get("inventory_level").asLong());
        } catch (Exception e) {
            return java.util.OptionalLong.empty();
        }
    }

    private static void countRequest(final IntegrationLogEntry entry, final java.util.concurrent.atomic.AtomicLong reads,
                                     final java.util.concurrent.atomic.AtomicLong writes, final java.util.concurrent.atomic.AtomicLong readMs,
                                     final java.util.concurrent.atomic.AtomicLong writeMs) {
        // The ingest logs its Vend cursor reads (.../inventory?after=...) here too: only commercetools requests are the sink's.
        if ("commercetools".equals(entry.getSystem()) && entry.getUrl().contains("/inventory")) {
            final boolean read = "GET".equals(entry.getMethod());
            (read ? reads : writes).incrementAndGet();
            (read ? readMs : writeMs).addAndGet(entry.getLatencyMs());
        }
    }

    /** The quantity an answered inventory create or update wrote. */
    private static java.util.OptionalLong writtenQuantity(final IntegrationLogEntry entry) {
        if (!"commercetools".equals(entry.getSystem()) || !"POST".equals(entry.getMethod()) || entry.getStatus() / 100 != 2
                || !entry.getUrl().contains("/inventory")
                || entry.getRequestBody() == null) {
            return java.util.OptionalLong.empty();
        }
        try {
            final JsonNode body = JSON.readTree(entry.getRequestBody());
            if (body.has("quantityOnStock")) {
                return java.util.OptionalLong.of(body.get("quantityOnStock").asLong());
            }
            for (final JsonNode action : body.path("actions")) {
                if ("changeQuantity".equals(action.path("action").asText())) {
                    return java.util.OptionalLong.of(action.get("quantity").asLong());
                }
            }
        } catch (Exception e) {
            // a cut body: not one of ours (ours are short)
        }
        return java.util.OptionalLong.empty();
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "?";
        }
    }

    /**
     * When each change arrived at one stage: the first time its quantity, or that of a later change of the same
     * (product, outlet), was seen there. Thread-safe.
     */
    static final class Timeline {

        private final AtomicLongArray arrivedAt;
        /** Changes go round robin over the pairs: the same pair comes back every {@code stride} changes. */
        private final int stride;
        private final java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();

        Timeline(final int changes, final int stride) {
            this.arrivedAt = new AtomicLongArray(changes);
            this.stride = stride;
        }

        void arrived(final long quantity, final long at) {
            final long index = quantity - BASE_QUANTITY;
            if (index < 0 || index >= arrivedAt.length()) {
                return; // not a measured change (the initial sync)
            }
            // This change and the earlier ones of its pair that had not arrived yet.
            for (long i = index; i >= 0; i -= stride) {
                if (arrivedAt.compareAndSet((int) i, 0, at)) {
                    count.incrementAndGet();
                } else if (i != index) {
                    break; // the earlier ones arrived before
                }
            }
        }

        long count() {
            return count.get();
        }

        /** When each change arrived here, 0 for never. */
        long[] arrivals() {
            final long[] at = new long[arrivedAt.length()];
            for (int i = 0; i < at.length; i++) {
                at[i] = arrivedAt.get(i);
            }
            return at;
        }

        void print(final String stage, final long[] changedAt) {
            final long[] sorted = since(changedAt);
            final long lost = arrivedAt.length() - sorted.length;
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %s |%n", stage, sorted.length, lost, percentiles(sorted));
            if (lost > 0) {
                // Which ones: the last changes of the run point at a stage still catching up when the wait ended.
                int first = -1;
                int last = -1;
                for (int i = 0; i < arrivedAt.length(); i++) {
                    if (arrivedAt.get(i) == 0 || changedAt[i] == 0) {
                        first = first < 0 ? i : first;
                        last = i;
                    }
                }
                NEVER_ARRIVED.add(String.format(Locale.ROOT, "%s: never arrived among changes #%d..#%d of %d", stage, first, last,
                        arrivedAt.length()));
            }
        }

        /** This stage's share: per change seen at both, the time from its arrival at {@code before} to its arrival here. */
        void printSince(final String stage, final long[] before) {
            final long[] sorted = since(before);
            System.out.printf(Locale.ROOT, "| %s | %d | %s |%n", stage, sorted.length, percentiles(sorted));
        }

        private long[] since(final long[] before) {
            final List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < arrivedAt.length(); i++) {
                final long at = arrivedAt.get(i);
                if (at != 0 && before[i] != 0) {
                    latencies.add(Math.max(0, at - before[i]));
                }
            }
            return latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        }

        private static String percentiles(final long[] sorted) {
            return percentile(sorted, 0.50) + " | " + percentile(sorted, 0.95) + " | " + percentile(sorted, 0.99) + " | "
                    + (sorted.length == 0 ? "-" : Long.toString(sorted[sorted.length - 1]));
        }

        private static String percentile(final long[] sorted, final double p) {
            return sorted.length == 0 ? "-" : Long.toString(sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]);
        }
    }
}
