package io.vendsync.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vendsync.ingest.vend.RateBudget;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.raw.Op;
import io.vendsync.schemas.raw.VendChange;
import io.vendsync.simulator.Barcodes;
import io.vendsync.simulator.Product;
import io.vendsync.simulator.SaleLine;
import io.vendsync.simulator.SimulatorOptions;
import io.vendsync.simulator.VendSimulator;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class VendEntitiesIngestTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldPublishEveryVendEntityToItsOwnRawTopicKeyedByIdInTheSameEnvelope() throws Exception {
        final IngestFixture fx = new IngestFixture();
        try (VendSimulator vend = VendSimulator.start(SimulatorOptions.defaults())) {
            vend.seed(2, 3, 21L);
            vend.seedStore(1, 4, 21L);
            final List<Product> tees = vend.addVariantFamily("Classic Tee", new BigDecimal("34.78261"), List.of(
                    new Product.VariantSpec("TEE-S", List.of(new Product.VariantOption("Size", "S")), Barcodes.upcA(1)),
                    new Product.VariantSpec("TEE-L", List.of(new Product.VariantOption("Size", "L")), Barcodes.upcA(2))));
            final String register = vend.records("registers").get(0).path("id").asText();
            final String cash = vend.records("payment_types").get(0).path("id").asText();
            final String product = vend.products().get(0).id();
            final JsonNode voided = vend.createSale(register, null, List.of(new SaleLine(product, 2)), cash);
            final JsonNode returned = vend.createSale(register, null, List.of(new SaleLine(product, 1)), cash);
            vend.voidSale(voided.path("id").asText());
            final JsonNode refund = vend.returnSale(returned.path("id").asText());

            final Map<String, String> settings = fx.settings(vend);
            settings.put(IngestConfig.WEBHOOK_ENABLED, "false");
            settings.put(IngestConfig.VEND_ENTITIES, String.join(",", Topics.VEND_ENTITIES));
            try (IngestApp ingest = IngestApp.start(new IngestConfig(settings))) {
                assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(60))).isTrue();
                assertThat(ingest.scheduler().failures()).isZero();
                // Two outlets with one register each: 0.5 x (300 x 2 + 50), from the registers Vend lists.
                assertThat(ingest.governor().budget()).isEqualTo(RateBudget.share(2, 0.5)).isEqualTo(325);
            }

            for (final String entity : List.of("registers", "taxes", "payment_types", "customer_groups", "customers",
                    "price_books", "price_book_products", "sales")) {
                final List<ConsumerRecord<String, VendChange>> raw = fx.read(fx.topics.raw(entity));
                assertThat(raw).as(entity).hasSize(vend.records(entity).size()).isNotEmpty().allSatisfy(r -> {
                    assertThat(r.value().getOp()).isEqualTo(Op.r);
                    assertThat(r.value().getSource().getEntity()).isEqualTo(entity);
                    assertThat(r.key()).isEqualTo(json(r.value()).path("id").asText());
                    assertThat(r.value().getSource().getVersion()).isEqualTo(json(r.value()).path("version").asLong());
                });
            }
            final Map<String, JsonNode> sales = byKey(fx.read(fx.topics.raw("sales")));
            assertThat(sales.get(voided.path("id").asText()).path("status").asText()).isEqualTo("VOIDED");
            assertThat(sales.get(voided.path("id").asText()).path("state").asText()).isEqualTo("voided");
            assertThat(sales.get(returned.path("id").asText()).path("status").asText()).isEqualTo("CLOSED");
            final JsonNode refundSale = sales.get(refund.path("id").asText());
            assertThat(refundSale.path("return_for").asText()).isEqualTo(returned.path("id").asText());
            assertThat(refundSale.path("line_items").get(0).path("quantity").asInt()).isEqualTo(-1);
            assertThat(refundSale.path("line_items").get(0).path("is_return").asBoolean()).isTrue();
            assertThat(refundSale.path("payments").get(0).path("amount").decimalValue()).isNegative();
            assertThat(refundSale.has("taxes") && refundSale.has("adjustments")).isTrue();

            final Map<String, JsonNode> products = byKey(fx.read(fx.topics.rawProducts));
            assertThat(products.get(tees.get(0).id()).path("has_variants").asBoolean()).isTrue();
            assertThat(products.get(tees.get(1).id()).path("variant_parent_id").asText()).isEqualTo(tees.get(0).id());
            assertThat(products.get(tees.get(1).id()).path("variant_options").get(0).path("value").asText()).isEqualTo("L");
            assertThat(products.get(product).path("product_codes").findValuesAsText("type")).containsExactly("CUSTOM", "EAN");

            final List<ConsumerRecord<String, VendChange>> retailer = fx.read(fx.topics.raw("retailer"));
            assertThat(retailer).singleElement().satisfies(r -> {
                assertThat(r.value().getOp()).isEqualTo(Op.r);
                assertThat(r.key()).isEqualTo(json(r.value()).path("id").asText()).isNotBlank();
            });
        }
    }

    @Test
    void shouldPublishADeleteOnlyWhereTheCollectionListsDeletedRecords() throws Exception {
        final IngestFixture fx = new IngestFixture();
        try (VendSimulator vend = VendSimulator.start(SimulatorOptions.defaults())) {
            vend.seed(1, 1, 22L);
            vend.seedStore(1, 2, 22L);
            final Map<String, String> settings = fx.settings(vend);
            settings.put(IngestConfig.WEBHOOK_ENABLED, "false");
            settings.put(IngestConfig.VEND_ENTITIES, "retailer,customers,sales");
            try (IngestApp ingest = IngestApp.start(new IngestConfig(settings))) {
                assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
            }
            final String gone = vend.records("customers").get(0).path("id").asText();
            vend.deleteCustomer(gone);
            try (IngestApp ingest = IngestApp.start(new IngestConfig(settings))) {
                assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
            }
            // customers take deleted=true, so the soft delete arrives as op=d with deleted_at set.
            assertThat(fx.read(fx.topics.raw("customers"))).filteredOn(r -> r.value().getOp() == Op.d)
                    .singleElement().satisfies(r -> {
                        assertThat(r.key()).isEqualTo(gone);
                        assertThat(json(r.value()).path("deleted_at").isNull()).isFalse();
                    });
            // The retailer is read on every start: op=r each time, one object, keyed by its id.
            assertThat(fx.read(fx.topics.raw("retailer"))).hasSize(2)
                    .allSatisfy(r -> assertThat(r.value().getOp()).isEqualTo(Op.r))
                    .extracting(ConsumerRecord::key).containsOnly(fx.read(fx.topics.raw("retailer")).get(0).key());
        }
    }

    private static Map<String, JsonNode> byKey(final List<ConsumerRecord<String, VendChange>> records) {
        return records.stream().collect(Collectors.toMap(ConsumerRecord::key, r -> json(r.value()), (a, b) -> b));
    }

    static JsonNode json(final VendChange change) {
        try {
            return JSON.readTree(change.getAfter());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
