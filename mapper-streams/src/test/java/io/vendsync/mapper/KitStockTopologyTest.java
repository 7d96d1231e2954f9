package io.vendsync.mapper;

import static io.vendsync.mapper.MapperDriver.change;
import static io.vendsync.mapper.MapperDriver.compositeJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.schemas.canonical.v1.ValidationError;
import io.vendsync.schemas.raw.Op;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A composite product (a kit) gets stock online: at each outlet, the minimum over its components of
 * floor(component stock / quantity), derived from its bill of materials and published on the kit's own entry.
 */
class KitStockTopologyTest {

    private static final String MAIN = "b8ca3a65-0183-11e4-fbb5-2816d2677218";
    private static final String MALL = "b8ca3a65-0183-11e4-fbb5-2816d2677219";
    private static final String MAIN_CHANNEL = "vend-outlet-" + MAIN;
    private static final String MALL_CHANNEL = "vend-outlet-" + MALL;
    private static final String KIT = "0242ac12-0002-11e9-e8c4-6594940000a1";
    private static final String SHAMPOO = "0242ac12-0002-11e9-e8c4-6594940000b1";
    private static final String COMB = "0242ac12-0002-11e9-e8c4-6594940000b2";
    private static final String TOWEL = "0242ac12-0002-11e9-e8c4-6594940000b3";

    @TempDir
    Path stateDir;

    private MapperDriver mapper;

    @BeforeEach
    void startDriver() {
        mapper = new MapperDriver(stateDir);
        mapper.outlet(MAIN, "Main Street", 100);
        mapper.outlet(MALL, "Mall", 101);
        mapper.product(SHAMPOO, "SHAMPOO", 200);
        mapper.product(COMB, "COMB", 201);
        mapper.product(TOWEL, "TOWEL", 202);
    }

    @AfterEach
    void closeDriver() {
        mapper.close();
    }

    @Test
    void shouldLowerTheKitsOnlineStockWhenAComponentSells() {
        mapper.composite(KIT, "GIFT-SET", 300, SHAMPOO, 2, COMB, 1);
        mapper.inventory("inv-shampoo-main", SHAMPOO, MAIN, 10, 1000, 1L);
        mapper.inventory("inv-comb-main", COMB, MAIN, 4, 1001, 2L);
        assertThat(kitLevels()).containsEntry(MAIN_CHANNEL, 4L); // min(10/2, 4/1)

        mapper.inventory("inv-shampoo-main", SHAMPOO, MAIN, 5, 1002, 3L); // three bottles sold: 5/2 = 2 kits

        final List<KeyValue<String, InventoryLevel>> kit = kitRecords(mapper.canonical());
        assertThat(kit).singleElement().satisfies(record -> {
            assertThat(record.key).isEqualTo(MAIN_CHANNEL + "/GIFT-SET");
            assertThat(record.value.getQuantity()).isEqualTo(2L);
            assertThat(record.value.getSourceVersion()).isEqualTo(1002L); // the newest input's Vend version
            assertThat(record.value.getVendInventoryId()).isEqualTo(KIT + "/" + MAIN);
            assertThat(record.value.getVendOutletId()).isEqualTo(MAIN);
        });
    }

    @Test
    void shouldLowerTheKitsOnlineStockWhenAComponentsStockRecordIsDeletedByItsIdAlone() {
        mapper.composite(KIT, "GIFT-SET", 300, SHAMPOO, 2, COMB, 1);
        mapper.inventory("inv-shampoo-main", SHAMPOO, MAIN, 10, 1000, 1L);
        mapper.inventory("inv-comb-main", COMB, MAIN, 4, 1001, 2L);
        assertThat(kitLevels()).containsEntry(MAIN_CHANNEL, 4L);

        // A deletion may carry only the record's id (keyed by its product, as the ingest publishes inventory): the comb's
        // stock is gone, and with it every kit at the outlet.
        mapper.pipeInventory(COMB, change(Op.d, "inventory",
                "{\"id\":\"inv-comb-main\",\"deleted_at\":\"2026-12-03T10:00:00+00:00\",\"version\":1002}", 1002, 3L));

        assertThat(kitLevels()).containsExactly(Map.entry(MAIN_CHANNEL, 0L));
    }

