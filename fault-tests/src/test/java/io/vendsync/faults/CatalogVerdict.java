package io.vendsync.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vendsync.schemas.FailureHeaders;
import io.vendsync.schemas.Topic;
import io.vendsync.sink.SinkTopics;
import io.vendsync.sink.orders.ReturnActions;
import io.vendsync.sink.orders.ReturnWriter;
import io.vendsync.testkit.kafka.TopicProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * How a fault test of the catalog loops (customers, orders) ends, once its fault is over: wait until commercetools holds
 * what Vend says it should, let the catalog sink drain, replay its DLQ ({@code vendsync dlq replay --dlq catalog}) if it
 * holds anything, then compare per entity and add one {@link FaultTable} row each (before asserting, so a failing run
 * shows its numbers). Per entity: every canonical event sent must have its key in commercetools at a source version at
 * least the event's (nothing lost or regressed), and each key exactly once (the mock enforces no unique keys or order
 * numbers, so duplicates are counted, not assumed away).
 */
final class CatalogVerdict {

    static final Duration SETTLE = Duration.ofSeconds(90);

    /** What one entity's check found: its fault-table row and what is wrong (empty when all is well). */
    record Check(FaultTable.Row row, List<String> problems) {
    }

    /** One entity's canonical events and their failure copies. */
    private record EntityLedger(Set<Ledger.Event> sent, long replays, long retried, long deadLettered) {
    }

    private CatalogVerdict() {
    }

    /**
     * Waits until every check's problems are gone (or time runs out), lets the catalog sink drain and replays its DLQ,
     * then runs each check once more, adds their rows and asserts.
     *
     * @param checks per entity, a check from (replayed dead letters) to its row and problems
     */
    static List<Check> settle(final SyncRig rig, final List<Function<Integer, Check>> checks) throws Exception {
        Steps.log("catalog: settling");
        awaitNoProblems(() -> checks.stream().flatMap(c -> c.apply(0).problems().stream()).toList(), SETTLE);
        rig.awaitCatalogIdle(SETTLE);
        Steps.log("catalog sink idle");
        final DlqCli dlq = new DlqCli(rig.dlqSettings(), rig.workDir);
        int replayed = 0;
        if (!records(rig, SinkTopics.of(rig.topics).catalogDlq.name()).isEmpty()) {
            replayed = dlq.replay("catalog");
            Steps.log("catalog dlq replay: %d replayed", replayed);
            rig.awaitCatalogIdle(SETTLE);
            final int replays = replayed;
            awaitNoProblems(() -> checks.stream().flatMap(c -> c.apply(replays).problems().stream()).toList(), SETTLE);
        }
        final List<Check> results = new ArrayList<>();
        for (final Function<Integer, Check> check : checks) {
            final Check result = check.apply(replayed);
            FaultTable.add(result.row());
            results.add(result);
        }
        for (final Check result : results) {
            assertThat(result.problems()).as(result.row().fault()).isEmpty();
        }
        final DlqCli.Listing listing = dlq.list("catalog");
        assertThat(listing.resolved()).as("every catalog dead letter replayed and resolved: %s", listing.output())
                .isEqualTo(listing.deadLetters());
        return results;
    }

    /**
     * Customers: exactly one commercetools customer per live Vend customer (by key), holding Vend's last name and a
     * source version at least the newest one sent; none with a key Vend does not have.
     */
    static Check customers(final SyncRig rig, final String fault, final long startedNanos, final int replayed) {
        final List<JsonNode> vendCustomers = rig.vend.records("customers").stream()
                .filter(c -> c.path("deleted_at").isNull() || c.path("deleted_at").isMissingNode()).toList();
        final Map<String, JsonNode> expected = vendCustomers.stream()
                .collect(Collectors.toMap(c -> rig.customerKey(c.path("id").asText()), c -> c));
        final Map<String, List<JsonNode>> byKey = SyncRig.read(() -> rig.reader.customers()).stream()
                .collect(Collectors.groupingBy(c -> c.path("key").asText(""), TreeMap::new, Collectors.toList()));
        final EntityLedger ledger = ledger(rig, rig.topics.canonicalCustomers, "customer", c -> c.getKey(), c -> c.getSourceVersion(), c -> true);
        final List<String> problems = new ArrayList<>();
        expected.forEach((key, vend) -> {
            final List<JsonNode> found = byKey.getOrDefault(key, List.of());
            if (found.size() != 1) {
                problems.add(key + ": " + found.size() + " commercetools customers");
            } else if (!vend.path("last_name").asText().equals(found.get(0).path("lastName").asText())) {
                problems.add(key + ": last name " + found.get(0).path("lastName").asText() + ", Vend has " + vend.path("last_name").asText());
            }
        });
        byKey.keySet().stream().filter(key -> !expected.containsKey(key)).forEach(key -> problems.add(key + ": not a live Vend customer"));
        final Map<String, Long> stored = new HashMap<>();
        byKey.forEach((key, list) -> stored.put(key, list.stream()
                .mapToLong(c -> c.path("custom").path("fields").path("vendsyncSourceVersion").asLong(Long.MIN_VALUE)).max().orElse(Long.MIN_VALUE)));
        return check(fault, startedNanos, replayed, ledger, stored, byKey, problems);
    }

