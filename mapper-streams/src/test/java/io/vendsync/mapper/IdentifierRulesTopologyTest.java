package io.vendsync.mapper;

import static io.vendsync.mapper.MapperDriver.TOPICS;
import static io.vendsync.mapper.MapperDriver.change;
import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.schemas.canonical.v1.ValidationError;
import io.vendsync.schemas.mapping.ProductResolution;
import io.vendsync.schemas.raw.Op;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The identifier rules of issue #4 in the topology: SKU normalisation, duplicates, explicit SKUs, GTINs. */
class IdentifierRulesTopologyTest {

    private static final String OUTLET = "b8ca3a65-0183-11e4-fbb5-2816d2677218";
    private static final String CHANNEL = "vend-outlet-" + OUTLET;
    // Sorted, so candidate lists read [A, B, C].
    private static final String A = "0242ac12-0002-11e9-e8c4-659494e3310a";
    private static final String B = "0242ac12-0002-11e9-e8c4-659494e3310b";
    private static final String C = "0242ac12-0002-11e9-e8c4-659494e3310c";
    private static final String INV_A = "inv-a";
    private static final String INV_B = "inv-b";

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

    // --- duplicate SKUs --------------------------------------------------------------------------

    @Test
    void shouldReportDuplicateSkuWithBothCandidatesAndWithholdTheirInventory() {
        start();
        mapper.product(A, "TEE-1", 10);
        mapper.inventory(INV_A, A, OUTLET, 5, 1000, 1L);
        assertThat(keys(mapper.canonical())).containsExactly(CHANNEL + "/TEE-1");

        mapper.product(B, "TEE-1", 20);
        mapper.inventory(INV_B, B, OUTLET, 7, 1001, 2L);
        mapper.inventory(INV_A, A, OUTLET, 4, 1002, 3L); // a stock change of A while the conflict lasts

        assertThat(mapper.canonical()).isEmpty();
        final List<KeyValue<String, ValidationError>> errors = mapper.errors();
        final ValidationError perSku = last(errors, "TEE-1");
        assertThat(perSku.getCode()).isEqualTo("SKU_DUPLICATE");
        assertThat(perSku.getEntity()).isEqualTo("products");
        assertThat(perSku.getCandidates()).containsExactly(A, B);
        assertThat(perSku.getSuggestedFix()).contains(A).contains(B).contains(TOPICS.productSkuOverrides.name());
        for (final String inventoryId : List.of(INV_A, INV_B)) {
            final ValidationError perInventory = last(errors, inventoryId);
            assertThat(perInventory.getCode()).isEqualTo("SKU_DUPLICATE");
            assertThat(perInventory.getEntity()).isEqualTo("inventory");
            assertThat(perInventory.getCandidates()).containsExactly(A, B);
            assertThat(perInventory.getSuggestedFix()).isNotBlank();
        }
    }

    @Test
    void shouldLetAnActiveProductHoldTheSkuOfTheInactiveOneItReplaced() {
        // Vend does not keep SKUs unique: a retailer makes the old product inactive and gives its SKU to the new one.
        start();
        mapper.product(A, "TEE-1", 10);
        mapper.inventory(INV_A, A, OUTLET, 5, 1000, 1L);
        mapper.pipeProduct(A, MapperDriver.change(io.vendsync.schemas.raw.Op.u, "products",
                MapperDriver.productJson(A, "TEE-1", 11).replace("\"version\":11", "\"active\":false,\"version\":11"), 11, 2L));
        mapper.canonical();

        mapper.product(B, "TEE-1", 20);
        mapper.inventory(INV_B, B, OUTLET, 7, 1001, 3L);

        assertThat(mapper.canonical()).extracting(record -> record.key + "=" + record.value.getQuantity()).last()
                .isEqualTo(CHANNEL + "/TEE-1=7");
        final List<KeyValue<String, ValidationError>> errors = mapper.errors();
        assertThat(errors).as("no duplicate: only B claims TEE-1").noneMatch(e -> e.key.equals("TEE-1") || e.key.equals(INV_B));
        assertThat(last(errors, INV_A).getCode()).as("A's stock would overwrite B's").isEqualTo("SKU_DUPLICATE");
        final Map<String, ProductResolution> resolutions = mapper.resolutions();
        assertThat(resolutions.get(B).getConflictCode()).isNull();
        assertThat(resolutions.get(A).getConflictCode()).isNull();
        assertThat(resolutions.get(A).getActive()).isFalse();
    }

