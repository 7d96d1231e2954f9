package io.vendsync.mapper.products;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.mapper.MapperConfig;
import io.vendsync.mapper.internals.ContextJoin;
import io.vendsync.schemas.canonical.v1.Product;
import io.vendsync.schemas.canonical.v1.ProductVariant;
import io.vendsync.schemas.canonical.v1.ValidationError;
import io.vendsync.schemas.canonical.v1.VariantAttribute;
import io.vendsync.schemas.raw.Op;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #4: Vend variant families become commercetools products; one test per matching and validation rule. */
class ProductMappingTopologyTest {

    private static final String PARENT = "0242ac12-0002-11e9-e8c4-659494e33138";
    private static final String CHILD_M = "0242ac12-0002-11e9-e8c4-659494e3310m";
    private static final String CHILD_L = "0242ac12-0002-11e9-e8c4-659494e3310l";
    private static final String OUTLET_1 = "b8ca3a65-0183-11e4-fbb5-2816d2677211";
    private static final String OUTLET_2 = "b8ca3a65-0183-11e4-fbb5-2816d2677212";
    private static final String GST = "b1d192bc-f019-11e3-a0f5-b8ca3a64f8f4";
    private static final String NO_TAX = "b1d192bc-f019-11e3-a0f5-b8ca3a64f000";
    private static final String FAMILY_KEY = "vend-family-" + PARENT;

    @TempDir
    Path stateDir;

    private ProductDriver mapper;

    @AfterEach
    void close() {
        if (mapper != null) {
            mapper.close();
        }
    }

    private ProductDriver start(final Map<String, String> settings) {
        mapper = new ProductDriver(stateDir, settings);
        return mapper;
    }

    private ProductDriver start() {
        return start(Map.of());
    }

    /** Two outlets, the parent taxed GST at both, and a family of three tees (parent S, then M and L). */
    private void seedFamily(final ProductDriver driver) {
        driver.outlet(OUTLET_1, null, 1);
        driver.outlet(OUTLET_2, null, 2);
        driver.outletTax(PARENT, OUTLET_1, GST, 3);
        driver.outletTax(PARENT, OUTLET_2, GST, 4);
        driver.product(PARENT, null, "TEE-S", 10, null, List.of("EAN", "4006381333931"), "Size", "S", "Colour", "Red");
        driver.product(CHILD_M, PARENT, "TEE-M", 11, "Size", "M", "Colour", "Red");
        driver.product(CHILD_L, PARENT, "TEE-L", 12, "Size", "L", "Colour", "Red");
        driver.resolved(PARENT, "TEE-S", 10);
        driver.resolved(CHILD_M, "TEE-M", 11);
        driver.resolved(CHILD_L, "TEE-L", 12);
    }

    private static Product last(final List<KeyValue<String, Product>> records, final String key) {
        return records.stream().filter(r -> r.key.equals(key)).reduce((a, b) -> b).orElseThrow().value;
    }

    private static Map<String, String> attributes(final ProductVariant variant) {
        return variant.getAttributes().stream().collect(Collectors.toMap(VariantAttribute::getName, VariantAttribute::getValue));
    }

    @Test
    void shouldPublishNewVariantFamilyAsOneProductWithParentFirst() {
        seedFamily(start());

        final Product product = last(mapper.products(), FAMILY_KEY);
        assertThat(product.getVendFamilyId()).isEqualTo(PARENT);
        assertThat(product.getCtProductId()).isNull();
        assertThat(product.getName()).isEqualTo("Classic Tee");
        assertThat(product.getDescription()).isEqualTo("Soft cotton tee");
        assertThat(product.getSlug()).isEqualTo("classictee");
        assertThat(product.getTaxCategoryKey()).isEqualTo("vend-tax-" + GST);
        assertThat(product.getDeleted()).isFalse();
        assertThat(product.getSourceVersion()).isEqualTo(12L);
        assertThat(product.getVariants()).extracting(ProductVariant::getSku).containsExactly("TEE-S", "TEE-L", "TEE-M");
        final ProductVariant master = product.getVariants().get(0);
        assertThat(master.getVariantKey()).isEqualTo("vend-" + PARENT);
        assertThat(master.getSkuSource()).isEqualTo("VEND_SKU");
        assertThat(master.getCtVariantId()).isNull();
        assertThat(attributes(master)).containsExactlyInAnyOrderEntriesOf(Map.of("size", "S", "colour", "Red"));
        assertThat(master.getGtins()).containsExactly("04006381333931");
        assertThat(mapper.errors()).isEmpty();
    }