    @Test
    void shouldRaiseTheKitsOnlineStockWhenAComponentIsRestocked() {
        mapper.composite(KIT, "GIFT-SET", 300, SHAMPOO, 2, COMB, 1);
        mapper.inventory("inv-shampoo-main", SHAMPOO, MAIN, 1, 1000, 1L);
        mapper.inventory("inv-comb-main", COMB, MAIN, 9, 1001, 2L);
        assertThat(kitLevels()).containsEntry(MAIN_CHANNEL, 0L); // one bottle makes no kit

        mapper.inventory("inv-shampoo-main", SHAMPOO, MAIN, 7, 1002, 3L);

        assertThat(kitLevels()).containsExactly(Map.entry(MAIN_CHANNEL, 3L));
    }

    @Test
    void shouldReDeriveTheKitsStockWhenItsBillOfMaterialsChanges() {
        mapper.composite(KIT, "GIFT-SET", 300, SHAMPOO, 2, COMB, 1);
        mapper.inventory("inv-shampoo-main", SHAMPOO, MAIN, 10, 1000, 1L);
        mapper.inventory("inv-comb-main", COMB, MAIN, 4, 1001, 2L);
        mapper.inventory("inv-towel-main", TOWEL, MAIN, 1, 1002, 3L);
        assertThat(kitLevels()).containsEntry(MAIN_CHANNEL, 4L);

        mapper.composite(KIT, "GIFT-SET", 1500, SHAMPOO, 5, COMB, 1); // now five bottles per kit
        final List<KeyValue<String, InventoryLevel>> moreShampoo = kitRecords(mapper.canonical());
        assertThat(moreShampoo).extracting(record -> record.value.getQuantity()).containsExactly(2L);
        assertThat(moreShampoo.get(0).value.getSourceVersion()).isEqualTo(1500L);

        mapper.composite(KIT, "GIFT-SET", 1501, SHAMPOO, 5, TOWEL, 1); // the comb replaced by a towel, of which 1 is left
        assertThat(kitLevels()).containsExactly(Map.entry(MAIN_CHANNEL, 1L));

        mapper.product(KIT, "GIFT-SET", 1502); // the kit turned into a plain product in Vend: its bill of materials is gone
        mapper.canonical();
        mapper.inventory("inv-towel-main", TOWEL, MAIN, 0, 1503, 4L); // so the towel no longer moves it
        assertThat(kitRecords(mapper.canonical())).isEmpty();
    }

    @Test
    void shouldPublishZeroForAKitWhereAComponentHasNoStockAtThatOutlet() {
        mapper.composite(KIT, "GIFT-SET", 300, SHAMPOO, 2, COMB, 1);
        mapper.inventory("inv-shampoo-main", SHAMPOO, MAIN, 10, 1000, 1L);
        mapper.inventory("inv-shampoo-mall", SHAMPOO, MALL, 10, 1001, 2L);
        mapper.inventory("inv-comb-main", COMB, MAIN, 3, 1002, 3L);
        mapper.inventory("inv-comb-mall", COMB, MALL, -2, 1003, 4L); // oversold at the mall: negative counts as 0

        assertThat(kitLevels()).containsEntry(MAIN_CHANNEL, 3L).containsEntry(MALL_CHANNEL, 0L);

        final String elsewhere = "b8ca3a65-0183-11e4-fbb5-2816d267721a";
        mapper.outlet(elsewhere, "Warehouse", 102);
        mapper.inventory("inv-shampoo-elsewhere", SHAMPOO, elsewhere, 50, 1004, 5L); // no comb record there at all
        assertThat(kitLevels()).containsExactly(Map.entry("vend-outlet-" + elsewhere, 0L));
    }

