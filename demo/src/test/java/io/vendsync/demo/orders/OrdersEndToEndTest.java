package io.vendsync.demo.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vendsync.demo.Awaits;
import io.vendsync.demo.CommercetoolsInventoryReader;
import io.vendsync.demo.FullReplay;
import io.vendsync.demo.LocalPipeline;
import io.vendsync.simulator.Product;
import io.vendsync.simulator.SaleLine;
import io.vendsync.simulator.SalePayment;
import io.vendsync.simulator.SimulatorOptions;
import io.vendsync.simulator.VendSimulator;
import io.vendsync.sink.SinkTopics;
import io.vendsync.testkit.commercetools.CommercetoolsMock;
import io.vendsync.testkit.kafka.KafkaFixture;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #12 on real components: sales rung up in the Vend simulator arrive by webhook, pass the ingest, the order mapper
 * (exactly_once_v2) and the sink, and commercetools holds one order per closed sale with Vend's totals, payments and
 * states; a pending sale becomes its order when it closes, a void cancels the order; returns made later add return info
 * and refunds to their original's order (issue #13).
 */
class OrdersEndToEndTest {

    private static final Duration CONVERGE = Duration.ofSeconds(150);

    private final KafkaFixture kafka = KafkaFixture.shared();
    private final String prefix = "ord" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private CommercetoolsMock commercetools;
    private CommercetoolsInventoryReader reader;
    private VendSimulator vend;

    @BeforeEach
    void startVendAndCommercetools() {
        commercetools = CommercetoolsMock.shared().withUniqueProjectKey();
        reader = new CommercetoolsInventoryReader(commercetools.apiUrl(), commercetools.authUrl(), commercetools.projectKey(),
                commercetools.clientId(), commercetools.clientSecret());
        vend = VendSimulator.start(SimulatorOptions.defaults());
        vend.seed(2, 3, 21L);
        vend.seedStore(1, 2, 21L); // registers, payment types, customers, taxes: what sales refer to
    }

    @AfterEach
    void stopVend() {
        vend.close();
    }