    @Test
    void shouldKeyAStandaloneProductByItsOwnId() {
        start();
        mapper.product("solo-1", null, "MUG", 5);
        mapper.resolved("solo-1", "MUG", 5);

        final Product product = last(mapper.products(), "vend-family-solo-1");
        assertThat(product.getVariants()).singleElement().satisfies(v -> {
            assertThat(v.getSku()).isEqualTo("MUG");
            assertThat(v.getAttributes()).isEmpty();
        });
        assertThat(product.getTaxCategoryKey()).isNull(); // no outlets known yet
    }

    @Test
    void shouldWaitForEveryLiveVariantsResolutionBeforePublishing() {
        start();
        mapper.product(PARENT, null, "TEE-S", 10, "Size", "S");
        mapper.product(CHILD_M, PARENT, "TEE-M", 11, "Size", "M");
        mapper.resolved(PARENT, "TEE-S", 10);
        assertThat(mapper.products()).isEmpty();

        mapper.resolved(CHILD_M, "TEE-M", 11);
        assertThat(last(mapper.products(), FAMILY_KEY).getVariants()).hasSize(2);
    }

    @Test
    void shouldLeaveOutVariantWithheldByConflictWithoutReportingItAgain() {
        seedFamily(start());
        mapper.products();
        mapper.resolution(CHILD_M, "TEE-M", "VEND_SKU", 11, "SKU_DUPLICATE", CHILD_M, "someone-else");

        final Product product = last(mapper.products(), FAMILY_KEY);
        assertThat(product.getVariants()).extracting(ProductVariant::getVendProductId).containsExactly(PARENT, CHILD_L);
        assertThat(mapper.errors()).isEmpty();
    }

    @Test
    void shouldReportFamilySplitWithBothCommercetoolsProductsAndNotPublish() {
        start();
        mapper.catalogVariant("CT-S", "ct-product-1", "shirt-1", 1, "ct-s");
        mapper.catalogVariant("CT-M", "ct-product-2", "shirt-2", 3, null);
        mapper.product(PARENT, null, "CT-S", 10, "Size", "S");
        mapper.product(CHILD_M, PARENT, "CT-M", 11, "Size", "M");
        mapper.resolution(PARENT, "CT-S", "CATALOG_SKU", 10, null);
        mapper.resolution(CHILD_M, "CT-M", "CATALOG_SKU", 11, null);

        assertThat(mapper.products()).isEmpty();
        assertThat(mapper.errors()).last().satisfies(error -> {
            assertThat(error.key).isEqualTo(PARENT);
            assertThat(error.value.getCode()).isEqualTo("FAMILY_SPLIT");
            assertThat(error.value.getCandidates()).containsExactly("ct-product-1 (shirt-1)", "ct-product-2 (shirt-2)");
            assertThat(error.value.getSuggestedFix()).isNotBlank();
        });

        // Resolved: both variants now live in one commercetools product.
        mapper.catalogVariant("CT-M", "ct-product-1", "shirt-1", 2, null);
        final Product product = last(mapper.products(), "shirt-1");
        assertThat(product.getCtProductId()).isEqualTo("ct-product-1");
        assertThat(product.getVariants()).extracting(ProductVariant::getCtVariantId).containsExactly(1, 2);
        assertThat(product.getVariants()).extracting(ProductVariant::getVariantKey).containsExactly("ct-s", "vend-" + CHILD_M);
    }

