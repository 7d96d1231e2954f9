package io.vendsync.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vendsync.simulator.Outlet;
import io.vendsync.simulator.Product;
import io.vendsync.testkit.kafka.KafkaFixture;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * kill -9 of the sink (twice) and of the mapper (once, with the sink's 2nd kill), each a child JVM, while the store's
 * tills keep adding and editing customers and closing sales ({@link StoreTraffic}). One run, one row per entity: the
 * catalog loop writes customers and orders side by side, so one set of kills exercises both.
 */
@ExtendWith(FaultTable.class)
class CustomerAndOrderKillFaultTest {

    private static final Duration LAND = Duration.ofSeconds(150);
    /** Steps of till traffic per kill: bounded work, whatever the machine's speed. */
    private static final int BURST = 30;
    private static final String FAULT = "kill -9: sink x2, mapper x1 (child JVMs)";

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void shouldHoldExactlyOneCustomerPerLiveVendCustomerAndOneOrderPerClosedSaleAfterTheSinkAndMapperAreKilledMidRun()
            throws Exception {
        final long started = System.nanoTime();
        final Random pause = new Random(11);
        try (SyncRig rig = SyncRig.start(KafkaFixture.shared().bootstrapServers(), "tills");
             ChildJvm mapper = new ChildJvm("mapper", "io.vendsync.mapper.MapperApp", rig.mapperSettings(), rig.workDir);
             ChildJvm sink = new ChildJvm("sink", "io.vendsync.sink.SinkApp", rig.sinkSettings(), rig.workDir)) {
            rig.vend.seedStore(1, 12, 43L); // registers, payment types, 12 customers
            // What a store's sales hold beyond line discounts: sale-level discounts, and two tax rates in one sale (every
            // other product sells at a reduced rate).
            final List<Product> products = rig.vend.products();
            final String discountProduct = rig.vend.addDiscountProduct();
            final String reduced = rig.vend.addTax("Reduced", new BigDecimal("0.05"));
            for (int i = 1; i < products.size(); i += 2) {
                for (final Outlet outlet : rig.vend.outlets()) {
                    rig.vend.setOutletTax(products.get(i).id(), outlet.id(), reduced);
                }
            }
            rig.startIngest(Duration.ofSeconds(1), false);
            rig.subscribeWebhooks(List.of("customer.update", "sale.update", "inventory.update", "product.update"));
            mapper.start();
            sink.start();
            sink.awaitLog("Sink consuming", LAND);
            awaitProducts(rig, products); // sales refer to the products' SKUs
            for (int kill = 1; kill <= 2; kill++) {
                // A burst of till traffic; the kill lands inside it, while customers and sales are read, mapped and written.
                try (StoreTraffic burst = StoreTraffic.start(rig.vend, Duration.ofMillis(150), BURST, kill)) {
                    Thread.sleep(1500 + pause.nextInt(1500));
                    sink.kill();
                    if (kill == 2) {
                        mapper.kill(); // the whole processing side at once, as when a node dies
                    }
                    Steps.log("store traffic: %s", burst.finish());
                }
                if (kill == 2) {
                    mapper.start();
                    mapper.awaitLog("started", LAND);
                }
                sink.start();
                sink.awaitLog("Sink consuming", LAND);
                awaitCustomersOfNow(rig); // the restarted apps move customers and orders end to end again
                awaitOrdersOfNow(rig);
            }
            assertThat(sink.kills()).isEqualTo(2);
            assertThat(mapper.kills()).isEqualTo(1);
            assertThat(sink.isAlive() && mapper.isAlive()).as("restarted apps still running").isTrue();
            final List<JsonNode> sales = rig.vend.records("sales");
            assertThat(sales).as("sales with a sale-level discount").anyMatch(s -> s.path("line_items").findValuesAsText("product_id")
                    .contains(discountProduct));
            assertThat(sales).as("sales with two tax rates").anyMatch(s -> s.path("taxes").size() == 2);
            CatalogVerdict.settle(rig, List.of(replayed -> CatalogVerdict.customers(rig, "customers: " + FAULT, started, replayed),
                    replayed -> CatalogVerdict.orders(rig, "orders: " + FAULT, started, replayed)));
        }
    }

    private static void awaitProducts(final SyncRig rig, final List<Product> products) throws InterruptedException {
        final Set<String> skus = products.stream().map(Product::sku).collect(Collectors.toSet());
        await("the seeded products in commercetools", () -> SyncRig.read(rig.reader::productSkus).containsAll(skus));
    }

    /** Waits until every customer Vend holds now is in commercetools by key. */
    private static void awaitCustomersOfNow(final SyncRig rig) throws InterruptedException {
        final Set<String> keys = rig.vend.records("customers").stream().map(c -> rig.customerKey(c.path("id").asText()))
                .collect(Collectors.toSet());
        await(keys.size() + " customers in commercetools", () -> SyncRig.read(rig.reader::customerKeys).containsAll(keys));
    }

    /** Waits until every sale Vend holds closed now has an order in commercetools (by order number). */
    private static void awaitOrdersOfNow(final SyncRig rig) throws InterruptedException {
        final Set<String> numbers = rig.vend.records("sales").stream().filter(s -> s.path("status").asText().endsWith("CLOSED"))
                .map(s -> s.path("invoice_number").asText()).collect(Collectors.toSet());
        await(numbers.size() + " orders in commercetools", () -> SyncRig.read(rig.reader::orders).stream()
                .map(o -> o.path("orderNumber").asText()).collect(Collectors.toSet()).containsAll(numbers));
    }

    private static void await(final String what, final java.util.function.BooleanSupplier done) throws InterruptedException {
        final long deadline = System.nanoTime() + LAND.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + LAND + ": " + what);
            }
            Thread.sleep(250);
        }
        Steps.log("landed: %s", what);
    }
}