    @Test
    void shouldHoldOneOrderPerClosedSaleWithVendsTotalsPaymentsAndStates() throws Exception {
        try (LocalPipeline pipeline = LocalPipeline.start(new LocalPipeline.Settings(kafka.bootstrapServers(), prefix,
                commercetools.projectKey(), Duration.ofHours(1), true, Map.of()), vend, commercetools)) {
            for (final Product product : vend.products()) {
                await("seeded product " + product.sku(), () -> Optional.of(reader.productSkus()).filter(s -> s.contains(product.sku())));
            }
            final String register = vend.records("registers").get(0).path("id").asText();
            final String cash = vend.records("payment_types").get(0).path("id").asText();
            final String card = vend.records("payment_types").get(1).path("id").asText();
            final String customer = vend.records("customers").get(0).path("id").asText();
            final Product p = vend.products().get(0);
            final Product q = vend.products().get(1);

            final JsonNode cashSale = vend.createSale(register, null, List.of(new SaleLine(p.id(), 2)), cash);
            final JsonNode discounted = vend.createSale(register, customer, List.of(new SaleLine(q.id(), 3, new BigDecimal("1.50"))),
                    List.of(SalePayment.rest(card)), "CLOSED");
            final JsonNode split = vend.createSale(register, null, List.of(new SaleLine(p.id(), 1), new SaleLine(q.id(), 1)),
                    List.of(new SalePayment(cash, new BigDecimal("5.00")), SalePayment.rest(card)), "CLOSED");
            final JsonNode layby = vend.createSale(register, customer, List.of(new SaleLine(q.id(), 1)),
                    List.of(new SalePayment(cash, new BigDecimal("2.00"))), "LAYBY");
            final List<JsonNode> closed = List.of(cashSale, discounted, split);

            await("an order for each closed sale " + closed.size(), () -> Optional.of(reader.orders()).filter(orders -> orders.size() >= closed.size()));
            for (final JsonNode sale : closed) {
                // The payments are linked by an update right after the import (the mock drops paymentInfo): wait for them.
                final JsonNode order = await("the payments of sale " + sale.path("invoice_number").asText(), () -> Optional.of(orderOf(sale))
                        .filter(o -> o.path("paymentInfo").path("payments").size() == sale.path("payments").size()));
                assertThat(order.path("orderState").asText()).isEqualTo("Complete");
                assertThat(order.path("paymentState").asText()).isEqualTo("Paid");
                assertThat(order.path("custom").path("fields").path("vendSaleId").asText()).isEqualTo(sale.path("id").asText());
                // Net as imported equals Vend's to the cent (the mock recomputes the tax, so it is checked in OrderDraftBuilderTest).
                assertThat(order.path("taxedPrice").path("totalNet").path("centAmount").asLong()).isEqualTo(cents(sale.path("total_price")));
                assertThat(order.path("paymentInfo").path("payments")).hasSize(sale.path("payments").size());
            }
            // The buyer: the order is linked to the customer the customer mapping made of the sale's Vend customer.
            final JsonNode bought = await("the discounted sale's order linked to its buyer", () -> Optional.of(orderOf(discounted))
                    .filter(o -> !o.path("customerId").asText().isEmpty()));
            assertThat(reader.customers()).filteredOn(c -> c.path("id").asText().equals(bought.path("customerId").asText()))
                    .singleElement().satisfies(c -> assertThat(c.path("key").asText()).endsWith(customer));
            assertThat(orderOf(discounted).path("customLineItems")).filteredOn(c -> c.path("slug").asText().startsWith("line-discount-"))
                    .singleElement().satisfies(c -> assertThat(c.path("money").path("centAmount").asLong()).isEqualTo(-450L));
            assertThat(reader.orders()).as("the layby waits until Vend closes it").hasSize(3);

            // The layby is paid off: its order appears, once.
            final JsonNode paid = vend.paySale(layby.path("id").asText(), card, null);
            assertThat(paid.path("status").asText()).isEqualTo("LAYBY_CLOSED");
            await("the closed layby's order", () -> Optional.of(reader.orders()).filter(orders -> orders.size() == 4));
            // Its payments are linked by an update right after the import, as above: wait for both.
            await("the closed layby's two payments", () -> Optional.of(orderOf(paid))
                    .filter(o -> o.path("paymentInfo").path("payments").size() == 2));

            // A void cancels the order of the sale; nothing is imported again. Vend deletes the voided sale's payments: the
            // cash payment keeps its charge and gets the refund beside it, and the order stays Paid (no balance is due).
            vend.voidSale(cashSale.path("id").asText());
            final JsonNode cancelled = await("the voided sale's order cancelled", () -> Optional.of(orderOf(cashSale))
                    .filter(o -> "Cancelled".equals(o.path("orderState").asText())));
            assertThat(cancelled.path("paymentState").asText()).isEqualTo("Paid");
            assertThat(payment("vend-payment-" + cashSale.path("payments").path(0).path("id").asText()).path("transactions"))
                    .extracting(t -> t.path("type").asText()).containsExactly("Charge", "Refund");
            assertThat(reader.orders()).hasSize(4);

            // Issue 13: two partial returns of the card sale, made later, arrive by webhook onto its order: return info
            // once each, the card refund a Refund transaction on the card payment, the cash refund a payment of its own.
            final JsonNode firstReturn = vend.returnSale(discounted.path("id").asText(), List.of(new SaleLine(q.id(), 1)), null);
            final JsonNode secondReturn = vend.returnSale(discounted.path("id").asText(), List.of(new SaleLine(q.id(), 2)), cash);
            final JsonNode returned = await("both returns on the order of sale " + discounted.path("invoice_number").asText(),
                    () -> Optional.of(orderOf(discounted)).filter(o -> o.path("returnInfo").size() == 2
                            && o.path("paymentInfo").path("payments").size() == 2));
            assertThat(returned.path("returnInfo")).extracting(info -> info.path("returnTrackingId").asText())
                    .containsExactlyInAnyOrder("vend-return-" + firstReturn.path("id").asText(), "vend-return-" + secondReturn.path("id").asText());
            long units = 0;
            for (final JsonNode info : returned.path("returnInfo")) {
                for (final JsonNode item : info.path("items")) {
                    units += item.path("quantity").asLong();
                }
            }
            assertThat(units).isEqualTo(3L);
            final JsonNode cardPayment = payment("vend-payment-" + discounted.path("payments").path(0).path("id").asText());
            assertThat(cardPayment.path("transactions")).extracting(t -> t.path("type").asText()).containsExactly("Charge", "Refund");
            assertThat(cardPayment.path("transactions").path(1).path("amount").path("centAmount").asLong())
                    .isEqualTo(-cents(firstReturn.path("payments").path(0).path("amount")));
            assertThat(payment("vend-payment-" + secondReturn.path("payments").path(0).path("id").asText()).path("transactions"))
                    .singleElement().satisfies(t -> assertThat(t.path("type").asText()).isEqualTo("Refund"));
            assertThat(reader.orders()).as("a return is never an order of its own").hasSize(4);
            assertThat(reader.orders()).extracting(o -> o.path("orderNumber").asText()).doesNotHaveDuplicates();

            // An exchange of the split sale (X-Series: one return sale, the returned item negative, the new ones positive,
            // the difference paid or refunded by card): the return lands on the split sale's order, the new items are an
            // order of their own under the exchange's invoice number, each balanced by the returned value ("Exchange credit").
            final JsonNode exchange = vend.exchangeSale(split.path("id").asText(), List.of(new SaleLine(p.id(), 1)),
                    List.of(new SaleLine(q.id(), 2)), card);
            final boolean charged = exchange.path("payments").path(0).path("amount").decimalValue().signum() > 0;
            final JsonNode exchanged = await("the exchange's new items as an order of their own", () -> Optional.ofNullable(orderOf(exchange, 0))
                    .filter(o -> o.path("paymentInfo").path("payments").size() == (charged ? 2 : 1)));
            assertThat(exchanged.path("paymentState").asText()).isEqualTo("Paid");
            assertThat(exchanged.path("lineItems")).singleElement().satisfies(line -> {
                assertThat(line.path("variant").path("sku").asText()).isEqualTo(q.sku());
                assertThat(line.path("quantity").asLong()).isEqualTo(2L);
            });
            assertThat(exchanged.path("custom").path("fields").path("vendExchangeFor").asText()).isEqualTo(split.path("id").asText());
            final JsonNode splitReturned = await("the exchange's return on the split sale's order", () -> Optional.of(orderOf(split))
                    .filter(o -> o.path("returnInfo").size() == 1 && o.path("paymentInfo").path("payments").size() == 3));
            assertThat(splitReturned.path("returnInfo").path(0).path("items")).singleElement()
                    .satisfies(item -> assertThat(item.path("quantity").asLong()).isEqualTo(1L));
            assertThat(payment("vend-payment-" + exchange.path("id").asText() + "-exchange-refund").path("transactions"))
                    .singleElement().satisfies(t -> assertThat(t.path("type").asText()).isEqualTo("Refund"));
            assertThat(reader.orders()).as("the exchange's new items are the one order added").hasSize(5);
            assertThat(pipeline.sink().catalogStatistics().orElseThrow().failed()).isZero();

            // A second sink replays every canonical topic (sales, the void, both returns) from the start: it writes nothing.
            assertThat(FullReplay.writes(kafka.bootstrapServers(), new io.vendsync.schemas.Topics(prefix,
                    io.vendsync.schemas.serde.SerdeFactory.singleObject()), pipeline, prefix + "replay", CONVERGE))
                    .as("commercetools writes while replaying every canonical topic").isEmpty();
        }
    }