    @Test
    void shouldNeverLetInactiveOrDeletedProductsWriteTheirStockOverEachOthersUnderOneSku() {
        start();
        final java.util.function.BiConsumer<String, Long> inactive = (id, version) -> mapper.pipeProduct(id, MapperDriver.change(
                io.vendsync.schemas.raw.Op.u, "products", MapperDriver.productJson(id, "TEE-1", version)
                        .replace("\"version\":" + version, "\"active\":false,\"version\":" + version), version, 1L));
        inactive.accept(A, 10L);
        mapper.inventory(INV_A, A, OUTLET, 5, 1000, 1L);
        assertThat(keys(mapper.canonical())).as("alone with its SKU, an inactive product's stock syncs").containsExactly(CHANNEL + "/TEE-1");

        inactive.accept(B, 20L);
        mapper.inventory(INV_B, B, OUTLET, 7, 1001, 2L);
        assertThat(mapper.canonical()).isEmpty();
        assertThat(last(mapper.errors(), INV_B).getCode()).isEqualTo("SKU_DUPLICATE");

        mapper.deleteProduct(B, "TEE-1", 21);
        assertThat(mapper.canonical()).as("B's 0 is not written over A's stock").extracting(r -> r.value.getQuantity()).doesNotContain(0L);
    }

    @Test
    void shouldReleaseInventoryOnceDuplicateSkuIsResolved() {
        start();
        mapper.product(A, "TEE-1", 10);
        mapper.product(B, "TEE-1", 20);
        mapper.inventory(INV_A, A, OUTLET, 5, 1000, 1L);
        mapper.inventory(INV_B, B, OUTLET, 7, 1001, 2L);
        assertThat(mapper.canonical()).isEmpty();
        mapper.errors();

        mapper.product(B, "TEE-2", 21);

        // containsOnly: B's record may come twice (its new SKU's claimants are looked up, then gain B), identical.
        final List<KeyValue<String, InventoryLevel>> released = mapper.canonical();
        assertThat(released).extracting(record -> record.key + "=" + record.value.getQuantity())
                .containsOnly(CHANNEL + "/TEE-1=5", CHANNEL + "/TEE-2=7");
        assertThat(mapper.errors()).isEmpty();
    }

    @Test
    void shouldReleaseInventoryWhenDuplicateProductIsDeleted() {
        start();
        mapper.product(A, "TEE-1", 10);
        mapper.product(B, "TEE-1", 20);
        mapper.inventory(INV_A, A, OUTLET, 5, 1000, 1L);
        assertThat(mapper.canonical()).isEmpty();

        mapper.deleteProduct(B, "TEE-1", 21);

        assertThat(keys(mapper.canonical())).containsExactly(CHANNEL + "/TEE-1");
    }

    /** A price edit of one duplicate must not let the other's stock slip out between un-claim and re-claim. */
    @Test
    void shouldKeepWithholdingDuplicateSkuWhenOneProductChangesOtherwise() {
        start();
        mapper.product(A, "TEE-1", 10);
        mapper.product(B, "TEE-1", 20);
        mapper.inventory(INV_A, A, OUTLET, 5, 1000, 1L);
        mapper.inventory(INV_B, B, OUTLET, 7, 1001, 2L);
        mapper.errors();

        mapper.product(B, "TEE-1", 22);
        mapper.product(A, "TEE-1", 11);

        assertThat(mapper.canonical()).isEmpty();
        assertThat(mapper.errors()).extracting(record -> record.value.getCode()).containsOnly("SKU_DUPLICATE");
    }

    @Test
    void shouldDetectDuplicateSkuAfterTrimming() {
        start();
        mapper.product(A, "TEE-1", 10);
        mapper.product(B, "TEE-1 ", 20);
        mapper.inventory(INV_A, A, OUTLET, 5, 1000, 1L);

        assertThat(mapper.canonical()).isEmpty();
        assertThat(last(mapper.errors(), INV_A).getCode()).isEqualTo("SKU_DUPLICATE");
    }

    @Test
    void shouldDetectCaseOnlyDuplicateSkuWhenSkuCaseIsUpper() {
        start(Map.of(MapperConfig.SKU_CASE, "UPPER"));
        mapper.product(A, "tee-1", 10);
        mapper.inventory(INV_A, A, OUTLET, 5, 1000, 1L);
        assertThat(mapper.canonical()).singleElement().satisfies(record -> {
            assertThat(record.key).isEqualTo(CHANNEL + "/TEE-1");
            assertThat(record.value.getSku()).isEqualTo("TEE-1");
        });

        mapper.product(B, "Tee-1", 20);

        assertThat(mapper.canonical()).isEmpty();
        assertThat(last(mapper.errors(), "TEE-1").getCandidates()).containsExactly(A, B);
    }

