package io.vendsync.mapper;

import static io.vendsync.mapper.MapperDriver.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.schemas.canonical.v1.ValidationError;
import io.vendsync.schemas.mapping.ProductResolution;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #4, matching Vend products to the existing commercetools catalog ({@code mapping.commercetools-variants}):
 * explicit override > commercetools SKU match > GTIN match > Vend SKU; conflicts reported with their candidates,
 * never guessed.
 */
class CatalogMatchingTopologyTest {

    private static final String OUTLET = "b8ca3a65-0183-11e4-fbb5-2816d2677218";
    private static final String CHANNEL = "vend-outlet-" + OUTLET;
    private static final String A = "0242ac12-0002-11e9-e8c4-659494e3310a";
    private static final String B = "0242ac12-0002-11e9-e8c4-659494e3310b";
    private static final String INV_A = "inv-a";
    private static final String INV_B = "inv-b";
    /** EAN-13 as Vend has it, and as GTIN-14 as the catalog reader publishes it. */
    private static final String EAN = "4006381333931";
    private static final String GTIN14 = "0" + EAN;
    private static final String CT_PRODUCT_1 = "ct-product-1";
    private static final String CT_PRODUCT_2 = "ct-product-2";

    @TempDir
    Path stateDir;

    private MapperDriver mapper;

    @AfterEach
    void closeDriver() {
        if (mapper != null) {
            mapper.close();
        }
    }

    private MapperDriver start() {
        return start(Map.of());
    }

    private MapperDriver start(final Map<String, String> settings) {
        mapper = new MapperDriver(stateDir, settings);
        mapper.outlet(OUTLET, "Main Street", 100);
        return mapper;
    }

    @Test
    void shouldMapInventoryToCommercetoolsSkuWhenMatchedByGtinOnly() {
        start();
        mapper.catalogVariant("CT-TEE-S", CT_PRODUCT_1, 1, GTIN14);
        mapper.product(A, "TEE-S", 10, "EAN", EAN);
        mapper.inventory(INV_A, A, OUTLET, 5, 1000, 1L);

        assertThat(mapper.canonical()).last().satisfies(record -> {
            assertThat(record.key).isEqualTo(CHANNEL + "/CT-TEE-S");
            assertThat(record.value.getSku()).isEqualTo("CT-TEE-S");
            assertThat(record.value.getVendProductId()).isEqualTo(A);
        });
        assertThat(mapper.errors()).isEmpty();
    }

    @Test
    void shouldPublishEachProductsResolutionWithItsSourceAndConflict() {
        start();
        mapper.catalogVariant("CT-TEE-S", CT_PRODUCT_1, 1, GTIN14);
        mapper.catalogVariant("CT-TEE-M", CT_PRODUCT_2, 1, GTIN14);
        mapper.product(A, "TEE-S", 10, "EAN", EAN);   // no SKU match, the GTIN matches two variants
        mapper.product(B, "CT-TEE-M", 11);            // matched by SKU

        final Map<String, ProductResolution> resolutions = mapper.resolutions();
        assertThat(resolutions.get(B).getSkuSource()).isEqualTo("CATALOG_SKU");
        assertThat(resolutions.get(B).getSku()).isEqualTo("CT-TEE-M");
        assertThat(resolutions.get(B).getConflictCode()).isNull();
        assertThat(resolutions.get(A).getConflictCode()).isEqualTo("CT_GTIN_AMBIGUOUS");
        assertThat(resolutions.get(A).getCandidates()).hasSize(2);
    }