    @Test
    void shouldTakeTheMatchedProductsKeyAndAddUnmatchedVariantsToItUnderCreate() {
        start();
        mapper.catalogVariant("CT-S", "ct-product-1", "shirt-1", 1, "ct-s");
        mapper.product(PARENT, null, "TEE-S", 10, "Size", "S");
        mapper.product(CHILD_M, PARENT, "TEE-M", 11, "Size", "M");
        mapper.resolution(PARENT, "CT-S", "CATALOG_GTIN", 10, null);
        mapper.resolved(CHILD_M, "TEE-M", 11);

        final Product product = last(mapper.products(), "shirt-1");
        assertThat(product.getCtProductId()).isEqualTo("ct-product-1");
        assertThat(product.getVariants()).extracting(ProductVariant::getSku).containsExactly("CT-S", "TEE-M");
        assertThat(product.getVariants()).extracting(ProductVariant::getCtVariantId).containsExactly(1, null);
    }

    @Test
    void shouldWaitForTheCatalogVariantOfACatalogResolution() {
        start();
        mapper.product(PARENT, null, "TEE-S", 10);
        mapper.resolution(PARENT, "CT-S", "CATALOG_SKU", 10, null);
        assertThat(mapper.products()).isEmpty(); // publishing now would create a product for a SKU commercetools has

        mapper.catalogVariant("CT-S", "ct-product-1", "shirt-1", 1, null);
        assertThat(last(mapper.products(), "shirt-1").getCtProductId()).isEqualTo("ct-product-1");
    }

    @Test
    void shouldNotPublishFamilyWithoutMatchUnderMatchOnly() {
        start(Map.of(MapperConfig.CATALOG_MATCH_POLICY, "match-only"));
        mapper.product(PARENT, null, "TEE-S", 10, "Size", "S");
        mapper.resolution(PARENT, "TEE-S", "VEND_SKU", 10, "CT_NO_MATCH");

        assertThat(mapper.products()).isEmpty();
        assertThat(mapper.errors()).isEmpty(); // CT_NO_MATCH is the inventory mapper's report
    }

    @Test
    void shouldLeaveOutUnmatchedVariantsOfMatchedFamilyUnderMatchOnly() {
        start(Map.of(MapperConfig.CATALOG_MATCH_POLICY, "match-only"));
        mapper.catalogVariant("CT-S", "ct-product-1", "shirt-1", 1, null);
        mapper.product(PARENT, null, "CT-S", 10, "Size", "S");
        mapper.product(CHILD_M, PARENT, "TEE-M", 11, "Size", "M");
        mapper.resolution(PARENT, "CT-S", "CATALOG_SKU", 10, null);
        // An explicit SKU that commercetools does not have: nothing would match it, so nothing is created for it.
        mapper.resolution(CHILD_M, "TEE-M", "EXPLICIT", 11, null);

        final Product product = last(mapper.products(), "shirt-1");
        assertThat(product.getVariants()).extracting(ProductVariant::getSku).containsExactly("CT-S");
    }

    @Test
    void shouldReportDuplicateOptionValuesAndLeaveEveryDuplicateOut() {
        start();
        mapper.product(PARENT, null, "TEE-S", 10, "Size", "S");
        mapper.product(CHILD_M, PARENT, "TEE-M", 11, "size", "M");
        mapper.product(CHILD_L, PARENT, "TEE-L", 12, "Size ", "M"); // "size" and "Size " are one attribute
        mapper.resolved(PARENT, "TEE-S", 10);
        mapper.resolved(CHILD_M, "TEE-M", 11);
        mapper.resolved(CHILD_L, "TEE-L", 12);

        assertThat(last(mapper.products(), FAMILY_KEY).getVariants()).extracting(ProductVariant::getSku).containsExactly("TEE-S");
        assertThat(mapper.errors()).last().satisfies(error -> {
            assertThat(error.key).isEqualTo(PARENT);
            assertThat(error.value.getCode()).isEqualTo("VARIANT_OPTIONS_DUPLICATE");
            assertThat(error.value.getCandidates()).containsExactlyInAnyOrder(CHILD_M, CHILD_L);
        });
    }

