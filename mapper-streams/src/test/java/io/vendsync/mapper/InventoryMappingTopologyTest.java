package io.vendsync.mapper;

import static io.vendsync.mapper.MapperDriver.TOPICS;
import static io.vendsync.mapper.MapperDriver.change;
import static io.vendsync.mapper.MapperDriver.productJson;
import static io.vendsync.mapper.MapperDriver.outletJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vendsync.mapper.inventory.InventoryMappingTopology;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.schemas.canonical.v1.ValidationError;
import io.vendsync.schemas.raw.Op;
import io.vendsync.schemas.raw.VendChange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryMappingTopologyTest {

    private static final String PRODUCT = "0242ac12-0002-11e9-e8c4-659494e33101";
    private static final String OUTLET = "B8CA3A65-0183-11E4-FBB5-2816D2677218";
    /** An outlet record a store moves to. */
    private static final String SUCCESSOR = "C9DA3A65-0183-11E4-FBB5-2816D2677299";
    /** A third outlet, for pools of three. */
    private static final String DEPOT = "D1DA3A65-0183-11E4-FBB5-2816D2677300";
    private static final String DERIVED_CHANNEL = "vend-outlet-b8ca3a65-0183-11e4-fbb5-2816d2677218";
    private static final String INVENTORY = "7896f269-2b20-ff38-602a-ace60b172b12";
    private static final String SKU = "10001";

    @TempDir
    Path stateDir;

    private MapperDriver mapper;

    @BeforeEach
    void startDriver() {
        mapper = new MapperDriver(stateDir);
    }

    @AfterEach
    void closeDriver() {
        mapper.close();
    }

    @Test
    void shouldEmitCanonicalInventoryWhenProductAndOutletAreKnown() {
        mapper.outlet(OUTLET, "Main Street", 100);
        mapper.product(PRODUCT, " " + SKU + " ", 150578);
        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 12, 1639940, 1_600_000_000_123L);

        final List<KeyValue<String, InventoryLevel>> out = mapper.canonical();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key).isEqualTo(DERIVED_CHANNEL + "/" + SKU);
        final InventoryLevel level = out.get(0).value;
        assertThat(level.getSku()).isEqualTo(SKU); // trimmed
        assertThat(level.getChannelKey()).isEqualTo(DERIVED_CHANNEL);
        assertThat(level.getQuantity()).isEqualTo(12L);
        assertThat(level.getSourceVersion()).isEqualTo(1639940L);
        assertThat(level.getSourceTsMs()).isEqualTo(1_600_000_000_123L);
        assertThat(level.getVendProductId()).isEqualTo(PRODUCT);
        assertThat(level.getVendOutletId()).isEqualTo(OUTLET);
        assertThat(level.getVendInventoryId()).isEqualTo(INVENTORY);
        assertThat(level.getDomainPrefix()).isEqualTo(MapperDriver.DOMAIN);
        // The padding is reported for cleaning Vend (see IdentifierRulesTopologyTest), and nothing else.
        assertThat(mapper.errors()).extracting(record -> record.value.getCode()).containsExactly("SKU_WHITESPACE");
    }

    @Test
    void shouldPublishAWeighedProductsFractionalLevelInWholeUnitsRoundedDown() {
        mapper.outlet(OUTLET, "Main Street", 100);
        mapper.product(PRODUCT, SKU, 150578);
        mapper.pipeInventory(INVENTORY, change(Op.u, "inventory", "{\"id\":\"" + INVENTORY + "\",\"product_id\":\"" + PRODUCT
                + "\",\"outlet_id\":\"" + OUTLET + "\",\"inventory_level\":2.75,\"version\":1639940}", 1639940, 1L));

        assertThat(mapper.canonical()).singleElement().satisfies(out -> assertThat(out.value.getQuantity()).isEqualTo(2L));
        assertThat(mapper.errors()).isEmpty();
    }

    @Test
    void shouldReportUnknownProductAndEmitOnceProductArrives() {
        mapper.outlet(OUTLET, "Main Street", 100);
        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 12, 1639940, 1L);

        assertThat(mapper.canonical()).isEmpty();
        final ValidationError error = singleError(INVENTORY);
        assertThat(error.getCode()).isEqualTo("PRODUCT_UNKNOWN");
        assertThat(error.getReason()).contains(PRODUCT);
        assertThat(error.getEntity()).isEqualTo("inventory");
        assertThat(error.getSourceTopic()).isEqualTo(TOPICS.rawInventory.name());
        assertThat(error.getSourceKey()).isEqualTo(INVENTORY);
        assertThat(error.getSourceVersion()).isEqualTo(1639940L);
        assertThat(error.getPayload()).contains(PRODUCT).contains(OUTLET);

        mapper.product(PRODUCT, SKU, 150578);

        assertThat(mapper.canonical()).singleElement().satisfies(record -> {
            assertThat(record.key).isEqualTo(DERIVED_CHANNEL + "/" + SKU);
            assertThat(record.value.getQuantity()).isEqualTo(12L);
        });
        assertThat(mapper.errors()).isEmpty();
    }

    @Test
    void shouldReportUnmappedOutletAndEmitOnceOutletArrives() {
        mapper.product(PRODUCT, SKU, 150578);
        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 12, 1639940, 1L);

        assertThat(mapper.canonical()).isEmpty();
        final ValidationError error = singleError(INVENTORY);
        assertThat(error.getCode()).isEqualTo("OUTLET_UNMAPPED");
        assertThat(error.getReason()).contains(OUTLET);
        assertThat(error.getSuggestedFix()).contains(TOPICS.outletChannelOverrides.name());

        mapper.outlet(OUTLET, "Main Street", 100);

        assertThat(mapper.canonical()).singleElement()
                .satisfies(record -> assertThat(record.key).isEqualTo(DERIVED_CHANNEL + "/" + SKU));
        assertThat(mapper.errors()).isEmpty();
    }

    @Test
    void shouldNotRepublishInventoryWhenAProductEditLeavesItsIdentityAsItWas() {
        givenOneStockChangeMapped();

        mapper.product(PRODUCT, SKU, 150579); // e.g. a price edit: a new version, the same SKU
        assertThat(mapper.canonical()).isEmpty();

        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 13, 1639941, 2L);
        assertThat(mapper.canonical()).singleElement()
                .satisfies(record -> assertThat(record.value.getQuantity()).isEqualTo(13));
        mapper.product(PRODUCT, SKU + "-NEW", 150580); // an identity change does move the stock
        assertThat(keys(mapper.canonical())).containsExactly(DERIVED_CHANNEL + "/" + SKU + "-NEW");
    }

    @Test
    void shouldPreferExplicitOutletChannelOverDerivedAndFallBackToDerivedWhenOverrideIsTombstoned() {
        mapper.outlet(OUTLET, "Main Street", 100);
        mapper.product(PRODUCT, SKU, 150578);
        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 12, 1639940, 1L);
        assertThat(keys(mapper.canonical())).containsExactly(DERIVED_CHANNEL + "/" + SKU);

        mapper.override(OUTLET, "main-street-store");
        assertThat(mapper.canonical()).singleElement().satisfies(record -> {
            assertThat(record.key).isEqualTo("main-street-store/" + SKU);
            assertThat(record.value.getChannelKey()).isEqualTo("main-street-store");
        });

        // A later change of the Vend outlet must not displace the explicit mapping.
        mapper.outlet(OUTLET, "Main Street (renamed)", 101);
        // The re-join yields the same record under the explicit channel, which is held back: nothing moves.
        assertThat(keys(mapper.canonical())).isEmpty();

        mapper.override(OUTLET, null);
        assertThat(keys(mapper.canonical())).containsExactly(DERIVED_CHANNEL + "/" + SKU);
        assertThat(mapper.errors()).isEmpty();
        // Each step was published for operators to see, the last one being the derived mapping again.
        assertThat(mapper.outletChannels().get(OUTLET)).satisfies(mapping -> {
            assertThat(mapping.getChannelKey()).isEqualTo(DERIVED_CHANNEL);
            assertThat(mapping.getOrigin().name()).isEqualTo("DERIVED");
        });
    }

    @Test
    void shouldMapWithExplicitOverrideAloneWhenVendOutletIsUnknown() {
        mapper.product(PRODUCT, SKU, 150578);
        mapper.override(OUTLET, "warehouse");
        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 3, 1639940, 1L);

        assertThat(keys(mapper.canonical())).containsExactly("warehouse/" + SKU);
        assertThat(mapper.errors()).isEmpty();
    }

    @Test
    void shouldReportInvalidOverrideAndKeepUsingDerivedChannel() {
        givenOneStockChangeMapped();

        mapper.override(OUTLET, "main street/1");

        assertThat(singleError(OUTLET).getCode()).isEqualTo("OVERRIDE_INVALID");
        // Any re-emission still carries the derived channel, never the refused key.
        assertThat(keys(mapper.canonical())).allMatch(key -> key.equals(DERIVED_CHANNEL + "/" + SKU));
    }

    @Test
    void shouldSetTheStockAtItsChannelToZeroWhenTheOutletIsDeletedInVend() {
        givenOneStockChangeMapped();

        mapper.pipeOutlet(OUTLET, change(Op.u, "outlets", outletJson(OUTLET, "Main Street", 105, "2024-01-01T00:00:00+00:00"), 105, 2L));

        // The store is gone: the stock it published must not stay for sale at its channel.
        assertThat(mapper.canonical()).singleElement().satisfies(record -> {
            assertThat(record.key).isEqualTo(DERIVED_CHANNEL + "/" + SKU);
            assertThat(record.value.getQuantity()).isZero();
            assertThat(record.value.getSourceVersion()).as("above the level before, so the sink applies it").isEqualTo(1639941L);
        });
        assertThat(mapper.errors()).isEmpty();

        mapper.outlet(OUTLET, "Main Street", 110); // restored in Vend: the level comes back
        assertThat(mapper.canonical()).singleElement().satisfies(record -> {
            assertThat(record.value.getQuantity()).isEqualTo(12L);
            assertThat(record.value.getSourceVersion()).isEqualTo(1639942L);
        });
    }

    @Test
    void shouldZeroTheKeyTheRecordLastPublishedUnderNotTheOneItWasFirstPublishedUnder() {
        givenOneStockChangeMapped(); // under the derived channel
        mapper.stopTheClock();
        mapper.override(OUTLET, "akl-store"); // sorts before the derived key: the order kept is the publishing order
        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 7, 1639941, 2L);
        assertThat(keys(mapper.canonical())).containsExactly("akl-store/" + SKU);
        mapper.override(OUTLET, null);
        mapper.pipeOutlet(OUTLET, change(Op.u, "outlets", outletJson(OUTLET, "Main Street", 105, "2024-01-01T00:00:00+00:00"), 105, 2L));
        mapper.startTheClock();

        assertThat(mapper.canonical()).singleElement().satisfies(record -> {
            assertThat(record.key).isEqualTo("akl-store/" + SKU);
            assertThat(record.value.getQuantity()).isZero();
        });
    }

    @Test
    void shouldNotZeroAKeyAnotherRecordOfTheProductMapsToNowWhenAnOutletIsDeleted() {
        // The new outlet has its own stock of the product.
        moveTheStoreToANewOutletAndDeleteTheOld(() -> mapper.inventory("inv-at-successor", PRODUCT, SUCCESSOR, 9, 1639950, 3L));

        assertThat(mapper.canonical()).as("store-akl's stock of the SKU is the new outlet's now")
                .extracting(record -> record.key + "=" + record.value.getQuantity()).containsExactly("store-akl/" + SKU + "=9");
    }

    @Test
    void shouldZeroTheKeyWhenTheOutletNowMappedToItsChannelHasNoStockOfTheProduct() {
        moveTheStoreToANewOutletAndDeleteTheOld(() -> { });

        // Nothing of the new outlet's would ever replace the deleted one's 12 there.
        assertThat(mapper.canonical()).extracting(record -> record.key + "=" + record.value.getQuantity())
                .containsExactly("store-akl/" + SKU + "=0");
    }

    /**
     * A store at channel store-akl (by override) with one stock change mapped, moved to a new outlet record with the
     * channel, {@code atTheNewOutlet} done there, and the old outlet deleted; all between two outlet re-checks.
     */
    private void moveTheStoreToANewOutletAndDeleteTheOld(final Runnable atTheNewOutlet) {
        mapper.override(OUTLET, "store-akl");
        givenOneStockChangeMapped();
        mapper.stopTheClock();
        mapper.outlet(SUCCESSOR, "Main Street (new till)", 104);
        mapper.override(SUCCESSOR, "store-akl");
        atTheNewOutlet.run();
        mapper.override(OUTLET, null);
        mapper.pipeOutlet(OUTLET, change(Op.u, "outlets", outletJson(OUTLET, "Main Street", 105, "2024-01-01T00:00:00+00:00"), 105, 2L));
        mapper.startTheClock();
    }

    @Test
    void shouldSumTheStockOfOutletsMappedToOneChannel() {
        givenTheStoreAndItsBackRoomOnOneChannel();

        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 12, 1639940, 1L);
        assertThat(newestByKey(mapper.canonical())).containsEntry("warehouse/" + SKU, 12L);
        mapper.inventory("inv-back-room", PRODUCT, SUCCESSOR, 9, 1639950, 2L);
        assertThat(mapper.canonical()).singleElement().satisfies(record -> {
            assertThat(record.key).isEqualTo("warehouse/" + SKU);
            assertThat(record.value.getQuantity()).as("one commercetools entry holds both outlets' stock").isEqualTo(21L);
            assertThat(record.value.getPooledOutletIds()).containsExactly(OUTLET, SUCCESSOR);
        });

        mapper.inventory(INVENTORY, PRODUCT, OUTLET, -3, 1639960, 3L);
        assertThat(newestByKey(mapper.canonical())).as("a negative level counts as 0, not against the other's")
                .containsEntry("warehouse/" + SKU, 9L);

        mapper.deleteProduct(PRODUCT, SKU, 150580);
        assertThat(mapper.canonical()).as("a deleted product stops selling at the channel, whatever the outlets hold")
                .isNotEmpty().allSatisfy(record -> assertThat(record.value.getQuantity()).isZero());
    }

    @Test
    void shouldSumAgainWhenAnOutletJoinsTheChannelAndWhenItLeaves() {
        mapper.outlet(OUTLET, "Main Street", 100);
        mapper.outlet(SUCCESSOR, "Back Room", 101);
        mapper.override(OUTLET, "warehouse");
        mapper.product(PRODUCT, SKU, 150578);
        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 12, 1639940, 1L);
        mapper.inventory("inv-back-room", PRODUCT, SUCCESSOR, 9, 1639950, 2L);
        assertThat(newestByKey(mapper.canonical())).containsEntry("warehouse/" + SKU, 12L);

        mapper.override(SUCCESSOR, "warehouse");
        assertThat(newestByKey(mapper.canonical())).as("the back room joined: its stock is added, not put over the store's")
                .containsEntry("warehouse/" + SKU, 21L);

        mapper.override(SUCCESSOR, null);
        final Map<String, Long> left = newestByKey(mapper.canonical());
        assertThat(left).as("the back room left: the store's own stock again, above the version of the sum so the sink applies it")
                .containsEntry("warehouse/" + SKU, 12L);
        assertThat(left).containsEntry("vend-outlet-c9da3a65-0183-11e4-fbb5-2816d2677299/" + SKU, 9L);
    }

    @Test
    void shouldLeaveTheOtherOutletsStockAtTheChannelWhenAPooledOutletIsDeleted() {
        givenTheStoreAndItsBackRoomOnOneChannel();
        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 12, 1639940, 1L);
        mapper.inventory("inv-back-room", PRODUCT, SUCCESSOR, 9, 1639950, 2L);
        assertThat(newestByKey(mapper.canonical())).containsEntry("warehouse/" + SKU, 21L);

        mapper.override(SUCCESSOR, null);
        mapper.pipeOutlet(SUCCESSOR, change(Op.u, "outlets", outletJson(SUCCESSOR, "Back Room", 105, "2024-01-01T00:00:00+00:00"), 105, 3L));

        assertThat(newestByKey(mapper.canonical())).as("the deleted back room's 9 leaves the sum; the store's 12 stays for sale")
                .containsEntry("warehouse/" + SKU, 12L);
    }

    /**
     * What commercetools ends up holding per key when the sink applies each published level only above the source version
     * it last applied there; {@link #dropped} are the levels it would skip.
     */
    private static final class SinkView {
        private final Map<String, Long> versions = new java.util.TreeMap<>();
        private final Map<String, Long> quantities = new java.util.TreeMap<>();
        private final List<String> dropped = new java.util.ArrayList<>();

        Map<String, Long> apply(final List<KeyValue<String, InventoryLevel>> published) {
            for (final KeyValue<String, InventoryLevel> record : published) {
                final Long last = versions.get(record.key);
                if (last != null && record.value.getSourceVersion() <= last) {
                    dropped.add(record.key + "=" + record.value.getQuantity() + "@" + record.value.getSourceVersion());
                } else {
                    versions.put(record.key, record.value.getSourceVersion());
                    quantities.put(record.key, record.value.getQuantity());
                }
            }
            return quantities;
        }
    }

    private void givenTheStoreAndItsBackRoomPooledWithStock(final SinkView sink) {
        givenTheStoreAndItsBackRoomOnOneChannel();
        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 12, 100, 1L);
        mapper.inventory("inv-back-room", PRODUCT, SUCCESSOR, 9, 110, 2L);
        assertThat(sink.apply(mapper.canonical())).containsEntry("warehouse/" + SKU, 21L);
    }

    private void deleteTheBackRoomAndItsOverride() {
        mapper.pipeOutlet(SUCCESSOR, change(Op.u, "outlets", outletJson(SUCCESSOR, "Back Room", 105, "2024-01-01T00:00:00+00:00"), 105, 3L));
        mapper.override(SUCCESSOR, null);
    }

    @Test
    void shouldApplyTheStockChangesOfTheOutletLeftAloneOnTheChannelWhenTheOtherIsDeleted() {
        final SinkView sink = new SinkView();
        givenTheStoreAndItsBackRoomPooledWithStock(sink);
        deleteTheBackRoomAndItsOverride();
        assertThat(sink.apply(mapper.canonical())).containsEntry("warehouse/" + SKU, 12L);

        // Vend's next versions of its one sequence: each must land, also after a product update re-decided the records.
        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 5, 112, 4L);
        assertThat(sink.apply(mapper.canonical())).containsEntry("warehouse/" + SKU, 5L);
        mapper.product(PRODUCT, SKU, 150600);
        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 3, 113, 5L);
        assertThat(sink.apply(mapper.canonical())).containsEntry("warehouse/" + SKU, 3L);
        assertThat(sink.dropped).as("levels the sink would skip as stale").isEmpty();
    }

    @Test
    void shouldApplyTheNewOutletsStockChangesAfterAStoreMovedToIt() {
        final SinkView sink = new SinkView();
        moveTheStoreToANewOutletAndDeleteTheOld(() -> mapper.inventory("inv-at-successor", PRODUCT, SUCCESSOR, 9, 1639950, 3L));
        assertThat(sink.apply(mapper.canonical())).containsEntry("store-akl/" + SKU, 9L);

        mapper.inventory("inv-at-successor", PRODUCT, SUCCESSOR, 7, 1639960, 4L);
        assertThat(sink.apply(mapper.canonical())).containsEntry("store-akl/" + SKU, 7L);
        mapper.product(PRODUCT, SKU, 150600); // re-decides the gone outlet's record too
        mapper.inventory("inv-at-successor", PRODUCT, SUCCESSOR, 6, 1639961, 5L);
        assertThat(sink.apply(mapper.canonical())).containsEntry("store-akl/" + SKU, 6L);
        assertThat(sink.dropped).isEmpty();
    }

    @Test
    void shouldTakeADeletedInventoryRecordsStockOutOfThePooledSum() {
        final SinkView sink = new SinkView();
        givenTheStoreAndItsBackRoomPooledWithStock(sink);

        mapper.pipeInventory(PRODUCT, change(Op.d, "inventory", "{\"id\":\"inv-back-room\",\"product_id\":\"" + PRODUCT
                + "\",\"outlet_id\":\"" + SUCCESSOR + "\",\"version\":120}", 120, 3L));

        assertThat(sink.apply(mapper.canonical())).containsEntry("warehouse/" + SKU, 12L);
    }

    @Test
    void shouldNotRepublishAPooledSumForProductUpdatesThatChangeNothingOfIt() {
        final SinkView sink = new SinkView();
        givenTheStoreAndItsBackRoomPooledWithStock(sink);
        mapper.product(PRODUCT, SKU, 150600);
        sink.apply(mapper.canonical()); // the store's record had published its own 12 before the back room's stock came

        mapper.product(PRODUCT, SKU, 150601);
        mapper.product(PRODUCT, SKU, 150602);

        assertThat(mapper.canonical()).isEmpty();
    }

    @Test
    void shouldSumAgainWhenAnOutletOfThePoolWasMappedElsewhereForAMoment() {
        final SinkView sink = new SinkView();
        givenTheStoreAndItsBackRoomPooledWithStock(sink);
        mapper.stopTheClock();
        mapper.override(SUCCESSOR, "elsewhere");
        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 13, 120, 3L); // summed without the back room, mapped elsewhere now
        mapper.override(SUCCESSOR, "warehouse");
        mapper.startTheClock();

        assertThat(sink.apply(mapper.canonical())).containsEntry("warehouse/" + SKU, 22L);
    }

    private void givenThreeOutletsOnOneChannel() {
        givenTheStoreAndItsBackRoomOnOneChannel();
        mapper.outlet(DEPOT, "Depot", 102);
        mapper.override(DEPOT, "warehouse");
    }

    @Test
    void shouldTakeTheStockOfAnOutletThatLeftAPoolOfThreeOutOfTheSum() {
        final SinkView sink = new SinkView();
        givenThreeOutletsOnOneChannel();
        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 12, 100, 1L);
        mapper.inventory("inv-back-room", PRODUCT, SUCCESSOR, 9, 110, 2L);
        mapper.inventory("inv-depot", PRODUCT, DEPOT, 5, 120, 3L);
        assertThat(sink.apply(mapper.canonical())).containsEntry("warehouse/" + SKU, 26L);

        mapper.override(DEPOT, "elsewhere"); // the two others stay pooled: their settled value does not change

        assertThat(sink.apply(mapper.canonical())).containsEntry("warehouse/" + SKU, 21L).containsEntry("elsewhere/" + SKU, 5L);
        assertThat(mapper.canonical()).as("later re-checks find nothing more to publish").isEmpty();
        assertThat(sink.dropped).isEmpty();
    }

    @Test
    void shouldTakeADeletedOutletsStockOutOfThePoolWhenOneOtherOutletHasARecordOfTheProduct() {
        final SinkView sink = new SinkView();
        givenThreeOutletsOnOneChannel(); // the back room holds no record of the product
        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 12, 100, 1L);
        mapper.inventory("inv-depot", PRODUCT, DEPOT, 5, 120, 3L);
        assertThat(sink.apply(mapper.canonical())).containsEntry("warehouse/" + SKU, 17L);

        mapper.pipeOutlet(DEPOT, change(Op.u, "outlets", outletJson(DEPOT, "Depot", 105, "2024-01-01T00:00:00+00:00"), 105, 4L));
        mapper.override(DEPOT, null);

        assertThat(sink.apply(mapper.canonical())).as("the deleted depot's 5 must not stay for sale").containsEntry("warehouse/" + SKU, 12L);
    }

    @Test
    void shouldSumTheChannelAgainWhenOneOutletLeavesAndAnotherJoinsWithinASecond() {
        final SinkView sink = new SinkView();
        givenTheStoreAndItsBackRoomPooledWithStock(sink);
        mapper.outlet(DEPOT, "Depot", 102); // no record of the product there
        mapper.stopTheClock();
        mapper.override(SUCCESSOR, "elsewhere");
        mapper.override(DEPOT, "warehouse");
        mapper.startTheClock();

        assertThat(sink.apply(mapper.canonical())).containsEntry("warehouse/" + SKU, 12L);
    }

    /** A product, a store and its back room (two Vend outlets) mapped to the channel "warehouse" by overrides. */
    private void givenTheStoreAndItsBackRoomOnOneChannel() {
        mapper.outlet(OUTLET, "Main Street", 100);
        mapper.outlet(SUCCESSOR, "Back Room", 101);
        mapper.override(OUTLET, "warehouse");
        mapper.override(SUCCESSOR, "warehouse");
        mapper.product(PRODUCT, SKU, 150578);
    }

    /** The quantity the sink keeps at each key: the one of the highest source version published there. */
    private static Map<String, Long> newestByKey(final List<KeyValue<String, InventoryLevel>> published) {
        final Map<String, KeyValue<String, InventoryLevel>> newest = new java.util.TreeMap<>();
        published.forEach(record -> newest.merge(record.key, record,
                (a, b) -> b.value.getSourceVersion() > a.value.getSourceVersion() ? b : a));
        final Map<String, Long> quantities = new java.util.TreeMap<>();
        newest.forEach((key, record) -> quantities.put(key, record.value.getQuantity()));
        return quantities;
    }

    @Test
    void shouldStillReportAnUnmappedOutletWhoseStockWasNeverPublished() {
        mapper.product(PRODUCT, SKU, 150578);
        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 12, 1639940, 1L);
        mapper.pipeOutlet(OUTLET, change(Op.u, "outlets", outletJson(OUTLET, "Main Street", 105, "2024-01-01T00:00:00+00:00"), 105, 2L));

        assertThat(mapper.canonical()).isEmpty();
        assertThat(mapper.errors()).isNotEmpty().allSatisfy(error -> assertThat(error.value.getCode()).isEqualTo("OUTLET_UNMAPPED"));
    }

    @Test
    void shouldNotRegressQuantityWhenOlderEventArrivesLate() {
        mapper.outlet(OUTLET, "Main Street", 100);
        mapper.product(PRODUCT, SKU, 150578);
        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 20, 2000, 2L);
        assertThat(mapper.canonical()).singleElement().satisfies(record -> assertThat(record.value.getQuantity()).isEqualTo(20L));

        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 7, 1500, 1L); // older version, delivered late

        assertThat(mapper.canonical()).isEmpty();
        assertThat(mapper.errors()).isEmpty();

        // The gate still lets newer versions through.
        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 19, 2001, 3L);
        assertThat(mapper.canonical()).singleElement().satisfies(record -> {
            assertThat(record.value.getQuantity()).isEqualTo(19L);
            assertThat(record.value.getSourceVersion()).isEqualTo(2001L);
        });
    }

    @Test
    void shouldNotRegressProductIdentityWhenOlderProductEventArrivesLate() {
        mapper.outlet(OUTLET, "Main Street", 100);
        mapper.product(PRODUCT, "NEW-SKU", 200);
        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 20, 2000, 2L);
        assertThat(keys(mapper.canonical())).containsExactly(DERIVED_CHANNEL + "/NEW-SKU");

        mapper.product(PRODUCT, "OLD-SKU", 150);

        assertThat(mapper.canonical()).isEmpty();
    }

    /** The version gate drops a duplicate before the joins, so nothing at all is emitted again (not merely an identical record). */
    @Test
    void shouldEmitNothingNewWhenSameEventArrivesTwice() {
        mapper.outlet(OUTLET, "Main Street", 100);
        mapper.product(PRODUCT, SKU, 150578);
        final VendChange event = mapper.inventory(INVENTORY, PRODUCT, OUTLET, 12, 1639940, 1L);
        assertThat(mapper.canonical()).hasSize(1);

        mapper.pipeInventory(INVENTORY, event);
        mapper.product(PRODUCT, SKU, 150578);
        mapper.outlet(OUTLET, "Main Street", 100);

        assertThat(mapper.canonical()).isEmpty();
        assertThat(mapper.errors()).isEmpty();
    }

    @Test
    void shouldReportMalformedInventoryPayload() {
        final VendChange notJson = change(Op.u, "inventory", "{\"id\": \"" + INVENTORY + "\", oops", 5, 1L);
        mapper.pipeInventory(INVENTORY, notJson);

        ValidationError error = singleError(INVENTORY);
        assertThat(error.getCode()).isEqualTo("PAYLOAD_INVALID");
        assertThat(error.getPayload()).isEqualTo(notJson.getAfter());
        assertThat(error.getSourceTopic()).isEqualTo(TOPICS.rawInventory.name());
        assertThat(error.getSourceVersion()).isEqualTo(5L);
        assertThat(error.getReason()).contains("not valid JSON");

        final String noProduct = "{\"id\":\"" + INVENTORY + "\",\"outlet_id\":\"" + OUTLET + "\",\"inventory_level\":3,\"version\":6}";
        mapper.pipeInventory(INVENTORY, change(Op.u, "inventory", noProduct, 6, 1L));

        error = singleError(INVENTORY);
        assertThat(error.getCode()).isEqualTo("PAYLOAD_INVALID");
        assertThat(error.getReason()).contains("product_id");
        assertThat(error.getPayload()).isEqualTo(noProduct);

        final String notANumber = "{\"id\":\"" + INVENTORY + "\",\"product_id\":\"" + PRODUCT + "\",\"outlet_id\":\""
                + OUTLET + "\",\"inventory_level\":\"lots\",\"version\":7}";
        mapper.pipeInventory(INVENTORY, change(Op.u, "inventory", notANumber, 7, 1L));
        assertThat(singleError(INVENTORY).getReason()).contains("inventory_level");

        mapper.pipeInventory(INVENTORY, null);
        assertThat(singleError(INVENTORY).getCode()).isEqualTo("PAYLOAD_INVALID");
        assertThat(mapper.canonical()).isEmpty();
    }

    @Test
    void shouldReportMalformedProductAndOutletPayloads() {
        mapper.pipeProduct(PRODUCT, change(Op.u, "products", "not json", 9, 1L));
        final ValidationError product = singleError(PRODUCT);
        assertThat(product.getCode()).isEqualTo("PAYLOAD_INVALID");
        assertThat(product.getEntity()).isEqualTo("products");
        assertThat(product.getSourceTopic()).isEqualTo(TOPICS.rawProducts.name());
        assertThat(product.getPayload()).isEqualTo("not json");

        mapper.pipeOutlet(OUTLET, change(Op.u, "outlets", "{\"id\":\"someone-else\",\"version\":3}", 3, 1L));
        final ValidationError outlet = singleError(OUTLET);
        assertThat(outlet.getCode()).isEqualTo("PAYLOAD_INVALID");
        assertThat(outlet.getSourceTopic()).isEqualTo(TOPICS.rawOutlets.name());
        assertThat(outlet.getReason()).contains("does not match the record key");
    }

    @Test
    void shouldReportMissingSku() {
        mapper.outlet(OUTLET, "Main Street", 100);
        mapper.product(PRODUCT, "   ", 150578);
        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 12, 1639940, 1L);

        assertThat(mapper.canonical()).isEmpty();
        assertThat(singleError(INVENTORY).getCode()).isEqualTo("SKU_MISSING");

        mapper.product(PRODUCT, SKU, 150579);
        assertThat(keys(mapper.canonical())).containsExactly(DERIVED_CHANNEL + "/" + SKU);
    }

    @Test
    void shouldSetStockToZeroWhenTheProductIsDeletedInVend() {
        givenOneStockChangeMapped();

        mapper.pipeProduct(PRODUCT, change(Op.d, "products",
                productJson(PRODUCT, SKU, 1640000, true, "2024-05-01T10:00:00+00:00"), 1640000, 2L));

        // The shop must stop selling it: 0 under the SKU it had, newer than the level before so the sink applies it.
        assertThat(mapper.canonical()).singleElement().satisfies(record -> {
            assertThat(record.key).isEqualTo(DERIVED_CHANNEL + "/" + SKU);
            assertThat(record.value.getQuantity()).isZero();
            assertThat(record.value.getSourceVersion()).as("above the level before, so the sink does not skip it")
                    .isEqualTo(1639941L);
        });
        assertThat(mapper.errors()).isEmpty();
    }

    @Test
    void shouldRestoreTheStockWhenADeletedProductIsRestoredInVend() {
        mapper.outlet(OUTLET, "Main Street", 100);
        mapper.product(PRODUCT, SKU, 150578);
        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 12, 1639940, 1L);
        mapper.pipeProduct(PRODUCT, change(Op.d, "products",
                productJson(PRODUCT, SKU, 1640000, true, "2024-05-01T10:00:00+00:00"), 1640000, 2L));
        assertThat(mapper.canonical()).hasSize(2);

        mapper.product(PRODUCT, SKU, 1640100); // undeleted: a newer version without deleted_at

        assertThat(mapper.canonical()).singleElement().satisfies(record -> {
            assertThat(record.value.getQuantity()).isEqualTo(12L);
            assertThat(record.value.getSourceVersion()).as("newer than the deletion's 0, so it is not skipped as stale")
                    .isEqualTo(1639942L);
        });

        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 11, 1640300, 4L); // the next sale: Vend's own version again
        assertThat(mapper.canonical()).singleElement()
                .satisfies(record -> assertThat(record.value.getSourceVersion()).isEqualTo(1640300L));
    }

    @Test
    void shouldNotZeroTheStockOfALiveProductThatTookOverADeletedProductsSku() {
        final String successor = "0242ac12-0002-11e9-e8c4-659494e33199";
        final String successorInventory = "7896f269-2b20-ff38-602a-ace60b172b99";
        mapper.outlet(OUTLET, "Main Street", 100);
        mapper.product(PRODUCT, SKU, 150578);
        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 12, 1639940, 1L);
        mapper.pipeProduct(PRODUCT, change(Op.d, "products",
                productJson(PRODUCT, SKU, 1640000, true, "2024-05-01T10:00:00+00:00"), 1640000, 2L));
        mapper.canonical();

        mapper.product(successor, SKU, 1640100);
        mapper.inventory(successorInventory, successor, OUTLET, 7, 1640200, 3L);

        assertThat(mapper.canonical()).extracting(record -> record.value.getQuantity()).containsExactly(7L);
        final ValidationError error = singleError(INVENTORY);
        assertThat(error.getCode()).isEqualTo("PRODUCT_DELETED");
        assertThat(error.getReason()).contains(successor);
    }

    @Test
    void shouldReportDeletedProductWhenDeleteCarriesNoPayload() {
        mapper.outlet(OUTLET, "Main Street", 100);
        mapper.pipeProduct(PRODUCT, change(Op.d, "products", null, 150600, 2L));
        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 12, 1639940, 1L);

        assertThat(singleError(INVENTORY).getCode()).isEqualTo("PRODUCT_DELETED");
    }

    @Test
    void shouldReportInventoryNotTrackedForProductWithoutInventory() {
        mapper.outlet(OUTLET, "Main Street", 100);
        mapper.pipeProduct(PRODUCT, change(Op.u, "products", productJson(PRODUCT, SKU, 150578, false, null), 150578, 1L));
        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 12, 1639940, 1L);

        assertThat(mapper.canonical()).isEmpty();
        assertThat(singleError(INVENTORY).getCode()).isEqualTo("INVENTORY_NOT_TRACKED");
    }

    @Test
    void shouldPublishVendsOwnLevelOfACompositeWhoseBillOfMaterialsIsUnknown() {
        // The plain 2.0 product carries is_composite but no composite_bom: the kit's stock cannot be derived
        // (KitStockTopologyTest), and the level Vend reports for it is the only one there is.
        mapper.outlet(OUTLET, "Main Street", 100);
        final String composite = ((ObjectNode) readJson(productJson(PRODUCT, SKU, 150578))).put("is_composite", true).toString();
        mapper.pipeProduct(PRODUCT, change(Op.u, "products", composite, 150578, 1L));
        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 12, 1639940, 1L);

        assertThat(mapper.canonical()).singleElement().satisfies(level -> {
            assertThat(level.key).isEqualTo(DERIVED_CHANNEL + "/" + SKU);
            assertThat(level.value.getQuantity()).isEqualTo(12L);
        });
        assertThat(mapper.errors()).isEmpty();
    }

    private static JsonNode readJson(final String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void shouldRemapWhenSkuChanges() {
        mapper.outlet(OUTLET, "Main Street", 100);
        mapper.product(PRODUCT, "OLD-1", 150578);
        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 12, 1639940, 1L);
        assertThat(keys(mapper.canonical())).containsExactly(DERIVED_CHANNEL + "/OLD-1");

        mapper.product(PRODUCT, "NEW-1", 150600);

        assertThat(mapper.canonical()).singleElement().satisfies(record -> {
            assertThat(record.key).isEqualTo(DERIVED_CHANNEL + "/NEW-1");
            assertThat(record.value.getSku()).isEqualTo("NEW-1");
            assertThat(record.value.getQuantity()).isEqualTo(12L);
            assertThat(record.value.getSourceVersion()).isEqualTo(1639940L);
        });
        assertThat(mapper.errors()).isEmpty();
    }

    @Test
    void shouldPassNegativeInventoryLevelsThroughUnchanged() {
        mapper.outlet(OUTLET, "Main Street", 100);
        mapper.product(PRODUCT, SKU, 150578);
        mapper.inventory(INVENTORY, PRODUCT, OUTLET, -10, 1639940, 1L);

        assertThat(mapper.canonical()).singleElement()
                .satisfies(record -> assertThat(record.value.getQuantity()).isEqualTo(-10L));
    }

    @Test
    void shouldEmitNothingWhenInventoryRecordIsDeletedAndIgnoreItsOlderVersions() {
        givenOneStockChangeMapped();

        // Keyed by its product, as the ingest publishes inventory; the deletion carries the record's id.
        mapper.pipeInventory(PRODUCT, change(Op.d, "inventory",
                "{\"id\":\"" + INVENTORY + "\",\"deleted_at\":\"2026-12-03T10:00:00+00:00\",\"version\":1639950}", 1639950, 2L));
        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 12, 1639945, 1L); // older than the delete

        assertThat(mapper.canonical()).isEmpty();
        assertThat(mapper.errors()).isEmpty();
    }

    /** Records written before the ingest keyed inventory by product (or by another producer) are mapped as well. */
    @Test
    void shouldMapARecordKeyedByItsOwnIdLikeOneKeyedByItsProductAndNotRegressBetweenThem() {
        mapper.outlet(OUTLET, "Main Street", 100);
        mapper.product(PRODUCT, SKU, 150578);
        mapper.pipeInventory(INVENTORY, change(Op.u, "inventory",
                MapperDriver.inventoryJson(INVENTORY, PRODUCT, OUTLET, 7, 1639940), 1639940, 1L));
        assertThat(mapper.canonical()).singleElement().satisfies(record -> {
            assertThat(record.key).isEqualTo(DERIVED_CHANNEL + "/" + SKU);
            assertThat(record.value.getQuantity()).isEqualTo(7L);
        });

        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 9, 1639950, 2L); // keyed by product: newer
        mapper.pipeInventory(INVENTORY, change(Op.u, "inventory",
                MapperDriver.inventoryJson(INVENTORY, PRODUCT, OUTLET, 7, 1639940), 1639940, 1L)); // by id again: older

        assertThat(mapper.canonical()).extracting(record -> record.value.getQuantity()).containsExactly(9L);
        assertThat(mapper.errors()).isEmpty();
    }

    @Test
    void shouldReportAnInventoryRecordWhoseKeyIsNeitherItsProductNorItsId() {
        mapper.pipeInventory("someone-else", change(Op.u, "inventory",
                MapperDriver.inventoryJson(INVENTORY, PRODUCT, OUTLET, 7, 1639940), 1639940, 1L));
        final ValidationError error = singleError("someone-else");
        assertThat(error.getCode()).isEqualTo("PAYLOAD_INVALID");
        assertThat(error.getReason()).contains("neither the 'product_id'");
        assertThat(mapper.canonical()).isEmpty();
    }

    /** Keyed by product id, a deletion without its record could be any of the product's records: it is refused, not guessed. */
    @Test
    void shouldReportAnInventoryDeletionThatDoesNotSayWhichRecord() {
        givenOneStockChangeMapped();

        mapper.pipeInventory(PRODUCT, change(Op.d, "inventory", null, 1639950, 2L));
        assertThat(singleError(PRODUCT).getReason()).contains("deletion without its record's 'id'");
        mapper.pipeInventory(INVENTORY, change(Op.d, "inventory", "{\"id\":\"" + INVENTORY + "\",\"version\":1639951}", 1639951, 3L));
        assertThat(singleError(INVENTORY).getReason()).contains("its product is unknown");
        assertThat(mapper.canonical()).isEmpty();
    }

    /**
     * The resolution table restores from its own compacted topic (topology optimization reuse.ktable.source.topics, the
     * app's default): a resolution is not written a second time, to a copy in a changelog topic.
     */
    @Test
    void shouldNotCopyTheResolutionTableToAChangelogOfItsOwn() {
        givenOneStockChangeMapped();

        assertThat(mapper.producedTopicNames())
                .anyMatch(topic -> topic.endsWith("-inventory-records-changelog")) // the changelogs it does keep are listed
                .noneMatch(topic -> topic.endsWith("-" + InventoryMappingTopology.PRODUCT_RESOLUTION_STORE
                        + "-changelog"));
    }

    /**
     * A fresh deployment takes in a backlog faster than the outlet re-check: the task starts from the outlets' channels as
     * they are at its first record, so its first re-check finds nothing changed and does not re-decide the backlog. An
     * outlet whose channel changes after that is still noticed, and its stock moves.
     */
    @Test
    void shouldStartAFreshTaskFromTheOutletChannelsOfItsFirstRecordAndStillNoticeALaterChange() {
        mapper.stopTheClock();
        mapper.outlet(OUTLET, "Main Street", 100);
        mapper.product(PRODUCT, SKU, 150578);
        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 12, 1639940, 1L);

        assertThat(mapper.outletChannelsSeen()).isEqualTo(Map.of(OUTLET, DERIVED_CHANNEL));
        assertThat(keys(mapper.canonical())).containsExactly(DERIVED_CHANNEL + "/" + SKU);

        mapper.startTheClock();
        mapper.override(OUTLET, "store-akl");
        assertThat(mapper.canonical()).singleElement().satisfies(record -> {
            assertThat(record.key).isEqualTo("store-akl/" + SKU);
            assertThat(record.value.getQuantity()).isEqualTo(12L);
        });
        assertThat(mapper.outletChannelsSeen()).isEqualTo(Map.of(OUTLET, "store-akl"));
    }

    /**
     * An outlet mapped elsewhere and back between two re-checks reads the same at both: the stock decided while it was
     * mapped elsewhere went there, and must come back to the channel the outlet maps to again.
     */
    @Test
    void shouldMoveStockBackWhenAnOutletIsMappedElsewhereAndBackBetweenTwoRechecks() {
        givenOneStockChangeMapped();

        mapper.stopTheClock();
        mapper.override(OUTLET, "store-akl");
        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 7, 1639941, 2L);
        assertThat(mapper.outletChannelsSeen()).isEqualTo(Map.of(OUTLET, "")); // published elsewhere: unsettled
        mapper.override(OUTLET, null); // back to the channel derived from the outlet
        mapper.startTheClock();

        assertThat(mapper.canonical()).satisfiesExactly(
                atAkl -> {
                    assertThat(atAkl.key).isEqualTo("store-akl/" + SKU);
                    assertThat(atAkl.value.getQuantity()).isEqualTo(7L);
                },
                back -> {
                    assertThat(back.key).isEqualTo(DERIVED_CHANNEL + "/" + SKU);
                    assertThat(back.value.getQuantity()).isEqualTo(7L);
                });
        assertThat(mapper.outletChannelsSeen()).isEqualTo(Map.of(OUTLET, DERIVED_CHANNEL));
    }

    /** An outlet, its product and one stock change of it, published as one canonical level (and read off the topic). */
    private void givenOneStockChangeMapped() {
        mapper.outlet(OUTLET, "Main Street", 100);
        mapper.product(PRODUCT, SKU, 150578);
        mapper.inventory(INVENTORY, PRODUCT, OUTLET, 12, 1639940, 1L);
        assertThat(mapper.canonical()).hasSize(1);
    }

    private ValidationError singleError(final String key) {
        final List<KeyValue<String, ValidationError>> errors = mapper.errors();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).key).isEqualTo(key);
        return errors.get(0).value;
    }

    private static List<String> keys(final List<KeyValue<String, InventoryLevel>> records) {
        return records.stream().map(record -> record.key).toList();
    }
}