    @Test
    void shouldCarryVendsActiveFlagOnTheResolutionSoOrdersKnowNoVariantWillCome() {
        start();
        mapper.product(A, "TEE-S", 10);
        assertThat(mapper.resolutions().get(A).getActive()).isTrue();

        mapper.pipeProduct(A, MapperDriver.change(io.vendsync.schemas.raw.Op.u, "products",
                MapperDriver.productJson(A, "TEE-S", 11).replace("\"version\":11", "\"active\":false,\"version\":11"), 11, 0L));
        final ProductResolution inactive = mapper.resolutions().get(A);
        assertThat(inactive.getVersion()).isEqualTo(11L);
        assertThat(inactive.getActive()).isFalse();
        assertThat(inactive.getSku()).as("its SKU and stock resolve as any other's").isEqualTo("TEE-S");
    }

    @Test
    void shouldNeverPublishTheVendSkuOfAProductWhileItsBarcodeLookupIsPending() {
        start();
        mapper.catalogVariant("CT-TEE-S", CT_PRODUCT_1, 1, GTIN14);
        mapper.inventory(INV_A, A, OUTLET, 5, 1000, 1L);
        mapper.errors(); // PRODUCT_UNKNOWN until the product arrives
        mapper.product(A, "TEE-S", 10, "EAN", EAN);

        assertThat(keys(mapper.canonical())).containsExactly(CHANNEL + "/CT-TEE-S");
        assertThat(mapper.errors()).isEmpty();
        assertThat(mapper.resolutionsInOrder()).isNotEmpty().allSatisfy(resolution -> {
            assertThat(resolution.value.getSkuSource()).isEqualTo("CATALOG_GTIN");
            assertThat(resolution.value.getSku()).isEqualTo("CT-TEE-S");
        });
    }

    @Test
    void shouldMatchByGtinWhenVendProductHasNoSku() {
        start();
        mapper.product(A, " ", 10, "UPC", "036000291452");
        mapper.inventory(INV_A, A, OUTLET, 5, 1000, 1L);
        assertThat(mapper.canonical()).isEmpty(); // SKU_MISSING until the catalog knows the barcode
        mapper.errors();

        mapper.catalogVariant("CT-UPC", CT_PRODUCT_1, 1, "00036000291452");

        assertThat(keys(mapper.canonical())).containsOnly(CHANNEL + "/CT-UPC");
    }

    @Test
    void shouldPreferCommercetoolsSkuMatchOverGtinMatch() {
        start();
        mapper.catalogVariant("TEE-S", CT_PRODUCT_1, 1);
        mapper.catalogVariant("OTHER", CT_PRODUCT_2, 1, GTIN14);
        mapper.product(A, "TEE-S", 10, "EAN", EAN);
        mapper.inventory(INV_A, A, OUTLET, 5, 1000, 1L);

        assertThat(keys(mapper.canonical())).containsOnly(CHANNEL + "/TEE-S");
        assertThat(mapper.errors()).isEmpty();
    }

    @Test
    void shouldReportAmbiguousGtinWithBothCommercetoolsCandidates() {
        start();
        mapper.catalogVariant("CT-X-1", CT_PRODUCT_1, 1, GTIN14);
        mapper.catalogVariant("CT-X-2", CT_PRODUCT_2, 3, GTIN14);
        mapper.product(A, "TEE-S", 10, "EAN", EAN);
        mapper.inventory(INV_A, A, OUTLET, 5, 1000, 1L);

        assertThat(mapper.canonical()).as("stock withheld, not guessed").isEmpty();
        final List<KeyValue<String, ValidationError>> errors = mapper.errors();
        final ValidationError perProduct = last(errors, A);
        assertThat(perProduct.getCode()).isEqualTo("CT_GTIN_AMBIGUOUS");
        assertThat(perProduct.getEntity()).isEqualTo("products");
        assertThat(perProduct.getCandidates()).containsExactly("CT-X-1", "CT-X-2");
        assertThat(perProduct.getReason()).contains(GTIN14);
        assertThat(perProduct.getSuggestedFix()).contains("CT-X-1").contains("CT-X-2").contains(TOPICS.productSkuOverrides.name());
        final ValidationError perInventory = last(errors, INV_A);
        assertThat(perInventory.getCode()).isEqualTo("CT_GTIN_AMBIGUOUS");
        assertThat(perInventory.getEntity()).isEqualTo("inventory");
        assertThat(perInventory.getCandidates()).containsExactly("CT-X-1", "CT-X-2");
    }