    @Test
    void shouldKeepCaseOnlyDifferentSkusApartWhenSkuCaseIsPreserve() {
        start();
        mapper.product(A, "tee-1", 10);
        mapper.product(B, "TEE-1", 20);
        mapper.inventory(INV_A, A, OUTLET, 5, 1000, 1L);
        mapper.inventory(INV_B, B, OUTLET, 7, 1001, 2L);

        assertThat(keys(mapper.canonical())).containsExactly(CHANNEL + "/tee-1", CHANNEL + "/TEE-1");
        assertThat(mapper.errors()).isEmpty();
    }

    // --- explicit SKU overrides -------------------------------------------------------------------

    @Test
    void shouldPreferExplicitSkuOverride() {
        start();
        mapper.product(A, "TEE-1", 10);
        mapper.inventory(INV_A, A, OUTLET, 5, 1000, 1L);
        assertThat(keys(mapper.canonical())).containsExactly(CHANNEL + "/TEE-1");

        mapper.skuOverride(A, "CT-TEE-1");
        assertThat(mapper.canonical()).singleElement().satisfies(record -> {
            assertThat(record.key).isEqualTo(CHANNEL + "/CT-TEE-1");
            assertThat(record.value.getSku()).isEqualTo("CT-TEE-1");
            assertThat(record.value.getVendProductId()).isEqualTo(A);
        });

        // A later Vend edit, even of the SKU, does not displace the explicit SKU.
        mapper.product(A, "TEE-9", 11);
        // The re-join yields the same record under the override, which is held back: nothing moves.
        assertThat(keys(mapper.canonical())).isEmpty();

        mapper.skuOverride(A, null);
        assertThat(keys(mapper.canonical())).containsExactly(CHANNEL + "/TEE-9");
        assertThat(mapper.errors()).isEmpty();
    }

    @Test
    void shouldResolveDuplicateSkuWithExplicitOverride() {
        start();
        mapper.product(A, "TEE-1", 10);
        mapper.product(B, "TEE-1", 20);
        mapper.inventory(INV_A, A, OUTLET, 5, 1000, 1L);
        mapper.inventory(INV_B, B, OUTLET, 7, 1001, 2L);
        assertThat(mapper.canonical()).isEmpty();

        mapper.skuOverride(B, "TEE-1-B");

        assertThat(keys(mapper.canonical())).containsOnly(CHANNEL + "/TEE-1", CHANNEL + "/TEE-1-B");
    }

    @Test
    void shouldReportDuplicateSkuCreatedByExplicitOverride() {
        start();
        mapper.product(A, "TEE-1", 10);
        mapper.product(B, "TEE-2", 20);
        mapper.inventory(INV_A, A, OUTLET, 5, 1000, 1L);
        mapper.canonical();

        mapper.skuOverride(B, "TEE-1");

        assertThat(mapper.canonical()).isEmpty();
        assertThat(last(mapper.errors(), "TEE-1").getCandidates()).containsExactly(A, B);
    }

    @Test
    void shouldReportInvalidSkuOverrideAndKeepVendSku() {
        start();
        mapper.product(A, "TEE-1", 10);
        mapper.inventory(INV_A, A, OUTLET, 5, 1000, 1L);
        mapper.canonical();

        mapper.skuOverride(A, "CT TEE 1");

        final ValidationError error = last(mapper.errors(), A);
        assertThat(error.getCode()).isEqualTo("OVERRIDE_INVALID");
        assertThat(error.getSourceTopic()).isEqualTo(TOPICS.productSkuOverrides.name());
        assertThat(error.getReason()).contains("CT-TEE-1");
        assertThat(keys(mapper.canonical())).allMatch(key -> key.equals(CHANNEL + "/TEE-1"));
    }

    @Test
    void shouldApplySkuCaseToExplicitOverride() {
        start(Map.of(MapperConfig.SKU_CASE, "lower"));
        mapper.product(A, "TEE-1", 10);
        mapper.skuOverride(A, "CT-Tee-1");
        mapper.inventory(INV_A, A, OUTLET, 5, 1000, 1L);

        assertThat(keys(mapper.canonical())).containsExactly(CHANNEL + "/ct-tee-1");
    }

    // --- SKU whitespace ---------------------------------------------------------------------------