    @Test
    void shouldReportAmbiguousTaxWithTheTaxIdsAndPublishWithoutTaxCategory() {
        seedFamily(start());
        mapper.outletTax(PARENT, OUTLET_2, NO_TAX, 20);

        final Product product = last(mapper.products(), FAMILY_KEY);
        assertThat(product.getTaxCategoryKey()).isNull();
        assertThat(product.getSourceVersion()).isEqualTo(20L);
        final ValidationError error = mapper.errors().stream().map(e -> e.value)
                .filter(e -> e.getCode().equals("TAX_AMBIGUOUS")).reduce((a, b) -> b).orElseThrow();
        assertThat(error.getSourceKey()).isEqualTo(PARENT);
        assertThat(error.getCandidates()).containsExactlyInAnyOrder(GST, NO_TAX);
    }

    @Test
    void shouldTakeTheOutletDefaultTaxWhereTheProductHasNoOutletTax() {
        start();
        mapper.outlet(OUTLET_1, GST, 1);
        mapper.product("solo-1", null, "MUG", 5);
        mapper.resolved("solo-1", "MUG", 5);
        assertThat(last(mapper.products(), "vend-family-solo-1").getTaxCategoryKey()).isEqualTo("vend-tax-" + GST);

        mapper.outlet(OUTLET_2, NO_TAX, 6);
        assertThat(mapper.errors()).extracting(e -> e.value.getCode()).contains("TAX_AMBIGUOUS");
        mapper.outletTax("solo-1", OUTLET_2, GST, 7);
        assertThat(last(mapper.products(), "vend-family-solo-1").getTaxCategoryKey()).isEqualTo("vend-tax-" + GST);
    }

    @Test
    void shouldPublishAFamilyWithoutOutletsAfterTheLongestWaitAndAgainWithTheirDefaultTaxWhenTheyCome() {
        start();
        mapper.product("solo-1", null, "MUG", 5);
        mapper.resolved("solo-1", "MUG", 5);
        mapper.recheck(ContextJoin.MAX_CHECKS_WAITED - 1);
        assertThat(mapper.productsSoFar()).as("a cold start waits for its outlets").isEmpty();
        final List<KeyValue<String, Product>> first = mapper.products();
        assertThat(first).hasSize(1);
        assertThat(first.get(0).value.getTaxCategoryKey()).isNull();

        mapper.outlet(OUTLET_1, GST, 6);
        assertThat(mapper.productsSoFar()).as("the outlets wait for the re-check").isEmpty();
        final List<KeyValue<String, Product>> again = mapper.products();
        assertThat(again).hasSize(1);
        assertThat(again.get(0).value.getTaxCategoryKey()).isEqualTo("vend-tax-" + GST);
        assertThat(again.get(0).value.getSourceVersion()).isEqualTo(6L);
    }

    @Test
    void shouldPublishAColdStartsFamilyOnceUnderTheOutletsThatComeAfterIt() {
        start();
        mapper.product("solo-1", null, "MUG", 5);
        mapper.resolved("solo-1", "MUG", 5);
        mapper.outlet(OUTLET_1, GST, 6);

        final List<KeyValue<String, Product>> published = mapper.products();
        assertThat(published).hasSize(1);
        assertThat(published.get(0).value.getTaxCategoryKey()).isEqualTo("vend-tax-" + GST);
    }

    @Test
    void shouldDecideAFamilyOnceUnderTheLastOutletsWhenTheyChangeSeveralTimesBetweenRechecks() {
        start();
        mapper.outlet(OUTLET_1, GST, 1);
        mapper.product("solo-1", null, "MUG", 5);
        mapper.resolved("solo-1", "MUG", 5);
        mapper.products();

        mapper.outlet(OUTLET_1, NO_TAX, 6);
        mapper.outlet(OUTLET_1, "tax-other", 7);
        mapper.outlet(OUTLET_1, NO_TAX, 8);
        final List<KeyValue<String, Product>> decided = mapper.products();
        assertThat(decided).hasSize(1);
        assertThat(decided.get(0).value.getTaxCategoryKey()).isEqualTo("vend-tax-" + NO_TAX);
        assertThat(decided.get(0).value.getSourceVersion()).isEqualTo(8L);
    }

