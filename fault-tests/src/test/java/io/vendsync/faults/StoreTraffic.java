package io.vendsync.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vendsync.simulator.SaleLine;
import io.vendsync.simulator.SalePayment;
import io.vendsync.simulator.VendSimulator;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a store's tills do while a fault happens, fired by the simulator like Vend would (webhooks included): every
 * {@code interval} one of a closed sale (half of the steps: one or two stocked products, so two tax rates where their
 * outlet taxes differ; a third of them with a sale-level discount, the others with some line discounts, paid in cash, by
 * card or split; half of them to a customer), a new customer, or an edit of an existing customer's last name.
 * A burst of {@code max} steps, seeded (distinct seeds give distinct new customers), so the work a test adds is bounded
 * however slow the machine is. Needs {@code seed}, {@code seedStore} (registers, payment types, customers) and
 * {@code addDiscountProduct}.
 */
final class StoreTraffic implements AutoCloseable {

    private static final BigDecimal LINE_DISCOUNT = new BigDecimal("0.50");
    private static final BigDecimal SALE_DISCOUNT = new BigDecimal("0.50");
    /** Below any sale's total: a seeded price is at least 1.00, less a 0.50 discount, plus tax. */
    private static final BigDecimal SPLIT_CASH = new BigDecimal("0.10");

    private final VendSimulator vend;
    private final long seed;
    private final Random random;
    private final List<String> registers;
    private final String cash;
    private final String card;
    private final Thread thread;
    private final AtomicInteger sales = new AtomicInteger();
    private final AtomicInteger customersAdded = new AtomicInteger();
    private final AtomicInteger customerEdits = new AtomicInteger();
    private volatile boolean stopped;
    private volatile RuntimeException failure;

    private StoreTraffic(final VendSimulator vend, final Duration interval, final int max, final long seed) {
        this.vend = vend;
        this.seed = seed;
        this.random = new Random(seed);
        this.registers = vend.records("registers").stream().map(r -> r.path("id").asText()).toList();
        this.cash = paymentType("Cash");
        this.card = paymentType("Credit Card");
        this.thread = new Thread(() -> {
            for (int step = 0; !stopped && step < max; step++) {
                try {
                    switch (step % 4) {
                        case 0, 2 -> sale();
                        case 1 -> addCustomer(step);
                        default -> editCustomer(step);
                    }
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    failure = e;
                    return;
                }
            }
        }, "store-traffic");
        thread.setDaemon(true);
    }

    static StoreTraffic start(final VendSimulator vend, final Duration interval, final int max, final long seed) {
        final StoreTraffic traffic = new StoreTraffic(vend, interval, max, seed);
        traffic.thread.start();
        return traffic;
    }

    private String paymentType(final String name) {
        return vend.records("payment_types").stream().filter(t -> name.equals(t.path("name").asText())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no payment type " + name + ": seedStore first")).path("id").asText();
    }

    private void sale() {
        // Stocked products: the retailer's discount product is none.
        final List<String> products = vend.inventory().stream().map(r -> r.productId()).distinct().sorted().toList();
        final boolean saleDiscount = random.nextInt(3) == 0;
        final List<SaleLine> lines = new ArrayList<>();
        final int first = random.nextInt(products.size());
        final int count = 1 + random.nextInt(2);
        for (int i = 0; i < count; i++) {
            // Seeded prices are at least 1.00, so a 0.50 discount, on the line or the sale, leaves a positive total.
            lines.add(new SaleLine(products.get((first + i) % products.size()), 1 + random.nextInt(3),
                    !saleDiscount && random.nextInt(3) == 0 ? LINE_DISCOUNT : BigDecimal.ZERO));
        }
        final List<SalePayment> payments = switch (random.nextInt(3)) {
            case 0 -> List.of(SalePayment.rest(cash));
            case 1 -> List.of(SalePayment.rest(card));
            default -> List.of(new SalePayment(cash, SPLIT_CASH), SalePayment.rest(card));
        };
        final String register = registers.get(random.nextInt(registers.size()));
        final String customer = random.nextBoolean() ? liveCustomer().path("id").asText() : null;
        if (saleDiscount) {
            vend.createSaleWithSaleDiscount(register, customer, lines, payments, SALE_DISCOUNT);
        } else {
            vend.createSale(register, customer, lines, payments, "CLOSED");
        }
        sales.incrementAndGet();
    }

    private void addCustomer(final int step) {
        final ObjectNode fields = fields(liveCustomer());
        fields.put("customer_code", "FAULT-" + seed + "-" + step);
        fields.put("first_name", "Fay");
        fields.put("last_name", "Kill" + seed + "x" + step);
        fields.put("email", "fay.kill+" + seed + "x" + step + "@example.com");
        vend.putCustomer(new UUID(random.nextLong(), random.nextLong()).toString(), fields);
        customersAdded.incrementAndGet();
    }

    private void editCustomer(final int step) {
        final JsonNode customer = liveCustomer();
        vend.putCustomer(customer.path("id").asText(), fields(customer).put("last_name", "Edited" + seed + "x" + step));
        customerEdits.incrementAndGet();
    }

    private JsonNode liveCustomer() {
        final List<JsonNode> live = vend.records("customers").stream().filter(c -> c.path("deleted_at").isNull()
                || c.path("deleted_at").isMissingNode()).toList();
        return live.get(random.nextInt(live.size()));
    }

    /** A customer's 2.0 fields as putCustomer takes them: without what Vend sets itself. */
    private static ObjectNode fields(final JsonNode customer) {
        final ObjectNode fields = customer.deepCopy();
        for (final String own : List.of("id", "version", "created_at", "updated_at", "deleted_at")) {
            fields.remove(own);
        }
        return fields;
    }

    int sales() {
        return sales.get();
    }

    /** Waits until the burst is over; fails if a step failed (the simulator refused a sale or customer). */
    String finish() throws InterruptedException {
        thread.join(60_000);
        if (failure != null) {
            throw new IllegalStateException("store traffic failed", failure);
        }
        return sales.get() + " sales, " + customersAdded.get() + " new customers, " + customerEdits.get() + " customer edits";
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join(5_000);
    }
}