    @Test
    void shouldReportSkuWithWhitespaceAndSuggestTrimmed() {
        start();
        mapper.product(A, "\u00a0TEE-1 ", 10);
        mapper.inventory(INV_A, A, OUTLET, 5, 1000, 1L);

        assertThat(keys(mapper.canonical())).containsExactly(CHANNEL + "/TEE-1");
        final ValidationError error = last(mapper.errors(), A);
        assertThat(error.getCode()).isEqualTo("SKU_WHITESPACE");
        assertThat(error.getEntity()).isEqualTo("products");
        assertThat(error.getSourceVersion()).isEqualTo(10L);
        assertThat(error.getSuggestedFix()).contains("'TEE-1'");
    }

    @Test
    void shouldReportSkuWithInnerWhitespaceAndStillMapIt() {
        start();
        mapper.product(A, "TEE  L GRN", 10);
        mapper.inventory(INV_A, A, OUTLET, 5, 1000, 1L);

        assertThat(keys(mapper.canonical())).containsExactly(CHANNEL + "/TEE  L GRN");
        final ValidationError error = last(mapper.errors(), A);
        assertThat(error.getCode()).isEqualTo("SKU_WHITESPACE");
        assertThat(error.getSuggestedFix()).contains("'TEE-L-GRN'");
    }

    // --- GTINs ------------------------------------------------------------------------------------

    @Test
    void shouldNormaliseUpcToGtin14() {
        start();
        mapper.product(A, "TEE-1", 10, "upc", "036000291452");
        mapper.product(B, "TEE-2", 20, "EAN", "0036000291452");

        final ValidationError error = last(mapper.errors(), "00036000291452");
        assertThat(error.getCode()).isEqualTo("GTIN_DUPLICATE");
        assertThat(error.getCandidates()).containsExactly(A, B);
        assertThat(error.getSuggestedFix()).isNotBlank();
    }

    @Test
    void shouldConvertIsbn10ToGtin14() {
        start();
        mapper.product(A, "BOOK-1", 10, "ISBN", "0-306-40615-2");
        mapper.product(B, "BOOK-2", 20, "isbn", "978-0-306-40615-7");

        assertThat(last(mapper.errors(), "09780306406157").getCandidates()).containsExactly(A, B);
    }

    @Test
    void shouldRejectEanWithWrongCheckDigit() {
        start();
        mapper.product(A, "TEE-1", 10, "EAN", "4006381333932");
        mapper.inventory(INV_A, A, OUTLET, 5, 1000, 1L);

        final ValidationError error = last(mapper.errors(), A);
        assertThat(error.getCode()).isEqualTo("GTIN_INVALID");
        assertThat(error.getReason()).contains("4006381333932").contains("expected 1");
        assertThat(error.getSuggestedFix()).contains("check digit should be 1");
        // The code is ignored; stock is keyed by SKU and still flows.
        assertThat(keys(mapper.canonical())).containsExactly(CHANNEL + "/TEE-1");
    }

    @Test
    void shouldNotCountAnInvalidGtinAsDuplicate() {
        start();
        mapper.product(A, "TEE-1", 10, "EAN", "4006381333932");
        mapper.product(B, "TEE-2", 20, "EAN", "4006381333932");

        assertThat(mapper.errors()).extracting(record -> record.value.getCode()).containsOnly("GTIN_INVALID");
    }

    @Test
    void shouldForgetGtinOfDeletedProduct() {
        start();
        mapper.product(A, "TEE-1", 10, "EAN", "4006381333931");
        mapper.product(B, "TEE-2", 20, "EAN", "4006381333931");
        assertThat(last(mapper.errors(), "04006381333931").getCandidates()).containsExactly(A, B);

        mapper.deleteProduct(B, "TEE-2", 21);
        mapper.product(C, "TEE-3", 30, "EAN", "4006381333931");

        assertThat(last(mapper.errors(), "04006381333931").getCandidates()).containsExactly(A, C);
    }

    @Test
    void shouldNotReportGtinDuplicateAgainWhenOnlyOtherFieldsChange() {
        start();
        mapper.product(A, "TEE-1", 10, "EAN", "4006381333931");
        mapper.product(B, "TEE-2", 20, "EAN", "4006381333931");
        mapper.errors();

        mapper.product(B, "TEE-2", 21, "EAN", "4006381333931");

        assertThat(mapper.errors()).isEmpty();
    }

    @Test
    void shouldReportProductCodesThatAreNotAList() {
        start();
        final String json = "{\"id\":\"" + A + "\",\"sku\":\"TEE-1\",\"version\":10,\"product_codes\":\"9400000000017\"}";
        mapper.pipeProduct(A, change(Op.u, "products", json, 10, 1L));

        final ValidationError error = last(mapper.errors(), A);
        assertThat(error.getCode()).isEqualTo("PAYLOAD_INVALID");
        assertThat(error.getReason()).contains("product_codes");
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
