package io.vendsync.cli.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vendsync.schemas.canonical.v1.PriceTier;
import io.vendsync.schemas.canonical.v1.ScopedPrice;
import io.vendsync.schemas.canonical.v1.VariantPrices;
import io.vendsync.schemas.mapping.MappingOrigin;
import io.vendsync.schemas.mapping.OutletChannel;
import io.vendsync.schemas.mapping.ProductResolution;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules of the pure checks that the end-to-end reconciliation test does not reach. */
class ChecksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(final String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ProductResolution resolution(final String productId, final String sku, final String conflict,
                                                final boolean deleted) {
        return ProductResolution.newBuilder().setProductId(productId).setSku(sku).setSkuSource("VEND_SKU")
                .setConflictCode(conflict).setDeleted(deleted).setVersion(1L).build();
    }

    private static final Identity IDENTITY = new Identity(
            Map.of("o1", OutletChannel.newBuilder().setOutletId("o1").setChannelKey("ch1").setOrigin(MappingOrigin.DERIVED)
                    .setOutletName("Main St").build()),
            Map.of("kit", resolution("kit", "KIT", null, false), "dup", resolution("dup", "DUP", "SKU_DUPLICATE", false),
                    "gone", resolution("gone", "GONE", null, true), "neg", resolution("neg", "NEG", null, false)),
            Map.of());

    @Test
    void shouldNotJudgeEntriesOfKitsOrWithheldProductsAndExpectZeroForDeletedOrNegativeStock() {
        final List<JsonNode> products = List.of(json("{'id':'kit','is_composite':true}"), json("{'id':'dup'}"),
                json("{'id':'gone'}"), json("{'id':'neg'}"));
        final List<JsonNode> inventory = List.of(
                json("{'product_id':'kit','outlet_id':'o1','inventory_level':4}"),
                json("{'product_id':'dup','outlet_id':'o1','inventory_level':4}"),
                json("{'product_id':'gone','outlet_id':'o1','inventory_level':9}"),
                json("{'product_id':'neg','outlet_id':'o1','inventory_level':-3}"),
                json("{'product_id':'unknown','outlet_id':'o1','inventory_level':1}"));
        final Comparison comparison = InventoryCheck.compare(products, inventory, IDENTITY, List.of(
                new CommercetoolsData.InventoryEntry("KIT", "ch1", 2), new CommercetoolsData.InventoryEntry("DUP", "ch1", 7),
                new CommercetoolsData.InventoryEntry("GONE", "ch1", 0), new CommercetoolsData.InventoryEntry("NEG", "ch1", 0),
                new CommercetoolsData.InventoryEntry("OTHER", "someone-elses-channel", 1)));

        assertThat(comparison.mismatches()).isEmpty();
        assertThat(comparison.compared()).isEqualTo(2);
        assertThat(comparison.notCompared()).containsEntry("composite (stock derived from its components)", 1)
                .containsEntry("withheld by SKU_DUPLICATE", 1).containsEntry("product not resolved by the mapper yet", 1);
    }

    @Test
    void shouldExpectZeroForAProductVendListsAsDeletedEvenWhenTheMapperNeverHeardOfTheDeletion() {
        // The pipeline lost the deletion (the mapper still has the product live): the stock left for sale must show.
        final Comparison comparison = InventoryCheck.compare(
                List.of(json("{'id':'neg','deleted_at':'2026-12-01T10:00:00+00:00'}")),
                List.of(json("{'product_id':'neg','outlet_id':'o1','inventory_level':5}")),
                IDENTITY, List.of(new CommercetoolsData.InventoryEntry("NEG", "ch1", 5)));

        assertThat(comparison.mismatches()).extracting(m -> m.kind() + " " + m.key() + " " + m.expected() + " " + m.actual())
                .containsExactly("DIFFERENT ch1/NEG 0 5");
    }

    @Test
    void shouldExpectTheSumOfTheStockOfOutletsMappedToOneChannel() {
        final Identity pooled = new Identity(Map.of(
                "o1", OutletChannel.newBuilder().setOutletId("o1").setChannelKey("ch1").setOrigin(MappingOrigin.EXPLICIT)
                        .setOutletName("Main St").build(),
                "o2", OutletChannel.newBuilder().setOutletId("o2").setChannelKey("ch1").setOrigin(MappingOrigin.EXPLICIT)
                        .setOutletName("Back Room").build()),
                Map.of("neg", resolution("neg", "NEG", null, false)), Map.of());
        final Comparison comparison = InventoryCheck.compare(List.of(json("{'id':'neg'}")),
                List.of(json("{'product_id':'neg','outlet_id':'o1','inventory_level':5}"),
                        json("{'product_id':'neg','outlet_id':'o2','inventory_level':4}")),
                pooled, List.of(new CommercetoolsData.InventoryEntry("NEG", "ch1", 5)));

        assertThat(comparison.mismatches()).extracting(m -> m.kind() + " " + m.key() + " " + m.expected() + " " + m.actual())
                .containsExactly("DIFFERENT ch1/NEG 9 5");
    }

    @Test
    void shouldReportAPriceWhoseQuantityBreaksDifferFromTheDesiredOnes() {
        final ScopedPrice bulk = ScopedPrice.newBuilder().setPriceKey("pb-bulk-NZD-NZ").setCurrency("NZD").setCentAmount(4000)
                .setFractionDigits(2).setCountry("NZ").setTaxIncluded(true).setSource("price_book:bulk")
                .setTiers(List.of(PriceTier.newBuilder().setMinimumQuantity(10).setCentAmount(3500).build())).build();
        final Identity identity = new Identity(IDENTITY.outletChannels(), Map.of(), Map.of("TEE", VariantPrices.newBuilder()
                .setSku("TEE").setVendProductId("p").setPrices(List.of(bulk)).setSourceVersion(1L).setSourceTsMs(1L).build()));
        final java.util.function.Function<Map<Long, BigDecimal>, Comparison> withTiers = tiers -> PriceCheck.compare(identity,
                List.of(new CommercetoolsData.Variant("prod", "TEE", List.of(new CommercetoolsData.Price("pb-bulk-NZD-NZ", "NZD",
                        new BigDecimal("40.00"), "NZ", new java.util.TreeMap<>(tiers))))));

        assertThat(withTiers.apply(Map.of(10L, new BigDecimal("35.00"))).mismatches()).isEmpty();
        assertThat(withTiers.apply(Map.of()).mismatches()).extracting(m -> m.kind() + " " + m.expected() + " | " + m.actual())
                .containsExactly("DIFFERENT 40.00 NZD NZ (10+ at 35.00) | 40.00 NZD NZ");
        assertThat(withTiers.apply(Map.of(10L, new BigDecimal("34.00"))).mismatches()).hasSize(1);
    }

    @Test
    void shouldJudgeAKitWithoutABillOfMaterialsByVendsLevelAndNotAnInactiveProductWhoseSkuAnActiveOneHolds() {
        final ProductResolution kit = ProductResolution.newBuilder(resolution("kit", "KIT", null, false)).setKit("BOM_UNKNOWN")
                .setHasInventory(false).build();
        final ProductResolution old = ProductResolution.newBuilder(resolution("old", "TEE", null, false)).setActive(false)
                .setSkuClaimants(List.of("new")).build();
        final ProductResolution replacement = ProductResolution.newBuilder(resolution("new", "TEE", null, false))
                .setSkuClaimants(List.of("new")).build();
        final Identity identity = new Identity(IDENTITY.outletChannels(), Map.of("kit", kit, "old", old, "new", replacement), Map.of());
        final Comparison comparison = InventoryCheck.compare(
                List.of(json("{'id':'kit','is_composite':true}"), json("{'id':'old'}"), json("{'id':'new'}")),
                List.of(json("{'product_id':'kit','outlet_id':'o1','inventory_level':4}"),
                        json("{'product_id':'old','outlet_id':'o1','inventory_level':9}"),
                        json("{'product_id':'new','outlet_id':'o1','inventory_level':3}")),
                identity, List.of(new CommercetoolsData.InventoryEntry("KIT", "ch1", 4), new CommercetoolsData.InventoryEntry("TEE", "ch1", 3)));

        assertThat(comparison.mismatches()).isEmpty();
        assertThat(comparison.compared()).isEqualTo(2);
        assertThat(comparison.notCompared()).containsEntry("inactive product whose SKU another product holds", 1);
    }

    private static CommercetoolsData.Order order(final String number, final String saleId, final String state) {
        return new CommercetoolsData.Order("id-" + number, number, saleId, "NZD", new BigDecimal("10.00"), state);
    }

    @Test
    void shouldWantVoidedSalesCancelledAndNoOrderForParkedOrWaitingPendingSales() {
        final List<JsonNode> sales = List.of(
                json("{'id':'s1','invoice_number':'1','status':'VOIDED','total_price':10,'outlet_id':'o1'}"),
                json("{'id':'s2','invoice_number':'2','status':'LAYBY','total_price':10,'outlet_id':'o1'}"),
                json("{'id':'s3','invoice_number':'3','status':'SAVED','total_price':10,'outlet_id':'o1'}"),
                json("{'id':'s4','invoice_number':'4','status':'LAYBY_CLOSED','total_price':10.004,'outlet_id':'o1'}"),
                json("{'id':'s5','invoice_number':'5','status':'CLOSED','total_price':-10,'return_for':'s4','outlet_id':'o1'}"));
        final List<CommercetoolsData.Order> orders = List.of(order("1", "s1", "Complete"), order("2", "s2", "Open"),
                order("3", "s3", "Open"), order("4", "s4", "Complete"));

        final Comparison waiting = OrderCheck.compare(sales, new OrderCheck.Rules(false, false), IDENTITY, null, orders);
        assertThat(waiting.mismatches()).extracting(m -> m.kind() + " " + m.key() + " " + m.outlet())
                .containsExactlyInAnyOrder("DIFFERENT 1 Main St", "EXTRA 2 Main St", "EXTRA 3 Main St");
        assertThat(waiting.notCompared()).containsEntry("return (mirrored onto its original's order, not judged)", 1);

        final Comparison open = OrderCheck.compare(sales, new OrderCheck.Rules(false, true), IDENTITY, null, orders);
        assertThat(open.mismatches()).extracting(m -> m.kind() + " " + m.key())
                .containsExactlyInAnyOrder("DIFFERENT 1", "EXTRA 3");
    }

    @Test
    void shouldWantTheOrderOfASaleVendDeletedCancelled() {
        // Vend lists a deleted sale still, with its status and its deleted_at.
        final List<JsonNode> sales = List.of(
                json("{'id':'s1','invoice_number':'1','status':'CLOSED','total_price':10,'outlet_id':'o1','deleted_at':'2026-11-25T08:00:00+00:00'}"),
                json("{'id':'s2','invoice_number':'2','status':'CLOSED','total_price':10,'outlet_id':'o1','deleted_at':'2026-11-25T08:00:00+00:00'}"),
                json("{'id':'s3','invoice_number':'3','status':'CLOSED','total_price':10,'outlet_id':'o1','deleted_at':null}"));
        final List<CommercetoolsData.Order> orders = List.of(order("1", "s1", "Complete"), order("2", "s2", "Cancelled"),
                order("3", "s3", "Complete"));

        final Comparison comparison = OrderCheck.compare(sales, new OrderCheck.Rules(false, false), IDENTITY, null, orders);
        assertThat(comparison.mismatches()).extracting(m -> m.kind() + " " + m.key() + " " + m.expected() + " " + m.detail())
                .containsExactly("DIFFERENT 1 Cancelled the sale was deleted in Vend");
        // Deleted since the date asked for: judged, though sold and updated before it.
        final Comparison since = OrderCheck.compare(sales, new OrderCheck.Rules(false, false), IDENTITY,
                java.time.Instant.parse("2026-11-24T00:00:00Z"), orders);
        assertThat(since.mismatches()).extracting(m -> m.kind() + " " + m.key()).containsExactly("DIFFERENT 1");
    }

    @Test
    void shouldJudgeASaleThatCarriesOnlyStateAndAttributesAsTheMapperReadsIt() {
        // Vend deprecates 'status' for 'state' + 'attributes'; the date-versioned sales carry only those.
        final List<JsonNode> sales = List.of(
                json("{'id':'s1','invoice_number':'1','state':'closed','attributes':[],'total_price':10,'outlet_id':'o1'}"),
                json("{'id':'s2','invoice_number':'2','state':'voided','total_price':10,'outlet_id':'o1'}"),
                json("{'id':'s3','invoice_number':'3','state':'closed','attributes':['layby'],'total_price':10,'outlet_id':'o1'}"),
                json("{'id':'s4','invoice_number':'4','state':'pending','attributes':['onaccount'],'total_price':10,'outlet_id':'o1'}"),
                json("{'id':'s5','invoice_number':'5','total_price':10,'outlet_id':'o1'}"));
        final List<CommercetoolsData.Order> orders = List.of(order("1", "s1", "Complete"), order("2", "s2", "Complete"),
                order("3", "s3", "Complete"), order("4", "s4", "Open"));

        final Comparison comparison = OrderCheck.compare(sales, new OrderCheck.Rules(false, false), IDENTITY, null, orders);

        assertThat(comparison.mismatches()).extracting(m -> m.kind() + " " + m.key())
                .containsExactlyInAnyOrder("DIFFERENT 2", "EXTRA 4");
        assertThat(comparison.compared()).isEqualTo(2);
        assertThat(comparison.notCompared()).containsEntry("status unreadable (the sale has neither 'status' nor 'state')", 1);
    }

    @Test
    void shouldFindTheOrderOfASaleWhoseInvoiceNumberAnotherSaleHoldsUnderItsOwnNumber() {
        final List<JsonNode> sales = List.of(
                json("{'id':'s1','invoice_number':'1036','status':'CLOSED','total_price':10,'outlet_id':'o1'}"),
                json("{'id':'s2','invoice_number':'1036','status':'CLOSED','total_price':12,'outlet_id':'o1'}"));
        final List<CommercetoolsData.Order> orders = List.of(order("1036", "s1", "Complete"),
                new CommercetoolsData.Order("id-2", "1036-s2", "s2", "NZD", new BigDecimal("12.00"), "Complete"));

        final Comparison comparison = OrderCheck.compare(sales, new OrderCheck.Rules(false, false), IDENTITY, null, orders);
        assertThat(comparison.mismatches()).isEmpty();
        assertThat(comparison.compared()).isEqualTo(2);

        final Comparison secondMissing = OrderCheck.compare(sales, new OrderCheck.Rules(false, false), IDENTITY, null, orders.subList(0, 1));
        assertThat(secondMissing.mismatches()).extracting(m -> m.kind() + " " + m.key()).containsExactly("MISSING 1036");
    }

    @Test
    void shouldExpectAnEcomCheckoutChargeVendLeavesOutOfTotalPriceInTheOrdersNet() {
        final List<JsonNode> sales = List.of(json("{'id':'s1','invoice_number':'1040','status':'CLOSED','total_price':20,'outlet_id':'o1',"
                + "'adjustments':[{'adjustment_type':'ECOM_CUSTOM_CHARGE','name':'Gift Wrapping','value':8.26}]}"));
        final Comparison comparison = OrderCheck.compare(sales, new OrderCheck.Rules(false, false), IDENTITY, null,
                List.of(new CommercetoolsData.Order("id-1", "1040", "s1", "NZD", new BigDecimal("28.26"), "Complete")));
        assertThat(comparison.mismatches()).isEmpty();
    }

    @Test
    void shouldJudgeAnExchangeByTheOrderOfItsNewItemsAtTheExchangesNetLessItsReturnedLines() {
        // 1 unit back (-4.00), 2 new (+14.00): Vend's net is 10.00; the order of the new items must hold 14.00.
        final List<JsonNode> sales = List.of(json("{'id':'x1','invoice_number':'7','status':'CLOSED','total_price':10,'return_for':'s4',"
                + "'outlet_id':'o1','line_items':[{'quantity':-1,'price_total':-4},{'quantity':2,'price_total':14}]}"),
                json("{'id':'x2','invoice_number':'8','status':'CLOSED','total_price':6,'return_for':'s4',"
                        + "'outlet_id':'o1','line_items':[{'quantity':-1,'price_total':-4},{'quantity':1,'price_total':10}]}"),
                json("{'id':'x3','invoice_number':'9','status':'CLOSED','total_price':6,'return_for':'s4',"
                        + "'outlet_id':'o1','line_items':[{'quantity':-1,'price_total':-4},{'quantity':1,'price_total':10}]}"),
                // Plain returns: one reverses a discount rung up as quantity -1, one has a line Vend voided.
                json("{'id':'r1','invoice_number':'10','status':'CLOSED','total_price':-3,'return_for':'s4','outlet_id':'o1',"
                        + "'line_items':[{'quantity':-1,'price_total':-4},{'product_id':'discount','quantity':1,'price_total':1}]}"),
                json("{'id':'r2','invoice_number':'11','status':'CLOSED','total_price':-4,'return_for':'s4','outlet_id':'o1',"
                        + "'line_items':[{'quantity':-1,'price_total':-4},{'quantity':1,'price_total':10,'status':'VOIDED'}]}"));
        final List<CommercetoolsData.Order> orders = List.of(new CommercetoolsData.Order("id-7", "7", "x1", "NZD", new BigDecimal("14.00"),
                "Complete"), new CommercetoolsData.Order("id-8", "8", "x2", "NZD", new BigDecimal("6.00"), "Complete"));

        final Comparison comparison = OrderCheck.compare(sales, new OrderCheck.Rules(false, false, "discount"), IDENTITY, null, orders);
        assertThat(comparison.compared()).isEqualTo(3);
        assertThat(comparison.notCompared()).containsEntry("return (mirrored onto its original's order, not judged)", 2);
        assertThat(comparison.mismatches()).extracting(m -> m.kind() + " " + m.key() + " " + m.expected())
                .containsExactlyInAnyOrder("DIFFERENT 8 10.00", "MISSING 9 10");
    }

    @Test
    void shouldNotWantACommercetoolsCustomerForAVendCustomerWithoutAnEmail() {
        final io.vendsync.mapper.customers.CustomerSettings settings = new io.vendsync.mapper.customers.CustomerSettings("vend-customer-",
                "vend-group-", io.vendsync.mapper.customers.DuplicateEmailPolicy.OLDEST_OWNS,
                io.vendsync.mapper.customers.MissingEmailPolicy.WITHHOLD, "no-email.invalid", "raw.vend.customers", "mapping.customer");
        final Comparison customers = CustomerCheck.compare(List.of(
                json("{'id':'c1','email':'ann@example.com','first_name':'Ann','version':5}"),
                json("{'id':'c2','email':null,'first_name':'Bob','version':6}")), settings, null, true,
                List.of(new CommercetoolsData.Customer("ct-1", "vend-customer-c1", "ann@example.com", "created")));

        assertThat(customers.mismatches()).as("withheld for its email: not missing").isEmpty();
        assertThat(customers.compared()).isEqualTo(1);
    }

    @Test
    void shouldReportACustomerVendsyncCreatedForADeletedVendCustomerWhenCreatedOnesAreErased() {
        final io.vendsync.mapper.customers.CustomerSettings settings = new io.vendsync.mapper.customers.CustomerSettings("vend-customer-",
                "vend-group-", io.vendsync.mapper.customers.DuplicateEmailPolicy.OLDEST_OWNS,
                io.vendsync.mapper.customers.MissingEmailPolicy.WITHHOLD, "no-email.invalid", "raw.vend.customers", "mapping.customer");
        final List<JsonNode> vend = List.of(
                json("{'id':'c1','email':'ann@example.com','version':5,'deleted_at':'2026-12-01T10:00:00+00:00'}"),
                json("{'id':'c2','email':'bob@example.com','version':6,'deleted_at':'2026-12-01T10:00:00+00:00'}"));
        final List<CommercetoolsData.Customer> online = List.of(
                new CommercetoolsData.Customer("ct-1", "vend-customer-c1", "ann@example.com", "created"),
                new CommercetoolsData.Customer("ct-2", "vend-customer-c2", "bob@example.com", "linked"));

        assertThat(CustomerCheck.compare(vend, settings, null, true, online).mismatches())
                .as("the created one should be gone; a linked one is kept on purpose")
                .extracting(m -> m.kind() + " " + m.key()).containsExactly("EXTRA vend-customer-c1");
        assertThat(CustomerCheck.compare(vend, settings, null, false, online).mismatches()).as("customer.delete.policy=keep").isEmpty();
    }
}
