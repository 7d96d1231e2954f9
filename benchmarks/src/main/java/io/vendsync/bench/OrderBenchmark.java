package io.vendsync.bench;

import com.commercetools.api.client.ProjectApiRoot;
import io.vendsync.demo.LocalPipeline;
import io.vendsync.ingest.IngestConfig;
import io.vendsync.mapper.MapperConfig;
import io.vendsync.simulator.InventoryRecord;
import io.vendsync.simulator.Product;
import io.vendsync.simulator.SaleLine;
import io.vendsync.simulator.SalePayment;
import io.vendsync.simulator.SimulatorOptions;
import io.vendsync.simulator.VendSimulator;
import io.vendsync.sink.SinkApp;
import io.vendsync.sink.internals.CommercetoolsClient;
import io.vendsync.testkit.commercetools.CommercetoolsMock;
import io.vendsync.testkit.kafka.EmbeddedKafka;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * Orders per second into the commercetools mock through the whole pipeline under exactly-once (Vend simulator -> ingest
 * -> order mapper with {@code exactly_once_v2} -> sink), beside the inventory sink's rate through the same pipeline in the
 * same run: after the initial sync, every inventory level changes once in Vend, then {@code bench.sales} closed sales are
 * rung up (one or two lines, some with a line discount, cash, card or split, half to a customer). Each rate runs from the
 * first record the sink applied to the last, so start-up and the ingest's first poll are not counted. The sales also
 * lower stock, so the inventory loop is busy beside the orders, as in a store. Prints its numbers; asserts nothing.
 *
 * <pre>mvn -q -pl benchmarks -am -DskipTests package  (once), then
 * mvn -q -o -pl benchmarks -am -DskipTests -Dbench.main=io.vendsync.bench.OrderBenchmark compile exec:java
 *     [-Dbench.sales=300] [-Dbench.products=100]</pre>
 */
public final class OrderBenchmark {

    private static final int OUTLETS = 2;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private OrderBenchmark() {
    }

