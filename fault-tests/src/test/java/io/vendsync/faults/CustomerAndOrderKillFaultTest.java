package io.vendsync.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vendsync.simulator.Outlet;
import io.vendsync.simulator.Product;
import io.vendsync.simulator.SaleLine;
import io.vendsync.testkit.kafka.KafkaFixture;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * kill -9 of the sink (twice) and of the mapper (once, with the sink's 2nd kill), each a child JVM, while the store's
 * tills keep adding and editing customers and closing sales ({@link StoreTraffic}). One run, one row per entity: the
 * catalog loop writes customers and orders side by side, so one set of kills exercises both. Around the 2nd kill, a few
 * closed sales get two partial returns (one before the kill, one while the apps are down): the returns row.
 */
@ExtendWith(FaultTable.class)
@Order(1)
class CustomerAndOrderKillFaultTest {

    private static final Duration LAND = Duration.ofSeconds(150);
    /** Steps of till traffic per kill: bounded work, whatever the machine's speed. */
    private static final int BURST = 30;
    private static final String FAULT = "kill -9: sink x2, mapper x1 (child JVMs)";
    /** Closed sales returned twice, one unit each time, around the 2nd kill: a handful, so the added time stays small. */
    private static final int RETURNED_SALES = 3;

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void shouldHoldOneCustomerPerLiveVendCustomerOneOrderPerClosedSaleAndEachReturnOnceAfterTheSinkAndMapperAreKilledMidRun()
            throws Exception {
        final long started = System.nanoTime();
        final Random pause = new Random(11);
        final List<Returned> returned = new ArrayList<>();
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
                    if (kill == 2) {
                        // Issue 13: a first partial return of some of the 1st burst's sales just before the kill, so it is
                        // read, mapped or written when the apps die; the second return of each follows while they are down.
                        returned.addAll(returnable(rig, discountProduct));
                        returned.forEach(r -> rig.vend.returnSale(r.saleId(), List.of(new SaleLine(r.productId(), 1)), null));
                        Thread.sleep(300);
                    }
                    sink.kill();
                    if (kill == 2) {
                        mapper.kill(); // the whole processing side at once, as when a node dies
                        returned.forEach(r -> rig.vend.returnSale(r.saleId(), List.of(new SaleLine(r.productId(), 1)), null));
                        Steps.log("returns: %d sales returned twice, around the kill", returned.size());
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
            assertThat(returned).as("sales returned twice around the kill").hasSize(RETURNED_SALES);
            CatalogVerdict.settle(rig, List.of(replayed -> CatalogVerdict.customers(rig, "customers: " + FAULT, started, replayed),
                    replayed -> CatalogVerdict.orders(rig, "orders: " + FAULT, started, replayed),
                    replayed -> CatalogVerdict.returns(rig, "returns: " + FAULT, started, replayed)));
        }
    }

    /** A sale to return one unit of {@code productId} from, twice: the sale sold at least two of it. */
    private record Returned(String saleId, String productId) {
    }

    /** The first {@value #RETURNED_SALES} closed sales (by invoice number) with a product line of at least two units. */
    private static List<Returned> returnable(final SyncRig rig, final String discountProduct) {
        final List<Returned> found = new ArrayList<>();
        rig.vend.records("sales").stream().filter(CatalogVerdict::isClosedSale)
                .sorted(Comparator.comparing(s -> s.path("invoice_number").asText())).forEach(sale -> {
                    for (final JsonNode line : sale.path("line_items")) {
                        if (found.size() < RETURNED_SALES && line.path("quantity").asLong() >= 2
                                && !discountProduct.equals(line.path("product_id").asText())) {
                            found.add(new Returned(sale.path("id").asText(), line.path("product_id").asText()));
                            return;
                        }
                    }
                });
        return found;
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
        final Set<String> numbers = rig.vend.records("sales").stream().filter(CatalogVerdict::isClosedSale)
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