    @Test
    void shouldTakeTheStoresDefaultTaxWhereNeitherAnOutletTaxNorTheOutletNamesOne() {
        start();
        mapper.tax(NO_TAX, false, 1);
        mapper.tax(GST, true, 2);
        mapper.outlet(OUTLET_1, null, 3);
        mapper.product("solo-1", null, "MUG", 5);
        mapper.resolved("solo-1", "MUG", 5);
        assertThat(last(mapper.products(), "vend-family-solo-1").getTaxCategoryKey()).isEqualTo("vend-tax-" + GST);

        // The store's default moves to another tax: the product follows, as its prices do.
        mapper.tax(GST, false, 6);
        mapper.tax(NO_TAX, true, 7);
        assertThat(last(mapper.products(), "vend-family-solo-1").getTaxCategoryKey()).isEqualTo("vend-tax-" + NO_TAX);
    }

    @Test
    void shouldDecideTheTaxOnLiveOutletsOnly() {
        seedFamily(start());
        mapper.outletTax(PARENT, OUTLET_2, NO_TAX, 20);
        assertThat(last(mapper.products(), FAMILY_KEY).getTaxCategoryKey()).isNull();

        // Outlet 2 closes: only outlet 1's tax counts.
        mapper.rawOutlet(OUTLET_2, ProductDriver.change(Op.d, "outlets",
                "{\"id\":\"" + OUTLET_2 + "\",\"deleted_at\":\"2024-05-01T10:00:00+00:00\",\"version\":21}", 21));
        assertThat(last(mapper.products(), FAMILY_KEY).getTaxCategoryKey()).isEqualTo("vend-tax-" + GST);
    }

    @Test
    void shouldNeverPublishAFamilyBelowTheVersionItWasLastPublishedAtWhenAnOutletLeaves() {
        start();
        mapper.outlet(OUTLET_1, GST, 1);
        mapper.product("solo-1", null, "MUG", 5);
        mapper.resolved("solo-1", "MUG", 5);
        mapper.products();
        mapper.outlet(OUTLET_2, NO_TAX, 6);
        final Product ambiguous = last(mapper.products(), "vend-family-solo-1");
        assertThat(ambiguous.getTaxCategoryKey()).isNull();
        assertThat(ambiguous.getSourceVersion()).isEqualTo(6L);

        // Outlet 2 closes: the family's inputs are back to version 5, below what the sink applied; it would skip that.
        mapper.rawOutlet(OUTLET_2, ProductDriver.change(Op.d, "outlets",
                "{\"id\":\"" + OUTLET_2 + "\",\"deleted_at\":\"2024-05-01T10:00:00+00:00\",\"version\":9}", 9));

        final Product single = last(mapper.products(), "vend-family-solo-1");
        assertThat(single.getTaxCategoryKey()).isEqualTo("vend-tax-" + GST);
        assertThat(single.getSourceVersion()).as("published at the last version, not below it").isEqualTo(6L);
    }

    @Test
    void shouldPublishAgainWhenAMemberItsResolutionTheCatalogOrTheTaxChanges() {
        seedFamily(start());
        mapper.products();

        mapper.product(CHILD_M, PARENT, "TEE-M", 30, "Size", "Medium", "Colour", "Red");
        mapper.resolved(CHILD_M, "TEE-M", 30);
        assertThat(attributes(last(mapper.products(), FAMILY_KEY).getVariants().get(2))).containsEntry("size", "Medium");

        mapper.resolution(CHILD_L, "TEE-L-X", "EXPLICIT", 12, null);
        assertThat(last(mapper.products(), FAMILY_KEY).getVariants().get(1).getSku()).isEqualTo("TEE-L-X");

        mapper.catalogVariant("TEE-S", "ct-created", FAMILY_KEY, 1, "vend-" + PARENT);
        assertThat(last(mapper.products(), FAMILY_KEY).getCtProductId()).isEqualTo("ct-created");

        mapper.outletTax(PARENT, OUTLET_1, NO_TAX, 40);
        mapper.outletTax(PARENT, OUTLET_2, NO_TAX, 41);
        assertThat(last(mapper.products(), FAMILY_KEY).getTaxCategoryKey()).isEqualTo("vend-tax-" + NO_TAX);
    }