    public static void main(final String[] args) throws Exception {
        final int sales = Integer.getInteger("bench.sales", 300);
        final int products = Integer.getInteger("bench.products", 100);
        System.out.printf(Locale.ROOT, "order benchmark: %d sales, %d products x %d outlets, %d cores%n", sales, products, OUTLETS,
                Runtime.getRuntime().availableProcessors());
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); CommercetoolsMock mock = CommercetoolsMock.start();
             VendSimulator vend = VendSimulator.start(SimulatorOptions.defaults().withRateLimitPerWindow(1_000_000))) {
            vend.seed(OUTLETS, products, 7L);
            vend.seedStore(1, 20, 7L);
            final CommercetoolsMock project = mock.withUniqueProjectKey();
            final String prefix = "bench" + UUID.randomUUID().toString().substring(0, 8) + ".";
            // The deployment's wiring (the demo's); a roomy rate budget, so the ingest's governor is not what is measured, and
            // no price books: prices waiting on a retry tier for their products would still be applied while orders are timed.
            final Map<String, String> ingest = Map.of(IngestConfig.VEND_RATE_BUDGET, "100000", IngestConfig.VEND_ENTITIES,
                    String.join(",", IngestConfig.DEFAULT_ENTITIES.stream().filter(e -> !e.startsWith("price_book")).toList()));
            try (LocalPipeline pipeline = LocalPipeline.start(new LocalPipeline.Settings(kafka.bootstrapServers(), prefix,
                    project.projectKey(), Duration.ofMillis(200), false, ingest), vend, project);
                 ProjectApiRoot api = CommercetoolsClient.build(project.projectKey(), project.clientId(), project.clientSecret(),
                         List.of(), project.authUrl(), project.apiUrl(), null)) {
                final SinkApp.Handle sinkApp = pipeline.sink();
                System.out.printf(Locale.ROOT, "mapper processing guarantee: %s%n",
                        pipeline.mapperConfig().getString(MapperConfig.PROCESSING_GUARANTEE));
                final List<InventoryRecord> levels = vend.inventory();
                final long started = System.nanoTime();
                // The initial sync: every level and every product (an order waits on a retry tier until its SKUs exist), and
                // the rest of the catalog (tax categories, customers) settled.
                awaitAtLeast("initial inventory", () -> sinkApp.statistics().processed(), levels.size(), 2);
                awaitAtLeast("products in commercetools", () -> api.productProjections().get().withStaged(true).withLimit(1)
                        .withWithTotal(true).executeBlocking().getBody().getTotal(), vend.products().size(), 500);
                awaitQuiet(() -> sinkApp.catalogStatistics().orElseThrow().processed() + sinkApp.catalogStatistics().orElseThrow().retried());
                System.out.printf(Locale.ROOT, "initial sync: %d levels and %d catalog records in %.1f s%n", levels.size(),
                        sinkApp.catalogStatistics().orElseThrow().processed(), (System.nanoTime() - started) / 1e9);

                final LongSupplier inventoryApplied = () -> sinkApp.statistics().processed();
                final long inventoryBase = inventoryApplied.getAsLong();
                for (final InventoryRecord level : levels) {
                    vend.setInventory(level.productId(), level.outletId(), level.inventoryLevel() + 1000);
                }
                final double inventorySeconds = measure("inventory", inventoryApplied, inventoryBase, levels.size());

                final LongSupplier ordersCreated = () -> sinkApp.catalogStatistics().orElseThrow().created();
                final long ordersBase = ordersCreated.getAsLong();
                final long retriedBefore = sinkApp.catalogStatistics().orElseThrow().retried();
                ringUp(vend, sales);
                final double orderSeconds = measure("orders", ordersCreated, ordersBase, sales);

                System.out.println();
                System.out.println("| pipeline (ingest -> mapper exactly_once_v2 -> sink -> mock) | records | seconds | per second |");
                System.out.println("|---|---|---|---|");
                System.out.printf(Locale.ROOT, "| inventory levels | %,d | %.1f | %.0f |%n", levels.size(), inventorySeconds,
                        levels.size() / inventorySeconds);
                System.out.printf(Locale.ROOT, "| orders (closed sales) | %,d | %.1f | %.1f |%n", sales, orderSeconds, sales / orderSeconds);
                System.out.printf(Locale.ROOT, "orders per second / inventory levels per second: %.3f%n",
                        (sales / orderSeconds) / (levels.size() / inventorySeconds));
                final var catalog = sinkApp.catalogStatistics().orElseThrow();
                System.out.printf(Locale.ROOT, "catalog sink: %d failed, %d retried (%d while the orders were timed); inventory sink: %d failed%n",
                        catalog.failed(), catalog.retried(), catalog.retried() - retriedBefore, sinkApp.statistics().failed());
            }
        }
        System.exit(0);
    }

    /** {@code count} closed sales over the registers, seeded. */
    private static void ringUp(final VendSimulator vend, final int count) {
        final Random random = new Random(11);
        final List<String> registers = vend.records("registers").stream().map(r -> r.path("id").asText()).toList();
        final List<String> customers = vend.records("customers").stream().map(c -> c.path("id").asText()).toList();
        final String cash = paymentType(vend, "Cash");
        final String card = paymentType(vend, "Credit Card");
        final List<Product> products = vend.products();
        for (int i = 0; i < count; i++) {
            final int first = random.nextInt(products.size());
            final List<SaleLine> lines = random.nextBoolean() ? List.of(new SaleLine(products.get(first).id(), 1 + random.nextInt(3)))
                    : List.of(new SaleLine(products.get(first).id(), 1, new BigDecimal("0.50")),
                    new SaleLine(products.get((first + 1) % products.size()).id(), 2));
            final List<SalePayment> payments = switch (i % 3) {
                case 0 -> List.of(SalePayment.rest(cash));
                case 1 -> List.of(SalePayment.rest(card));
                default -> List.of(new SalePayment(cash, BigDecimal.ONE), SalePayment.rest(card));
            };
            vend.createSale(registers.get(i % registers.size()), i % 2 == 0 ? customers.get(random.nextInt(customers.size())) : null,
                    lines, payments, "CLOSED");
        }
    }

    private static String paymentType(final VendSimulator vend, final String name) {
        return vend.records("payment_types").stream().filter(t -> name.equals(t.path("name").asText())).findFirst().orElseThrow()
                .path("id").asText();
    }

    /** Seconds from the first record applied after {@code base} to the {@code count}-th (scaled by count / (count - 1)). */
    private static double measure(final String what, final LongSupplier applied, final long base, final int count)
            throws InterruptedException {
        awaitAtLeast(what + ": the first", applied, base + 1, 2);
        final long start = System.nanoTime();
        awaitAtLeast(what, applied, base + count, 2);
        return (System.nanoTime() - start) / 1e9 * count / Math.max(1, count - 1);
    }

    private static void awaitAtLeast(final String what, final LongSupplier counter, final long target, final long pollMs)
            throws InterruptedException {
        final long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (counter.getAsLong() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": " + counter.getAsLong() + " of " + target + " after " + TIMEOUT);
            }
            Thread.sleep(pollMs);
        }
    }

    /** Waits until {@code counter} has not moved for two seconds. */
    private static void awaitQuiet(final LongSupplier counter) throws InterruptedException {
        long last = -1;
        for (int still = 0; still < 8; ) {
            final long now = counter.getAsLong();
            still = now == last ? still + 1 : 0;
            last = now;
            Thread.sleep(250);
        }
    }
}
