package io.vendsync.simulator;

import static io.vendsync.simulator.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StoreCollectionsTest {
    private VendSimulator simulator;
    private ApiClient api;

    @BeforeEach
    void start() {
        simulator = VendSimulator.start(SimulatorOptions.defaults());
        simulator.seed(2, 3, 61L);
        simulator.seedStore(2, 5, 61L);
        api = new ApiClient(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void shouldServeEachCollectionInThe20EnvelopeWithAVersionCursor() {
        for (final String entity : SimCollections.DOCUMENTS) {
            final JsonNode page = json(api.get("/api/2.0/" + entity + "?after=0"));
            if (entity.equals("sales") || entity.equals("consignments")) {
                assertThat(page.path("data")).isEmpty();
                continue;
            }
            assertThat(page.path("data")).as(entity).isNotEmpty().allSatisfy(r -> {
                // An outlet tax has no id of its own (reference 5.2): its product and outlet identify it.
                assertThat(VendSimulator.keyOf(entity, r)).isNotBlank().doesNotStartWith("/");
                assertThat(r.path("version").asLong()).isPositive();
                assertThat(r.has("deleted_at")).isTrue();
            });
            final JsonNode after = json(api.get("/api/2.0/" + entity + "?after=" + page.path("version").path("max").asLong()));
            assertThat(after.path("data")).as(entity).isEmpty();
        }
        assertThat(simulator.records("registers")).hasSize(4);
        assertThat(simulator.records("price_book_products")).hasSize(3);
    }

    /**
     * The fields Lightspeed's API 2.0 OpenAPI ({@code components.schemas}) and its {@code GET} examples give customers,
     * registers and payment types, with their JSON types: a reader built from the docs meets the same shape here.
     */
    @Test
    void shouldServeCustomersRegistersAndPaymentTypesInTheirDocumented20Shapes() {
        final JsonNode customer = json(api.get("/api/2.0/customers")).path("data").get(0);
        assertThat(fieldNames(customer)).containsAll(List.of("id", "customer_code", "customer_group_id", "first_name", "last_name",
                "name", "email", "company_name", "phone", "mobile", "fax", "twitter", "website", "gender", "date_of_birth", "note",
                "do_not_email", "enable_loyalty", "loyalty_balance", "balance", "year_to_date", "on_account_limit",
                "physical_address_1", "physical_address_2", "physical_suburb", "physical_city", "physical_postcode", "physical_state",
                "physical_country_id", "postal_address_1", "postal_address_2", "postal_suburb", "postal_city", "postal_postcode",
                "postal_state", "postal_country_id", "custom_field_1", "custom_field_2", "custom_field_3", "custom_field_4",
                "created_at", "updated_at", "deleted_at", "version"));
        assertThat(customer.path("enable_loyalty").isBoolean()).isTrue();
        assertThat(customer.path("do_not_email").isBoolean()).isTrue();
        assertThat(customer.path("year_to_date").isNumber()).isTrue();

        final JsonNode register = json(api.get("/api/2.0/registers")).path("data").get(0);
        assertThat(fieldNames(register)).containsAll(List.of("id", "name", "outlet_id", "ask_for_note_on_save", "print_note_on_receipt",
                "ask_for_user_on_sale", "show_discounts_on_receipts", "print_receipt", "email_receipt", "invoice_prefix", "invoice_suffix",
                "invoice_sequence", "button_layout_id", "is_open", "receipt_template_id", "register_open_time", "register_close_time",
                "register_open_sequence_id", "cash_managed_payment_type_id", "deleted_at", "version"));
        assertThat(register.path("invoice_sequence").isNumber()).isTrue();

        // "type_id": 118 for Gift Card, an integer (spec 2.0 PaymentType "type_id": {"type": "integer"}).
        final JsonNode types = json(api.get("/api/2.0/payment_types")).path("data");
        assertThat(types).allSatisfy(type -> {
            assertThat(fieldNames(type)).contains("id", "name", "type_id", "deleted_at", "version");
            assertThat(type.path("type_id").isInt()).as(type.toString()).isTrue();
        });
        assertThat(types.findValuesAsText("name")).contains("Gift Card");
        types.forEach(type -> {
            if (type.path("name").asText().equals("Gift Card")) {
                assertThat(type.path("type_id").asInt()).isEqualTo(118);
            }
        });
    }

    private static List<String> fieldNames(final JsonNode object) {
        final List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void shouldSeedTheCustomerCasesASyncMustHandle() {
        final List<String> cases = simulator.seedCustomerCases(61L);
        final JsonNode live = json(api.get("/api/2.0/customers")).path("data");
        final List<String> liveIds = live.findValuesAsText("id");
        assertThat(liveIds).contains(cases.get(0), cases.get(1), cases.get(2)).doesNotContain(cases.get(3));
        assertThat(json(api.get("/api/2.0/customers?deleted=true")).path("data").findValuesAsText("id")).contains(cases.get(3));
        final java.util.Map<String, JsonNode> byId = new java.util.HashMap<>();
        live.forEach(c -> byId.put(c.path("id").asText(), c));
        assertThat(byId.get(cases.get(0)).path("email").isNull()).isTrue();
        assertThat(byId.get(cases.get(1)).path("email").asText()).isNotEqualTo(byId.get(cases.get(2)).path("email").asText())
                .isEqualToIgnoringCase(byId.get(cases.get(2)).path("email").asText());
        final String vip = simulator.records("customer_groups").stream().filter(g -> g.path("name").asText().equals("VIP"))
                .findFirst().orElseThrow().path("id").asText();
        assertThat(cases.subList(0, 3)).allSatisfy(id -> assertThat(byId.get(id).path("customer_group_id").asText()).isEqualTo(vip));
        final JsonNode walkIn = byId.get(cases.get(4));
        assertThat(walkIn.path("customer_code").asText()).isEqualTo("WALKIN");
        assertThat(walkIn.path("email").isNull()).isTrue();
        assertThat(walkIn.path("first_name").isNull()).isTrue();
    }

    @Test
    void shouldListSoftDeletedRecordsOnlyWithDeletedTrueWhereTheCollectionTakesIt() {
        final String gone = simulator.records("customers").get(0).path("id").asText();
        simulator.deleteCustomer(gone);
        assertThat(json(api.get("/api/2.0/customers")).path("data").findValuesAsText("id")).doesNotContain(gone);
        assertThat(json(api.get("/api/2.0/customers?deleted=true")).path("data").findValuesAsText("id")).contains(gone);
    }

    @Test
    void shouldGroupVariantsUnderTheirParentWithBarcodes() {
        final List<Product> family = simulator.addVariantFamily("Classic Tee", new BigDecimal("34.78261"), List.of(
                new Product.VariantSpec("TEE-S", List.of(new Product.VariantOption("Size", "S")), Barcodes.upcA(11)),
                new Product.VariantSpec("TEE-M", List.of(new Product.VariantOption("Size", "M")), Barcodes.ean13(12))));
        final JsonNode parent = json(api.get("/api/2.0/products/" + family.get(0).id())).path("data");
        final JsonNode child = json(api.get("/api/2.0/products/" + family.get(1).id())).path("data");
        assertThat(parent.path("has_variants").asBoolean()).isTrue();
        assertThat(parent.path("variant_parent_id").isNull()).isTrue();
        assertThat(child.path("has_variants").asBoolean()).isFalse();
        assertThat(child.path("variant_parent_id").asText()).isEqualTo(family.get(0).id());
        assertThat(child.path("handle").asText()).isEqualTo(parent.path("handle").asText());
        assertThat(child.path("variant_name").asText()).isEqualTo("Classic Tee / M");
        assertThat(child.path("product_codes").get(0).path("type").asText()).isEqualTo("CUSTOM");
        assertThat(child.path("product_codes").get(1).path("code").asText()).hasSize(13).satisfies(StoreCollectionsTest::validGs1);
        assertThat(parent.path("product_codes").get(1).path("code").asText()).hasSize(12).satisfies(StoreCollectionsTest::validGs1);
        // Seeded products carry an EAN-13 too.
        final JsonNode seeded = json(api.get("/api/2.0/products/" + simulator.products().get(0).id())).path("data");
        assertThat(seeded.path("product_codes").get(1).path("type").asText()).isEqualTo("EAN");
    }

    @Test
    void shouldCloseVoidAndReturnSalesAndMoveStockWithThem() {
        final String register = simulator.records("registers").get(0).path("id").asText();
        final String outlet = simulator.records("registers").get(0).path("outlet_id").asText();
        final String cash = simulator.records("payment_types").get(0).path("id").asText();
        final Product product = simulator.products().get(0);
        final long before = level(product.id(), outlet);

        final JsonNode sale = simulator.createSale(register, null, List.of(new SaleLine(product.id(), 2)), cash);
        assertThat(sale.path("status").asText()).isEqualTo("CLOSED");
        assertThat(sale.path("state").asText()).isEqualTo("closed");
        assertThat(sale.path("payments").get(0).path("amount").decimalValue())
                .isEqualByComparingTo(sale.path("total_price").decimalValue().add(sale.path("total_tax").decimalValue()));
        assertThat(level(product.id(), outlet)).isEqualTo(before - 2);

        final JsonNode refund = json(api.put("/api/2.0/sales/" + sale.path("id").asText() + "/actions/return")).path("data");
        assertThat(refund.path("return_for").asText()).isEqualTo(sale.path("id").asText());
        assertThat(refund.path("line_items").get(0).path("quantity").asInt()).isEqualTo(-2);
        assertThat(refund.path("total_price").decimalValue()).isNegative();
        assertThat(level(product.id(), outlet)).isEqualTo(before);

        final JsonNode other = simulator.createSale(register, null, List.of(new SaleLine(product.id(), 1)), cash);
        final JsonNode voided = simulator.voidSale(other.path("id").asText());
        assertThat(voided.path("id").asText()).isEqualTo(other.path("id").asText());
        assertThat(voided.path("status").asText()).isEqualTo("VOIDED");
        assertThat(voided.path("payments")).as("a void deletes the sale's payments").isEmpty();
        assertThat(voided.path("version").asLong()).isGreaterThan(other.path("version").asLong());
        assertThat(level(product.id(), outlet)).isEqualTo(before);
        assertThatThrownBy(() -> simulator.voidSale(other.path("id").asText())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRingUpSplitPaymentsLineDiscountsAndPendingSalesThatCloseWhenPaid() {
        final String register = simulator.records("registers").get(0).path("id").asText();
        final String outlet = simulator.records("registers").get(0).path("outlet_id").asText();
        final String cash = simulator.records("payment_types").get(0).path("id").asText();
        final String card = simulator.records("payment_types").get(1).path("id").asText();
        final String customer = simulator.records("customers").get(0).path("id").asText();
        final Product product = simulator.products().get(0);
        final long before = level(product.id(), outlet);

        final JsonNode split = simulator.createSale(register, null, List.of(new SaleLine(product.id(), 2, new java.math.BigDecimal("1.00"))),
                List.of(new SalePayment(cash, new java.math.BigDecimal("5.00")), SalePayment.rest(card)), "CLOSED");
        final JsonNode line = split.path("line_items").get(0);
        assertThat(line.path("price").decimalValue()).isEqualByComparingTo(product.priceExcludingTax().subtract(java.math.BigDecimal.ONE));
        assertThat(line.path("discount").decimalValue()).isEqualByComparingTo("1.00");
        assertThat(line.path("price_total").decimalValue()).isEqualByComparingTo(line.path("price").decimalValue().multiply(java.math.BigDecimal.valueOf(2))
                .setScale(2, java.math.RoundingMode.HALF_UP));
        assertThat(split.path("payments")).hasSize(2);
        assertThat(split.path("payments").get(0).path("amount").decimalValue().add(split.path("payments").get(1).path("amount").decimalValue()))
                .isEqualByComparingTo(split.path("total_price").decimalValue().add(split.path("total_tax").decimalValue()));

        final JsonNode layby = simulator.createSale(register, customer, List.of(new SaleLine(product.id(), 1)),
                List.of(new SalePayment(cash, new java.math.BigDecimal("1.00"))), "LAYBY");
        assertThat(layby.path("state").asText()).isEqualTo("pending");
        assertThat(layby.path("attributes").get(0).asText()).isEqualTo("layby");
        assertThat(level(product.id(), outlet)).isEqualTo(before - 2); // a layby takes its stock when it closes
        final JsonNode closed = simulator.paySale(layby.path("id").asText(), card, null);
        assertThat(closed.path("status").asText()).isEqualTo("LAYBY_CLOSED");
        assertThat(closed.path("state").asText()).isEqualTo("closed");
        assertThat(closed.path("version").asLong()).isGreaterThan(layby.path("version").asLong());
        assertThat(level(product.id(), outlet)).isEqualTo(before - 3);

        final JsonNode onAccount = simulator.createSale(register, customer, List.of(new SaleLine(product.id(), 1)), List.of(), "ONACCOUNT");
        assertThat(level(product.id(), outlet)).isEqualTo(before - 4);
        assertThat(simulator.paySale(onAccount.path("id").asText(), cash, null).path("status").asText()).isEqualTo("ONACCOUNT_CLOSED");
        assertThatThrownBy(() -> simulator.createSale(register, null, List.of(new SaleLine(product.id(), 1)),
                List.of(new SalePayment(cash, java.math.BigDecimal.ONE)), "CLOSED")).isInstanceOf(IllegalArgumentException.class);
    }

    private long level(final String productId, final String outletId) {
        return simulator.inventory().stream().filter(r -> r.productId().equals(productId) && r.outletId().equals(outletId))
                .findFirst().orElseThrow().inventoryLevel();
    }

    private static void validGs1(final String code) {
        assertThat(Barcodes.withCheckDigit(code.substring(0, code.length() - 1))).isEqualTo(code);
    }
}