    @Test
    void shouldPublishAnEqualRecordWhenTheSameInputsAreReplayed() {
        seedFamily(start());
        final Product first = last(mapper.products(), FAMILY_KEY);
        mapper.close();

        mapper = new ProductDriver(stateDir.resolve("replay"), Map.of());
        seedFamily(mapper);
        assertThat(last(mapper.products(), FAMILY_KEY)).isEqualTo(first);
        // Duplicates of what was seen change nothing: the version gates drop them.
        seedFamily(mapper);
        assertThat(mapper.products()).allSatisfy(r -> assertThat(r.value).isEqualTo(first));
    }

    @Test
    void shouldPublishDeletedWhenEveryVariantIsDeleted() {
        seedFamily(start());
        mapper.product(PARENT, null, "TEE-S", 50, "2024-05-01T10:00:00+00:00", List.of(), "Size", "S");
        mapper.product(CHILD_M, PARENT, "TEE-M", 51, "2024-05-01T10:00:00+00:00", List.of(), "Size", "M");
        assertThat(last(mapper.products(), FAMILY_KEY).getDeleted()).isFalse();

        mapper.product(CHILD_L, PARENT, "TEE-L", 52, "2024-05-01T10:00:00+00:00", List.of(), "Size", "L");
        final Product product = last(mapper.products(), FAMILY_KEY);
        assertThat(product.getDeleted()).isTrue();
        assertThat(product.getActive()).isFalse();
        assertThat(product.getVariants()).isEmpty();
        assertThat(product.getSourceVersion()).isEqualTo(52L);
    }

    @Test
    void shouldTakeTheFamilyOffSaleWhenNoVariantIsActiveAndBackWhenOneIsAgain() {
        seedFamily(start());
        mapper.inactiveProduct(PARENT, null, "TEE-S", 50, "Size", "S", "Colour", "Red");
        mapper.inactiveProduct(CHILD_M, PARENT, "TEE-M", 51, "Size", "M", "Colour", "Red");
        final Product onSale = last(mapper.products(), FAMILY_KEY);
        assertThat(onSale.getActive()).isTrue();
        assertThat(onSale.getVariants()).extracting(ProductVariant::getSku).containsExactly("TEE-L");

        mapper.product(CHILD_L, PARENT, "TEE-L", 52, "2024-05-01T10:00:00+00:00", List.of(), "Size", "L", "Colour", "Red");
        final Product offSale = last(mapper.products(), FAMILY_KEY);
        assertThat(offSale.getActive()).isFalse();
        assertThat(offSale.getDeleted()).as("two variants are only inactive").isFalse();
        assertThat(offSale.getVariants()).isEmpty();

        mapper.product(CHILD_M, PARENT, "TEE-M", 53, "Size", "M", "Colour", "Red");
        mapper.resolved(CHILD_M, "TEE-M", 53);
        final Product again = last(mapper.products(), FAMILY_KEY);
        assertThat(again.getActive()).isTrue();
        assertThat(again.getVariants()).extracting(ProductVariant::getSku).containsExactly("TEE-M");
    }

    @Test
    void shouldReportAVariantWithoutSkuAndLeaveItOut() {
        seedFamily(start());
        mapper.resolved(CHILD_M, null, 11);

        assertThat(last(mapper.products(), FAMILY_KEY).getVariants()).extracting(ProductVariant::getSku)
                .containsExactly("TEE-S", "TEE-L");
        assertThat(mapper.errors()).last().satisfies(error -> {
            assertThat(error.key).isEqualTo(CHILD_M);
            assertThat(error.value.getCode()).isEqualTo("SKU_MISSING");
        });
    }

    @Test
    void shouldReportUnreadableVariantOptionsAsPayloadInvalid() {
        start();
        mapper.rawProduct("bad-1", ProductDriver.change(Op.u, "products",
                "{\"id\":\"bad-1\",\"sku\":\"X\",\"version\":3,\"variant_options\":\"Size=S\"}", 3));

        assertThat(mapper.errors()).singleElement().satisfies(error -> {
            assertThat(error.key).isEqualTo("bad-1");
            assertThat(error.value.getCode()).isEqualTo("PAYLOAD_INVALID");
            assertThat(error.value.getReason()).contains("variant_options");
        });
        assertThat(mapper.products()).isEmpty();
    }
}