    /**
     * Orders: exactly one commercetools order per closed Vend sale by order number (the invoice number; counted, as the
     * mock keeps no order number unique) and none for any other number; each Complete and Paid, with Vend's net total as
     * imported and as its lines add up (the mock recomputes the tax, so the gross is checked through the payments: one
     * per Vend payment, summing to Vend's total including tax), all to the cent.
     */
    static Check orders(final SyncRig rig, final String fault, final long startedNanos, final int replayed) {
        final Map<String, JsonNode> closed = rig.vend.records("sales").stream().filter(CatalogVerdict::isClosedSale)
                .collect(Collectors.toMap(s -> s.path("invoice_number").asText(), s -> s));
        final Map<String, List<JsonNode>> byNumber = SyncRig.read(rig.reader::orders).stream()
                .collect(Collectors.groupingBy(o -> o.path("orderNumber").asText(""), TreeMap::new, Collectors.toList()));
        final Map<String, JsonNode> payments = SyncRig.read(rig.reader::payments).stream()
                .collect(Collectors.toMap(p -> p.path("id").asText(), p -> p));
        final EntityLedger ledger = ledger(rig, rig.topics.canonicalOrders, "order", o -> o.getSaleId(), o -> o.getSourceVersion(),
                o -> o.getReturnFor() == null);
        final List<String> problems = new ArrayList<>();
        closed.forEach((number, sale) -> {
            final List<JsonNode> found = byNumber.getOrDefault(number, List.of());
            if (found.size() != 1) {
                problems.add("order " + number + ": " + found.size() + " in commercetools");
                return;
            }
            final JsonNode order = found.get(0);
            final long net = cents(sale.path("total_price"));
            final long gross = net + cents(sale.path("total_tax"));
            final List<String> paymentIds = new ArrayList<>();
            order.path("paymentInfo").path("payments").forEach(p -> paymentIds.add(p.path("id").asText()));
            final long paid = paymentIds.stream().map(payments::get).filter(p -> p != null)
                    .mapToLong(p -> p.path("amountPlanned").path("centAmount").asLong()).sum();
            final String figures = "total " + order.path("totalPrice").path("centAmount").asLong() + ", lines' net "
                    + order.path("taxedPrice").path("totalNet").path("centAmount").asLong() + ", " + paymentIds.size() + " payments of " + paid
                    + ", " + order.path("orderState").asText() + "/" + order.path("paymentState").asText();
            if (order.path("totalPrice").path("centAmount").asLong() != net || order.path("taxedPrice").path("totalNet").path("centAmount").asLong() != net
                    || paymentIds.size() != sale.path("payments").size() || paid != gross
                    || !"Complete".equals(order.path("orderState").asText()) || !"Paid".equals(order.path("paymentState").asText())
                    || !sale.path("id").asText().equals(order.path("custom").path("fields").path("vendSaleId").asText())) {
                problems.add("order " + number + ": " + figures + "; Vend: net " + net + ", gross " + gross + ", "
                        + sale.path("payments").size() + " payments, sale " + sale.path("id").asText());
            }
        });
        byNumber.keySet().stream().filter(number -> !closed.containsKey(number)).forEach(number -> problems.add("order " + number
                + ": no closed Vend sale has that number"));
        final Map<String, Long> stored = new HashMap<>();
        byNumber.values().stream().flatMap(List::stream).forEach(o -> stored.merge(o.path("custom").path("fields").path("vendSaleId").asText(),
                o.path("custom").path("fields").path("vendSourceVersion").asLong(Long.MIN_VALUE), Math::max));
        return check(fault, startedNanos, replayed, ledger, stored, byNumber, problems);
    }