    @Test
    void shouldReleaseStockOnceCommercetoolsGtinIsUnambiguousAgain() {
        start();
        mapper.catalogVariant("CT-X-1", CT_PRODUCT_1, 1, GTIN14);
        mapper.catalogVariant("CT-X-2", CT_PRODUCT_2, 1, GTIN14);
        mapper.product(A, "TEE-S", 10, "EAN", EAN);
        mapper.inventory(INV_A, A, OUTLET, 5, 1000, 1L);
        assertThat(mapper.canonical()).isEmpty();
        mapper.errors();

        mapper.catalogVariantGone("CT-X-2");

        assertThat(keys(mapper.canonical())).containsOnly(CHANNEL + "/CT-X-1");
    }

    @Test
    void shouldReportAmbiguousCommercetoolsSkuWithBothVariants() {
        start();
        mapper.catalogVariant("TEE-S", CT_PRODUCT_1, 1, List.of(), List.of(CT_PRODUCT_2 + "/4"));
        mapper.product(A, "TEE-S", 10);
        mapper.inventory(INV_A, A, OUTLET, 5, 1000, 1L);

        assertThat(mapper.canonical()).isEmpty();
        final List<KeyValue<String, ValidationError>> errors = mapper.errors();
        for (final String key : List.of(A, INV_A)) {
            final ValidationError error = last(errors, key);
            assertThat(error.getCode()).isEqualTo("CT_SKU_AMBIGUOUS");
            assertThat(error.getCandidates()).containsExactly(CT_PRODUCT_1 + "/1", CT_PRODUCT_2 + "/4");
            assertThat(error.getSuggestedFix()).isNotBlank();
        }

        // The catalog reader republishes the SKU once only one variant reports it: the stock flows.
        mapper.catalogVariant("TEE-S", CT_PRODUCT_1, 1);
        assertThat(keys(mapper.canonical())).containsOnly(CHANNEL + "/TEE-S");
    }

    @Test
    void shouldReportAmbiguousCommercetoolsSkuFoundByGtin() {
        start();
        mapper.catalogVariant("CT-X", CT_PRODUCT_1, 1, List.of(GTIN14), List.of(CT_PRODUCT_2 + "/2"));
        mapper.product(A, "TEE-S", 10, "EAN", EAN);
        mapper.inventory(INV_A, A, OUTLET, 5, 1000, 1L);

        assertThat(mapper.canonical()).isEmpty();
        final ValidationError error = last(mapper.errors(), INV_A);
        assertThat(error.getCode()).isEqualTo("CT_SKU_AMBIGUOUS");
        assertThat(error.getCandidates()).containsExactly(CT_PRODUCT_1 + "/1", CT_PRODUCT_2 + "/2");

        mapper.catalogVariant("CT-X", CT_PRODUCT_1, 1, GTIN14);
        assertThat(keys(mapper.canonical())).containsOnly(CHANNEL + "/CT-X");
    }

    @Test
    void shouldPreferExplicitOverrideOverCatalogMatch() {
        start();
        mapper.catalogVariant("CT-X-1", CT_PRODUCT_1, 1, GTIN14);
        mapper.catalogVariant("TEE-S", CT_PRODUCT_2, 1);
        mapper.product(A, "TEE-S", 10, "EAN", EAN);
        mapper.skuOverride(A, "OVR-1");
        mapper.inventory(INV_A, A, OUTLET, 5, 1000, 1L);

        assertThat(keys(mapper.canonical())).containsOnly(CHANNEL + "/OVR-1");
        // Even an ambiguous GTIN is not the catalog's business once an operator decided.
        mapper.catalogVariant("CT-X-2", CT_PRODUCT_2, 2, GTIN14);
        // The re-join yields the same record, which is held back: nothing moves, nothing is re-sent.
        assertThat(keys(mapper.canonical())).isEmpty();
        assertThat(mapper.errors()).isEmpty();

        mapper.skuOverride(A, null);
        assertThat(keys(mapper.canonical())).containsOnly(CHANNEL + "/TEE-S");
    }