    private JsonNode orderOf(final JsonNode sale) throws Exception {
        return orderOf(sale, 1);
    }

    /** The order numbered as {@code sale}, null when there is none yet and {@code atLeast} is 0. */
    private JsonNode orderOf(final JsonNode sale, final int atLeast) throws Exception {
        final String number = sale.path("invoice_number").asText();
        final List<JsonNode> found = reader.orders().stream().filter(o -> number.equals(o.path("orderNumber").asText())).toList();
        assertThat(found).as("orders numbered " + number).hasSizeBetween(atLeast, 1);
        return found.isEmpty() ? null : found.get(0);
    }

    private JsonNode payment(final String key) throws Exception {
        final List<JsonNode> found = reader.payments().stream().filter(p -> key.equals(p.path("key").asText())).toList();
        assertThat(found).as("payments keyed " + key).hasSize(1);
        return found.get(0);
    }

    private static long cents(final JsonNode amount) {
        return amount.decimalValue().movePointRight(2).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
    }

    private <T> T await(final String what, final Callable<Optional<T>> probe) throws Exception {
        return Awaits.await(what, probe, CONVERGE, this::pipelineState);
    }

    /** What reached Kafka, for a failure message: raw sales, canonical orders, and the sales' validation errors. */
    private String pipelineState() {
        final io.vendsync.schemas.Topics topics = new io.vendsync.schemas.Topics(prefix, io.vendsync.schemas.serde.SerdeFactory.singleObject());
        final var stringDeserializer = new org.apache.kafka.common.serialization.StringDeserializer();
        final int sales = io.vendsync.testkit.kafka.TopicProbe.readAll(kafka.bootstrapServers(), topics.raw("sales").name(),
                stringDeserializer, stringDeserializer).size();
        final int orders = io.vendsync.testkit.kafka.TopicProbe.readAll(kafka.bootstrapServers(), topics.canonicalOrders.name(),
                stringDeserializer, stringDeserializer).size();
        final List<String> errors = io.vendsync.testkit.kafka.TopicProbe.readAll(kafka.bootstrapServers(), topics.validationErrors.name(),
                        stringDeserializer, topics.validationErrors.valueSerde().deserializer()).stream()
                .map(r -> r.value()).filter(e -> "sales".equals(e.getEntity())).map(e -> e.getCode() + ": " + e.getReason()).toList();
        final List<String> dead = io.vendsync.testkit.kafka.TopicProbe.readAll(kafka.bootstrapServers(), SinkTopics.of(topics).catalogDlq.name(),
                        stringDeserializer, stringDeserializer).stream()
                .map(r -> java.util.stream.StreamSupport.stream(r.headers().spliterator(), false)
                        .map(h -> h.key() + "=" + new String(h.value(), java.nio.charset.StandardCharsets.UTF_8)).toList().toString()).toList();
        return "raw sales " + sales + ", canonical orders " + orders + ", sale errors " + errors + ", catalog dead letters " + dead;
    }
}