    @Test
    void shouldNotPublishVendsOwnRecordOfAComposite() {
        mapper.composite(KIT, "GIFT-SET", 300, SHAMPOO, 1, COMB, 1);
        mapper.inventory("inv-shampoo-main", SHAMPOO, MAIN, 6, 1000, 1L);
        mapper.inventory("inv-comb-main", COMB, MAIN, 5, 1001, 2L);
        mapper.errors();
        mapper.inventory("inv-kit-main", KIT, MAIN, 99, 1002, 3L); // what Vend reports for the kit itself

        assertThat(kitLevels()).containsExactly(Map.entry(MAIN_CHANNEL, 5L));
        final List<KeyValue<String, ValidationError>> errors = mapper.errors();
        assertThat(errors).singleElement().satisfies(record -> {
            assertThat(record.key).isEqualTo("inv-kit-main");
            assertThat(record.value.getCode()).isEqualTo("INVENTORY_NOT_TRACKED");
            assertThat(record.value.getReason()).contains("composite").contains(KIT + "/" + MAIN);
        });
    }

    @Test
    void shouldFollowVendsOwnLevelUntilTheBillOfMaterialsArrivesThenTheComponents() {
        mapper.inventory("inv-shampoo-main", SHAMPOO, MAIN, 10, 1000, 1L);
        final String noBill = compositeJson(KIT, "GIFT-SET", 1001, "composite_bom").replace(",\"composite_bom\":[]", "");
        mapper.pipeProduct(KIT, change(Op.u, "products", noBill, 1001, 2L));
        mapper.inventory("inv-kit-main", KIT, MAIN, 7, 1002, 3L); // all there is to go by
        assertThat(kitLevels()).containsExactly(Map.entry(MAIN_CHANNEL, 7L));

        mapper.pipeProduct(KIT, change(Op.u, "products", compositeJson(KIT, "GIFT-SET", 1003, "composite_bom", SHAMPOO, 2), 1003, 4L));
        final List<KeyValue<String, InventoryLevel>> after = kitRecords(mapper.canonical());
        assertThat(after).last().satisfies(record -> {
            assertThat(record.value.getQuantity()).isEqualTo(5L);
            assertThat(record.value.getSourceVersion()).as("above Vend's own level, so the sink applies it").isGreaterThan(1002L);
        });
    }

    @Test
    void shouldReadTheBillOfMaterialsFromEachDocumentedField() {
        mapper.inventory("inv-shampoo-main", SHAMPOO, MAIN, 10, 1000, 1L);
        mapper.pipeProduct(KIT, change(Op.u, "products",
                compositeJson(KIT, "GIFT-SET", 300, "composite_components", SHAMPOO, 2), 300, 1L));
        assertThat(kitLevels()).containsExactly(Map.entry(MAIN_CHANNEL, 5L));
        mapper.pipeProduct(KIT, change(Op.u, "products",
                compositeJson(KIT, "GIFT-SET", 1301, "composite", SHAMPOO, "2.5"), 1301, 2L)); // a decimal, as a string
        assertThat(kitLevels()).containsExactly(Map.entry(MAIN_CHANNEL, 4L));
    }

    @Test
    void shouldReportAMalformedBillOfMaterialsAndPublishNoKitStock() {
        mapper.inventory("inv-shampoo-main", SHAMPOO, MAIN, 10, 1000, 1L);
        final String noQuantity = compositeJson(KIT, "GIFT-SET", 300, "composite_bom", SHAMPOO, 0);
        mapper.pipeProduct(KIT, change(Op.u, "products", noQuantity, 300, 1L));
        final String noComponent = compositeJson(KIT, "GIFT-SET", 301, "composite_bom", SHAMPOO, 1)
                .replace("\"product_id\":\"" + SHAMPOO + "\",", "");
        mapper.pipeProduct(KIT, change(Op.u, "products", noComponent, 301, 2L));

        assertThat(kitRecords(mapper.canonical())).isEmpty();
        final List<ValidationError> errors = mapper.errors().stream().filter(record -> record.key.equals(KIT))
                .map(record -> record.value).toList();
        assertThat(errors).extracting(ValidationError::getCode).containsExactly("PAYLOAD_INVALID", "PAYLOAD_INVALID");
        assertThat(errors.get(0).getReason()).contains("composite_bom").contains("quantity");
        assertThat(errors.get(0).getPayload()).isEqualTo(noQuantity);
        assertThat(errors.get(1).getReason()).contains("product_id");
        assertThat(errors.get(1).getPayload()).isEqualTo(noComponent);
    }

