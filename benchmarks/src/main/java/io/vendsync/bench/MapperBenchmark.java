package io.vendsync.bench;

import io.vendsync.mapper.MapperConfig;
import io.vendsync.mapper.identity.IdentityTopology;
import io.vendsync.mapper.inventory.InventoryMappingTopology;
import io.vendsync.schemas.Topics;
import io.vendsync.testkit.kafka.EmbeddedKafka;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Mapper throughput on a real broker under exactly_once_v2 with Avro, beside a pass-through topology
 * (same broker, same guarantee, same serdes, no joins) measured in the same run, and the heap the mapper
 * holds with many SKU mappings, measured in a JVM of its own (see {@link MapperHeapProbe}). Prints its numbers and
 * the heap target's pass or fail; it asserts nothing.
 *
 * <p>Every round measures each topology on topics of its own; the first round is a warm-up (the JIT compiles the
 * Streams, Avro and mapper code while it runs, and whichever topology ran first would pay for it); the figure is the
 * median of the later rounds' ratios (one pass-through run lasts a few seconds and varies by a third here), printed with
 * each round's. Each rate is printed from RUNNING (start-up included) and steady, between 10% and 90% of the output
 * ({@link BenchStreams.Rate}); the steady one is what a running mapper sustains at Black Friday rates, and the other is
 * mostly start-up for a topology with many stores in a run this short. Each round also measures a "store floor": the pass-through plus one read and one write of a
 * changelogged store per record, the least a mapper that remembers each record (to gate late events) can cost here,
 * and the product and price mappers on a store's catalog ({@link CatalogMapperRuns}). Each line also prints the CPU time
 * the topology's stream threads spent per record: the steadier figure on a noisy machine.
 *
 * <pre>mvn -q -pl benchmarks -am -DskipTests compile dependency:build-classpath -Dmdep.outputFile=/tmp/bench.cp
 * java -cp "benchmarks/target/classes:$(cat /tmp/bench.cp)" io.vendsync.bench.MapperBenchmark
 *     [-Dbench.inventory=200000] [-Dbench.products=20000] [-Dbench.outlets=10] [-Dbench.skus=1000000] [-Dbench.rounds=4]
 *     [-Dbench.guarantee=exactly_once_v2|at_least_once] [-Dbench.commit.interval.ms=100] [-Dbench.streams.KEY=VALUE]
 *     [-Dbench.heap.only=true] [-Dbench.heap.xmx=512m] [-Dbench.verbose=true] [-Dbench.catalog=false]</pre>
 */
public final class MapperBenchmark {