    /** A closed Vend sale that is not a return (a return is closed too, and is never an order of its own). */
    static boolean isClosedSale(final JsonNode sale) {
        return sale.path("status").asText().endsWith("CLOSED") && !isReturn(sale);
    }

    static boolean isReturn(final JsonNode sale) {
        return sale.path("return_for").isTextual();
    }

    /**
     * Returns: each Vend return (a sale with {@code return_for}) is on its original's single order exactly once, as the
     * return info with {@code returnTrackingId} {@code vend-return-<return sale id>}, and no return info is of a return
     * Vend does not have; per original, the units returned per SKU equal Vend's; each Vend refund payment is exactly one
     * {@code Refund} transaction (by {@code interactionId}) across commercetools' payments. Sent: the returns made; lost:
     * those without return info; duplicated: return infos and refunds beyond one each.
     */
    static Check returns(final SyncRig rig, final String fault, final long startedNanos, final int replayed) {
        final List<JsonNode> sales = rig.vend.records("sales");
        final Map<String, List<JsonNode>> returnsBySale = sales.stream().filter(CatalogVerdict::isReturn)
                .collect(Collectors.groupingBy(s -> s.path("return_for").asText(), TreeMap::new, Collectors.toList()));
        final Map<String, String> skus = rig.vend.products().stream()
                .collect(Collectors.toMap(io.vendsync.simulator.Product::id, io.vendsync.simulator.Product::sku));
        final Map<String, List<JsonNode>> ordersBySale = SyncRig.read(rig.reader::orders).stream()
                .collect(Collectors.groupingBy(o -> o.path("custom").path("fields").path("vendSaleId").asText(""), Collectors.toList()));
        final Map<String, Long> refunds = new HashMap<>();
        for (final JsonNode payment : SyncRig.read(rig.reader::payments)) {
            for (final JsonNode transaction : payment.path("transactions")) {
                if ("Refund".equals(transaction.path("type").asText())) {
                    refunds.merge(transaction.path("interactionId").asText(""), 1L, Long::sum);
                }
            }
        }
        final EntityLedger ledger = ledger(rig, rig.topics.canonicalOrders, ReturnWriter.ENTITY, o -> o.getSaleId(),
                o -> o.getSourceVersion(), o -> o.getReturnFor() != null);
        final List<String> problems = new ArrayList<>();
        long sent = 0;
        long lost = 0;
        long duplicated = 0;
        for (final Map.Entry<String, List<JsonNode>> entry : returnsBySale.entrySet()) {
            final String saleId = entry.getKey();
            final List<JsonNode> returns = entry.getValue();
            sent += returns.size();
            final List<JsonNode> orders = ordersBySale.getOrDefault(saleId, List.of());
            if (orders.size() != 1) {
                problems.add("returns of sale " + saleId + ": " + orders.size() + " orders of the sale in commercetools");
                lost += returns.size();
                continue;
            }
            final JsonNode order = orders.get(0);
            final Map<String, String> lineSkus = new HashMap<>();
            order.path("lineItems").forEach(l -> lineSkus.put(l.path("id").asText(), l.path("variant").path("sku").asText()));
            final Map<String, Long> infos = new TreeMap<>();
            final Map<String, Long> returnedUnits = new TreeMap<>();
            for (final JsonNode info : order.path("returnInfo")) {
                infos.merge(info.path("returnTrackingId").asText(""), 1L, Long::sum);
                info.path("items").forEach(i -> returnedUnits.merge(lineSkus.get(i.path("lineItemId").asText()), i.path("quantity").asLong(), Long::sum));
            }
            final Map<String, Long> vendUnits = new TreeMap<>();
            final Set<String> trackingIds = new java.util.HashSet<>();
            for (final JsonNode ret : returns) {
                final String trackingId = ReturnActions.TRACKING_PREFIX + ret.path("id").asText();
                trackingIds.add(trackingId);
                ret.path("line_items").forEach(l -> vendUnits.merge(skus.get(l.path("product_id").asText()), -l.path("quantity").asLong(), Long::sum));
                final long found = infos.getOrDefault(trackingId, 0L);
                lost += found == 0 ? 1 : 0;
                duplicated += Math.max(0, found - 1);
                if (found != 1) {
                    problems.add("return " + ret.path("invoice_number").asText() + " of order " + order.path("orderNumber").asText() + ": "
                            + found + " return infos " + trackingId);
                }
                for (final JsonNode refund : ret.path("payments")) {
                    final long recorded = refunds.getOrDefault(refund.path("id").asText(), 0L);
                    duplicated += Math.max(0, recorded - 1);
                    if (recorded != 1) {
                        problems.add("return " + ret.path("invoice_number").asText() + ": refund " + refund.path("id").asText() + " is "
                                + recorded + " Refund transactions");
                    }
                }
            }
            infos.keySet().stream().filter(id -> !trackingIds.contains(id)).forEach(id -> problems.add("order "
                    + order.path("orderNumber").asText() + ": return info " + id + " of no Vend return of its sale"));
            if (!returnedUnits.equals(vendUnits)) {
                problems.add("order " + order.path("orderNumber").asText() + ": returned units " + returnedUnits + ", Vend returned " + vendUnits);
            }
        }
        final FaultTable.Row row = new FaultTable.Row(fault, sent, ledger.retried(), ledger.deadLettered(), replayed, sent - lost, lost,
                duplicated, (System.nanoTime() - startedNanos) / 1e9);
        return new Check(row, problems);
    }