    @Test
    void shouldSetTheKitsStockToZeroWhenTheKitIsDeletedInVendAndRestoreItOnUndelete() {
        mapper.composite(KIT, "GIFT-SET", 300, SHAMPOO, 2, COMB, 1);
        mapper.inventory("inv-shampoo-main", SHAMPOO, MAIN, 10, 1000, 1L);
        mapper.inventory("inv-comb-main", COMB, MAIN, 4, 1001, 2L);
        assertThat(kitLevels()).containsEntry(MAIN_CHANNEL, 4L);

        mapper.deleteProduct(KIT, "GIFT-SET", 1400); // a delete that carries no bill of materials

        final List<KeyValue<String, InventoryLevel>> kit = kitRecords(mapper.canonical());
        assertThat(kit).singleElement().satisfies(record -> {
            assertThat(record.value.getQuantity()).isZero();
            assertThat(record.value.getSourceVersion()).isGreaterThan(1001L);
        });
        final long zeroVersion = kit.get(0).value.getSourceVersion();

        mapper.composite(KIT, "GIFT-SET", 1401, SHAMPOO, 2, COMB, 1); // undeleted in Vend
        assertThat(kitRecords(mapper.canonical())).singleElement().satisfies(record -> {
            assertThat(record.value.getQuantity()).isEqualTo(4L);
            assertThat(record.value.getSourceVersion()).isGreaterThan(zeroVersion); // so the sink applies it
        });
    }

    /** The kit's latest published quantity per channel, from what was published since the last read. */
    @Test
    void shouldSumWhatEachOutletCanAssembleWhereOutletsShareAChannel() {
        mapper.override(MAIN, "warehouse");
        mapper.override(MALL, "warehouse");
        mapper.composite(KIT, "GIFT-SET", 300, SHAMPOO, 2, COMB, 1);
        mapper.inventory("inv-shampoo-main", SHAMPOO, MAIN, 10, 1000, 1L);
        mapper.inventory("inv-comb-main", COMB, MAIN, 4, 1001, 2L);
        mapper.inventory("inv-shampoo-mall", SHAMPOO, MALL, 6, 1002, 3L);
        mapper.inventory("inv-comb-mall", COMB, MALL, 9, 1003, 4L);
        // A kit is assembled in one store: min(10/2, 4) + min(6/2, 9), not what the pooled stock would make (min(16/2, 13)).
        assertThat(newestKitLevels()).containsEntry("warehouse", 7L);

        mapper.override(MALL, null); // the mall back on its own channel

        assertThat(newestKitLevels()).containsEntry("warehouse", 4L).containsEntry(MALL_CHANNEL, 3L);
    }

    /** The kit's level per channel that a sink keeps: the one of the highest source version published there. */
    private Map<String, Long> newestKitLevels() {
        final Map<String, KeyValue<String, InventoryLevel>> newest = new java.util.TreeMap<>();
        kitRecords(mapper.canonical()).forEach(record -> newest.merge(record.value.getChannelKey(), record,
                (a, b) -> b.value.getSourceVersion() > a.value.getSourceVersion() ? b : a));
        return newest.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().value.getQuantity()));
    }

    private Map<String, Long> kitLevels() {
        return kitRecords(mapper.canonical()).stream().collect(Collectors.toMap(record -> record.value.getChannelKey(),
                record -> record.value.getQuantity(), (first, second) -> second));
    }

    private static List<KeyValue<String, InventoryLevel>> kitRecords(final List<KeyValue<String, InventoryLevel>> records) {
        return records.stream().filter(record -> record.value.getSku().equals("GIFT-SET")).toList();
    }
}