    private MapperBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final int inventory = Integer.getInteger("bench.inventory", 200_000);
        final int products = Integer.getInteger("bench.products", 20_000);
        final int outlets = Integer.getInteger("bench.outlets", 10);
        final int skus = Integer.getInteger("bench.skus", 1_000_000);
        final int rounds = Integer.getInteger("bench.rounds", 4);
        if (rounds < 2) {
            throw new IllegalArgumentException("bench.rounds must be at least 2: the first is a warm-up");
        }
        if (inventory > (long) products * outlets) {
            throw new IllegalArgumentException("bench.inventory must be at most bench.products x bench.outlets: each record is one"
                    + " (product, outlet), and the run counts distinct canonical keys");
        }
        System.out.printf(Locale.ROOT, "processing.guarantee=%s commit.interval.ms=%s%n",
                System.getProperty("bench.guarantee", "exactly_once_v2"), System.getProperty("bench.commit.interval.ms", "100"));
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            if (!Boolean.getBoolean("bench.heap.only")) {
                System.out.printf(Locale.ROOT, "broker %s; %,d inventory records over %,d products x %d outlets, %d partitions, %d rounds%n",
                        kafka.bootstrapServers(), inventory, products, outlets, BenchStreams.PARTITIONS, rounds);
                final List<Double> steady = new ArrayList<>();
                final List<Double> fromRunning = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    System.out.printf(Locale.ROOT, "--- round %d of %d%s%n", round, rounds, round == 1 ? " (warm-up)" : "");
                    final double[] ratio = round(kafka, "bench.r" + round + ".", inventory, products, outlets,
                            round == 1 || round == rounds); // the catalog mappers: warm-up and one figure (each takes minutes)
                    if (round > 1) {
                        steady.add(ratio[0]);
                        fromRunning.add(ratio[1]);
                    }
                }
                // The median of the rounds after the warm-up: one round's pass-through lasts a few seconds, and the same
                // code measured twice here differs by a third; every round's ratio is printed above.
                System.out.printf(Locale.ROOT, "inventory mapper / pass-through over rounds 2-%d: steady %s; from RUNNING %s (target >= 0.5)%n",
                        rounds, spread(steady), spread(fromRunning));
            }
            final Topics heapTopics = BenchStreams.topics(kafka, "bench.heap.");
            try (BenchStreams.RawInput input = new BenchStreams.RawInput(kafka, heapTopics)) {
                catalog(input, skus, 1);
                inventory(input, skus, 1, 1);
            }
            MapperHeapProbe.run(kafka.bootstrapServers(), heapTopics, skus);
        }
    }

    /**
     * One round; returns the inventory mapper's rate over the pass-through's, steady and from RUNNING. The catalog
     * mappers run when asked.
     */
    private static double[] round(final EmbeddedKafka kafka, final String prefix, final int inventory, final int products,
                                final int outlets, final boolean catalogMappers) throws Exception {
        // Identity first and alone (products and outlets are resolved once and then change rarely), then the
        // inventory mapper on the published resolutions: the figure the issue asks for is the inventory path's.
        final Topics mapperTopics = BenchStreams.topics(kafka, prefix + "mapper.");
        try (BenchStreams.RawInput input = new BenchStreams.RawInput(kafka, mapperTopics)) {
            catalog(input, products, outlets);
        }
        final MapperConfig identityConfig = BenchStreams.config(kafka.bootstrapServers(), mapperTopics, prefix + "identity");
        final double identityRate = BenchStreams.run(kafka, mapperTopics, "identity", mapperTopics.productResolutions.name(),
                products, builder -> IdentityTopology.build(builder, mapperTopics, identityConfig)).fromRunning();
        try (BenchStreams.RawInput input = new BenchStreams.RawInput(kafka, mapperTopics)) {
            inventory(input, products, outlets, inventory);
        }
        final MapperConfig mapperConfig = BenchStreams.config(kafka.bootstrapServers(), mapperTopics, prefix + "inventory");
        final BenchStreams.Rate mapperRate = BenchStreams.run(kafka, mapperTopics, "inventory", mapperTopics.canonicalInventory.name(),
                inventory, builder -> InventoryMappingTopology.build(builder, mapperTopics, mapperConfig));

        final String passOutput = prefix + "pass.out";
        final Topics passTopics = BenchStreams.topics(kafka, prefix + "pass.", passOutput);
        try (BenchStreams.RawInput input = new BenchStreams.RawInput(kafka, passTopics)) {
            catalog(input, products, outlets);
            inventory(input, products, outlets, inventory);
        }
        final BenchStreams.Rate passRate = BenchStreams.run(kafka, passTopics, "pass-through", passOutput, inventory, builder -> builder
                .stream(passTopics.rawInventory.name(), passTopics.rawInventory.consumed())
                // Raw inventory is keyed by product; the output is counted by distinct keys, so each record gets its
                // own (its Vend version), without a repartition.
                .selectKey((productId, change) -> Long.toString(change.getSource().getVersion()))
                .to(passOutput, passTopics.rawInventory.produced()));

        final String floorOutput = prefix + "floor.out";
        final Topics floorTopics = BenchStreams.topics(kafka, prefix + "floor.", floorOutput);
        try (BenchStreams.RawInput input = new BenchStreams.RawInput(kafka, floorTopics)) {
            catalog(input, products, outlets);
            inventory(input, products, outlets, inventory);
        }
        final BenchStreams.Rate floorRate = BenchStreams.run(kafka, floorTopics, "store-floor", floorOutput, inventory,
                builder -> StoreFloor.build(builder, floorTopics, floorOutput));

        // The product and the price mapper on a store's catalog (families, taxes, price books), on their own topics.
        final double[] catalogRates = catalogMappers && Boolean.parseBoolean(System.getProperty("bench.catalog", "true"))
                ? CatalogMapperRuns.measure(kafka, prefix, products, outlets) : new double[] {Double.NaN, Double.NaN};

        final double pass = passRate.fromRunning();
        System.out.printf(Locale.ROOT, "inventory mapper / pass-through = %.2f steady, %.2f from RUNNING (target >= 0.5);"
                        + " store floor / pass-through = %.2f steady, %.2f from RUNNING;"
                        + " identity (products resolved) / pass-through = %.3f; product mapper (families) / pass-through = %.3f;"
                        + " price mapper (SKUs priced) / pass-through = %.3f%n",
                mapperRate.steady() / passRate.steady(), mapperRate.fromRunning() / pass,
                floorRate.steady() / passRate.steady(), floorRate.fromRunning() / pass,
                identityRate / pass, catalogRates[0] / pass, catalogRates[1] / pass);
        return new double[] {mapperRate.steady() / passRate.steady(), mapperRate.fromRunning() / pass};
    }

    /** "median m (min a, max b)" of the values. */
    private static String spread(final List<Double> values) {
        final List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        final int n = sorted.size();
        final double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return String.format(Locale.ROOT, "median %.2f (min %.2f, max %.2f)", median, sorted.get(0), sorted.get(n - 1));
    }

    /** Outlets, then products, each with its own SKU. */
    private static void catalog(final BenchStreams.RawInput input, final int products, final int outlets) {
        for (int o = 0; o < outlets; o++) {
            final String id = "outlet-" + o;
            input.send("outlets", id, "{\"id\":\"" + id + "\",\"name\":\"Outlet " + o + "\",\"deleted_at\":null,\"version\":"
                    + input.nextVersion() + "}");
        }
        for (int p = 0; p < products; p++) {
            final String id = "product-" + p;
            input.send("products", id, "{\"id\":\"" + id + "\",\"sku\":\"SKU-" + p
                    + "\",\"has_inventory\":true,\"deleted_at\":null,\"version\":" + input.nextVersion() + "}");
        }
    }

    /** Inventory records, each a distinct (product, outlet), keyed by product id as the ingest publishes them. */
    private static void inventory(final BenchStreams.RawInput input, final int products, final int outlets, final int inventory) {
        for (int i = 0; i < inventory; i++) {
            final String productId = "product-" + (i % products);
            input.send("inventory", productId, "{\"id\":\"inv-" + i + "\",\"product_id\":\"" + productId
                    + "\",\"outlet_id\":\"outlet-" + (i / products % outlets) + "\",\"inventory_level\":" + (i % 97)
                    + ",\"version\":" + input.nextVersion() + "}");
        }
    }
}