    @Test
    void shouldNotReportUnmatchedProductWhenPolicyIsCreate() {
        start();
        mapper.catalogVariant("SOMETHING-ELSE", CT_PRODUCT_1, 1, "00036000291452");
        mapper.product(A, "NEW-1", 10, "EAN", EAN);
        mapper.inventory(INV_A, A, OUTLET, 5, 1000, 1L);

        assertThat(keys(mapper.canonical())).containsOnly(CHANNEL + "/NEW-1");
        assertThat(mapper.errors()).isEmpty();
    }

    @Test
    void shouldReportNoMatchAndWithholdStockWhenPolicyIsMatchOnly() {
        start(Map.of(MapperConfig.CATALOG_MATCH_POLICY, "match-only"));
        mapper.product(A, "NEW-1", 10, "EAN", EAN);
        mapper.inventory(INV_A, A, OUTLET, 5, 1000, 1L);

        assertThat(mapper.canonical()).isEmpty();
        final List<KeyValue<String, ValidationError>> errors = mapper.errors();
        assertThat(last(errors, A).getCode()).isEqualTo("CT_NO_MATCH");
        assertThat(last(errors, A).getSuggestedFix()).contains("catalog.match.policy");
        assertThat(last(errors, INV_A).getCode()).isEqualTo("CT_NO_MATCH");

        // The catalog reader finds the barcode on an existing variant: the stock flows to it by itself.
        mapper.catalogVariant("CT-NEW-1", CT_PRODUCT_1, 1, GTIN14);
        assertThat(keys(mapper.canonical())).containsOnly(CHANNEL + "/CT-NEW-1");
    }

    @Test
    void shouldReportDuplicateSkuWhenGtinMatchLandsOnAnotherVendProductsSku() {
        start();
        mapper.catalogVariant("CT-1", CT_PRODUCT_1, 1, GTIN14);
        mapper.product(A, "CT-1", 10);
        mapper.product(B, "B-OWN", 20, "EAN", EAN);
        mapper.inventory(INV_A, A, OUTLET, 5, 1000, 1L);
        mapper.inventory(INV_B, B, OUTLET, 7, 1001, 2L);

        assertThat(mapper.canonical()).isEmpty();
        final ValidationError perSku = last(mapper.errors(), "CT-1");
        assertThat(perSku.getCode()).isEqualTo("SKU_DUPLICATE");
        assertThat(perSku.getCandidates()).containsExactly(A, B);
    }

    @Test
    void shouldFallBackToVendSkuWhenTheMatchedVariantDisappears() {
        start();
        mapper.catalogVariant("CT-TEE-S", CT_PRODUCT_1, 1, GTIN14);
        mapper.product(A, "TEE-S", 10, "EAN", EAN);
        mapper.inventory(INV_A, A, OUTLET, 5, 1000, 1L);
        assertThat(keys(mapper.canonical())).containsOnly(CHANNEL + "/CT-TEE-S");

        mapper.catalogVariantGone("CT-TEE-S");

        // The variant's tombstone may first re-join the unchanged match (an identical record, which the sink skips by
        // source version); what counts is where the stock ends up.
        assertThat(keys(mapper.canonical())).last().isEqualTo(CHANNEL + "/TEE-S");
    }

    private static ValidationError last(final List<KeyValue<String, ValidationError>> errors, final String key) {
        return errors.stream().filter(record -> record.key.equals(key)).reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no error keyed " + key + " in " + errors))
                .value;
    }

    private static List<String> keys(final List<KeyValue<String, InventoryLevel>> records) {
        return records.stream().map(record -> record.key).toList();
    }
}