    private static long cents(final JsonNode amount) {
        return amount.decimalValue().movePointRight(2).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
    }

    private static Check check(final String fault, final long startedNanos, final int replayed, final EntityLedger ledger,
                               final Map<String, Long> stored, final Map<String, List<JsonNode>> byKey, final List<String> problems) {
        // An event is lost when commercetools holds an older version for its key than the event's: never applied, or overwritten.
        final List<String> lost = ledger.sent().stream().filter(e -> stored.getOrDefault(e.key(), Long.MIN_VALUE) < e.version())
                .map(Ledger.Event::correlationId).sorted().toList();
        if (!lost.isEmpty()) {
            problems.add("events whose key holds an older source version in commercetools (lost or regressed): " + lost);
        }
        final long duplicated = byKey.values().stream().mapToLong(list -> Math.max(0, list.size() - 1)).sum();
        final FaultTable.Row row = new FaultTable.Row(fault, ledger.sent().size(), ledger.retried(), ledger.deadLettered(), replayed,
                ledger.sent().size() - lost.size(), lost.size(), duplicated, (System.nanoTime() - startedNanos) / 1e9);
        return new Check(row, problems);
    }

    /** Events of one canonical topic (replays told apart by their header) and the catalog failure copies of its entity. */
    private static <V> EntityLedger ledger(final SyncRig rig, final Topic<String, V> topic, final String entity,
                                           final Function<V, String> key, final ToLongFunction<V> version,
                                           final java.util.function.Predicate<V> of) {
        final List<ConsumerRecord<String, V>> records = TopicProbe.readAll(rig.bootstrapServers, topic.name(), new StringDeserializer(),
                topic.valueSerde().deserializer());
        final List<ConsumerRecord<String, V>> ofEntity = records.stream().filter(r -> r.value() != null && of.test(r.value())).toList();
        final List<ConsumerRecord<String, V>> original = ofEntity.stream().filter(r -> FailureHeaders.text(r.headers(), FailureHeaders.REPLAY_OF) == null).toList();
        final Set<Ledger.Event> events = original.stream().map(r -> new Ledger.Event(key.apply(r.value()), version.applyAsLong(r.value())))
                .collect(Collectors.toSet());
        final long retried = SinkTopics.of(rig.topics).catalogRetries.stream().flatMap(t -> records(rig, t.name()).stream())
                .filter(r -> entity.equals(FailureHeaders.text(r.headers(), FailureHeaders.ENTITY))).count();
        final long dead = records(rig, SinkTopics.of(rig.topics).catalogDlq.name()).stream()
                .filter(r -> entity.equals(FailureHeaders.text(r.headers(), FailureHeaders.ENTITY))).count();
        return new EntityLedger(events, ofEntity.size() - original.size(), retried, dead);
    }

    private static List<ConsumerRecord<byte[], byte[]>> records(final SyncRig rig, final String topic) {
        return TopicProbe.readAll(rig.bootstrapServers, topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static void awaitNoProblems(final Supplier<List<String>> problems, final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        List<String> last = problems.get();
        while (!last.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            last = problems.get();
        }
        Steps.log("catalog: %s", last.isEmpty() ? "commercetools matches Vend" : last.size() + " problems left, e.g. " + last.get(0));
    }
}
