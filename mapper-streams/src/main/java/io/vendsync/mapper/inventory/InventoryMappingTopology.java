package io.vendsync.mapper.inventory;

import io.vendsync.mapper.MapperConfig;
import io.vendsync.mapper.identity.IdentityTopology;

import io.vendsync.mapper.internals.EmitOnChange;
import io.vendsync.mapper.internals.InventoryMapping;
import io.vendsync.mapper.internals.InventoryWithProduct;
import io.vendsync.mapper.internals.JsonSerde;
import io.vendsync.mapper.internals.ProductStock;
import io.vendsync.mapper.internals.KitStockDerivation;
import io.vendsync.mapper.internals.KitInputs;
import io.vendsync.mapper.internals.KitComponent;
import io.vendsync.mapper.internals.BomEdgeDiff;
import io.vendsync.mapper.internals.BomEdge;
import io.vendsync.mapper.internals.LevelVersionFloor;
import io.vendsync.mapper.internals.MappingCandidate;
import io.vendsync.mapper.internals.MappingOutcome;
import io.vendsync.mapper.internals.RawTopicReader;
import io.vendsync.mapper.internals.ProductResolutions;
import io.vendsync.mapper.internals.ProductState;
import io.vendsync.mapper.internals.RecordMapper;
import io.vendsync.mapper.vend.VendInventory;
import io.vendsync.mapper.vend.VendJsonParser;
import io.vendsync.mapper.internals.VersionGate;
import io.vendsync.schemas.Keys;
import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.schemas.mapping.OutletChannel;
import io.vendsync.schemas.mapping.ProductResolution;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TableJoined;
import org.apache.kafka.streams.state.KeyValueStore;


/**
 * Maps raw Vend inventory to canonical commercetools inventory, on the identity the {@link IdentityTopology} decided.
 *
 * <ol>
 *   <li><b>Parse and gate.</b> Raw inventory (and raw products, for the kits' bills of materials only) are read by the
 *       shared parser; a record that cannot be read goes to the validation-errors topic as {@code PAYLOAD_INVALID} with its
 *       payload. Per Vend id, only a version higher than any seen passes, so a late older event or a duplicate changes
 *       nothing downstream.</li>
 *   <li><b>Identity.</b> {@code mapping.product-resolution} (the SKU, its claimants, any catalog conflict, deleted,
 *       has_inventory, kit) and {@code mapping.outlet-channel-resolved} are read as tables, as the identity topology
 *       published them: this topology never re-derives them.</li>
 *   <li><b>Kits.</b> A composite product's stock at each outlet is derived from its bill of materials (the
 *       product's {@code composite_bom}, {@code composite_components} or {@code composite}; malformed is
 *       {@code PAYLOAD_INVALID}): the minimum over its components of floor(component stock / quantity), a component with
 *       no record or negative stock at that outlet counting 0, at the newest Vend version among its inputs. It enters
 *       the inventory table as a record {@code <composite id>/<outlet id>} marked {@link VendInventory#fromBom}, and from
 *       there takes the same joins and decision as Vend's records, so it changes whenever a component's stock or the bill
 *       of materials does ({@link #kitStock}). Vend's own records of a composite are not published.</li>
 *   <li><b>Joins.</b> Inventory left-joins the product state on {@code product_id}, then outlet -> channel
 *       on {@code outlet_id} (KTable-KTable foreign-key joins). Because they are table joins, a record whose
 *       product or outlet arrives later is re-joined and emitted by Kafka Streams itself.</li>
 *   <li><b>Decide.</b> A fully mapped record goes to the canonical inventory topic keyed
 *       {@code <channel_key>/<sku>}; otherwise a validation error keyed by the inventory id, with code
 *       PRODUCT_UNKNOWN, PRODUCT_DELETED, INVENTORY_NOT_TRACKED (has_inventory=false, Vend's own record of a composite,
 *       or a composite whose bill of materials is unknown), a catalog conflict, SKU_MISSING, SKU_DUPLICATE or
 *       OUTLET_UNMAPPED ({@link InventoryMapping}). A deleted product's stock becomes 0, at a version above the last one
 *       published for the record ({@link LevelVersionFloor}), so the shop stops selling it; an undelete brings the level
 *       back the same way.</li>
 * </ol>
 *
 * <p>Re-emission: any new resolution of a product or an outlet re-joins every inventory record of it; an outcome that
 * reads as the last one published for that inventory record (same SKU, channel, quantity and source version, or the
 * same error) is held back ({@link EmitOnChange}), so a product edit that does not touch its identity (e.g. a price
 * change) publishes nothing. A SKU change (in Vend, or by an override) moves the record to a new canonical key; that is
 * intended. Withholding a duplicate's stock publishes nothing for it: the last quantity published before the conflict
 * stays in commercetools.
 */
public final class InventoryMappingTopology {

    /** {@code mapping.product-resolution} as the identity topology published it, by product id. */
    public static final String PRODUCT_RESOLUTION_STORE = "product-resolution";
    /** What the resolution says about each product's stock ({@link ProductState}). */
    public static final String PRODUCT_STATE_STORE = "product-resolution-state";
    /** {@code mapping.outlet-channel-resolved} as the identity topology published it, by outlet id. */
    public static final String OUTLET_CHANNEL_STORE = "outlet-channel-resolved";
    public static final String INVENTORY_VERSIONS_STORE = "inventory-versions";
    public static final String INVENTORY_STORE = "inventory";
    /** The bill of materials each composite last published edges for. */
    public static final String KIT_BOM_STORE = "kit-bom";
    /** Bill-of-materials edges by {@code <composite id>|<component id>}. */
    public static final String KIT_BOM_EDGES_STORE = "kit-bom-edges";
    /** Vend stock per outlet, by product id. */
    public static final String PRODUCT_STOCK_STORE = "product-stock";
    public static final String KIT_COMPONENTS_STORE = "kit-components";
    /** Each kit's edges with its components' stock, by composite id. */
    public static final String KIT_INPUTS_STORE = "kit-inputs";
    /** The derived stock last sent per composite, so only changes are sent. */
    public static final String KIT_STOCK_SENT_STORE = "kit-stock-sent";
    public static final String INVENTORY_WITH_PRODUCT_STORE = "inventory-with-product";
    public static final String MAPPING_CANDIDATES_STORE = "inventory-mapping-candidates";
    /** Fingerprint of the last outcome forwarded per inventory id, so re-joins that change nothing publish nothing. */
    public static final String INVENTORY_LAST_OUTCOME_STORE = "inventory-last-outcome";
    /** The last source version published per inventory id, so a level a product change decided is never skipped as stale. */
    public static final String INVENTORY_LAST_VERSION_STORE = "inventory-last-version";

    private InventoryMappingTopology() {
    }

    /** Adds the inventory topology to {@code builder}. */
    public static void build(final StreamsBuilder builder, final Topics topics, final MapperConfig config) {
        final Topic<String, ProductResolution> resolutionTopic = topics.productResolutions;
        final KTable<String, ProductResolution> resolutions = builder.table(resolutionTopic.name(),
                resolutionTopic.consumed().withName("product-resolution-source"),
                store(PRODUCT_RESOLUTION_STORE, resolutionTopic.valueSerde()));
        final KTable<String, ProductState> products = resolutions.mapValues(ProductResolutions::state,
                Named.as("product-resolution-state"), store(PRODUCT_STATE_STORE, new JsonSerde<>(ProductState.class)));
        final KTable<String, OutletChannel> channels = builder.table(topics.outletChannels.name(),
                topics.outletChannels.consumed().withName("outlet-channel-resolved-source"),
                store(OUTLET_CHANNEL_STORE, topics.outletChannels.valueSerde()));
        final KStream<String, VendInventory> inventoryChanges = inventoryChanges(builder, topics);
        final KTable<String, VendInventory> inventory = inventory(inventoryChanges, kitStock(resolutions, inventoryChanges));
        final KTable<String, InventoryWithProduct> withProduct = inventory.leftJoin(products,
                (inventoryId, record) -> record.productId(),
                InventoryWithProduct::new,
                TableJoined.as("inventory-product-join"),
                Materialized.<String, InventoryWithProduct, KeyValueStore<Bytes, byte[]>>as(INVENTORY_WITH_PRODUCT_STORE)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(new JsonSerde<>(InventoryWithProduct.class)));
        final KTable<String, MappingCandidate> candidates = withProduct.leftJoin(channels,
                (inventoryId, joined) -> joined.inventory().outletId(),
                (joined, channel) -> new MappingCandidate(joined.inventory(), joined.product(),
                        channel == null ? null : channel.getChannelKey()),
                TableJoined.as("inventory-outlet-channel-join"),
                // Named so the store and changelog keep their names when the topology changes; the app enforces it.
                Materialized.<String, MappingCandidate, KeyValueStore<Bytes, byte[]>>as(MAPPING_CANDIDATES_STORE)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(new JsonSerde<>(MappingCandidate.class)));

        final InventoryMapping mapping = new InventoryMapping(topics.rawInventory.name(), topics.outletChannelOverrides.name(),
                topics.productSkuOverrides.name());
        final KStream<String, MappingOutcome> outcomes = candidates
                .toStream(Named.as("inventory-mapping-candidates"))
                // null: the inventory record was deleted; Vend's stock for it is simply no longer reported.
                .filter((inventoryId, candidate) -> candidate != null, Named.as("inventory-drop-deleted"))
                .processValues(new RecordMapper<MappingCandidate, MappingOutcome>(
                        (inventoryId, candidate, timestampMs) -> mapping.decide(candidate, timestampMs)),
                        Named.as("inventory-mapping-decide"))
                // Keyed by inventory id, as the input is partitioned, so one task owns each key's last outcome.
                .processValues(new EmitOnChange<MappingOutcome>(INVENTORY_LAST_OUTCOME_STORE, InventoryMapping::fingerprint),
                        Named.as("inventory-mapping-emit-on-change"))
                .processValues(new LevelVersionFloor(INVENTORY_LAST_VERSION_STORE), Named.as("inventory-mapping-version-floor"));

        outcomes.filter((inventoryId, outcome) -> outcome.isMapped(), Named.as("inventory-mapped"))
                .map((inventoryId, outcome) -> KeyValue.pair(canonicalKey(outcome.level()), outcome.level()),
                        Named.as("inventory-canonical-key"))
                .to(topics.canonicalInventory.name(), topics.canonicalInventory.produced().withName("canonical-inventory-sink"));
        outcomes.filterNot((inventoryId, outcome) -> outcome.isMapped(), Named.as("inventory-unmapped"))
                .mapValues(MappingOutcome::error, Named.as("inventory-unmapped-error"))
                .to(topics.validationErrors.name(), topics.validationErrors.produced().withName("inventory-unmapped-sink"));
    }

    private static String canonicalKey(final InventoryLevel level) {
        return Keys.inventory(level.getChannelKey(), level.getSku());
    }

    /** Vend's inventory records, parsed and version-gated; a deletion is a record with {@code deleted} set. */
    private static KStream<String, VendInventory> inventoryChanges(final StreamsBuilder builder, final Topics topics) {
        return RawTopicReader.read(builder, topics, topics.rawInventory, "inventory", "inventory", VendJsonParser::inventory)
                .processValues(new VersionGate<VendInventory>(INVENTORY_VERSIONS_STORE, VendInventory::version),
                        Named.as("inventory-version-gate"));
    }

    /**
     * Each kit's stock per outlet, derived from its bill of materials, as inventory records keyed
     * {@code <composite id>/<outlet id>} (see {@link KitStockDerivation}):
     * <ol>
     *   <li>bill-of-materials edges from the kits' published resolutions ({@link BomEdgeDiff}), a table keyed {@code <composite>|<component>}: products are
     *       few, and only a change of a bill of materials writes here;</li>
     *   <li>each product's stock per outlet: Vend's records re-keyed by product id and aggregated (one repartition and one
     *       store update per inventory record: the whole added cost on the inventory path);</li>
     *   <li>edges foreign-key-joined to their component's stock: a stock change of a product that is no component finds no
     *       subscriber and goes no further; a bill-of-materials change re-derives from stock that is already there;</li>
     *   <li>gathered per kit (KTable aggregate) and derived per outlet; only what changed is sent, repartitioned by
     *       inventory id like Vend's records.</li>
     * </ol>
     */
    private static KStream<String, VendInventory> kitStock(final KTable<String, ProductResolution> resolutions,
                                                           final KStream<String, VendInventory> inventoryChanges) {
        final KTable<String, BomEdge> edges = resolutions.toStream(Named.as("kit-resolutions"))
                .process(new BomEdgeDiff(KIT_BOM_STORE), Named.as("kit-bom-edges"))
                .toTable(Named.as("kit-bom-edges-table"), store(KIT_BOM_EDGES_STORE, new JsonSerde<>(BomEdge.class)));
        final KTable<String, ProductStock> stock = inventoryChanges
                .filter((inventoryId, record) -> record.productId() != null, Named.as("product-stock-records"))
                .selectKey((inventoryId, record) -> record.productId(), Named.as("product-stock-key"))
                .groupByKey(Grouped.with("inventory-by-product", Serdes.String(), new JsonSerde<>(VendInventory.class)))
                .aggregate(() -> ProductStock.NONE, (productId, record, levels) -> levels.apply(record),
                        Named.as("product-stock-aggregate"), store(PRODUCT_STOCK_STORE, new JsonSerde<>(ProductStock.class)));
        return edges
                .leftJoin(stock, BomEdge::componentId, KitComponent::new, TableJoined.as("kit-component-stock-join"),
                        store(KIT_COMPONENTS_STORE, new JsonSerde<>(KitComponent.class)))
                .groupBy((edgeKey, component) -> KeyValue.pair(component.edge().compositeId(), component),
                        Grouped.with("kit-components-by-kit", Serdes.String(), new JsonSerde<>(KitComponent.class)))
                .aggregate(() -> KitInputs.NONE,
                        (compositeId, component, inputs) -> inputs.with(component),
                        (compositeId, component, inputs) -> inputs.without(component),
                        Named.as("kit-inputs-aggregate"), store(KIT_INPUTS_STORE, new JsonSerde<>(KitInputs.class)))
                .toStream(Named.as("kit-inputs-changes"))
                .process(new KitStockDerivation(KIT_STOCK_SENT_STORE), Named.as("kit-stock-derive"))
                // Keyed by inventory id as Vend's records are, so one task owns each record's table row and outcome.
                .repartition(Repartitioned.<String, VendInventory>as("kit-stock-by-inventory-id")
                        .withKeySerde(Serdes.String()).withValueSerde(new JsonSerde<>(VendInventory.class)));
    }

    /** Vend's records and the kits' derived ones by inventory id; a deleted record is removed. */
    private static KTable<String, VendInventory> inventory(final KStream<String, VendInventory> vendRecords,
                                                           final KStream<String, VendInventory> kitRecords) {
        return vendRecords.merge(kitRecords, Named.as("inventory-with-kits"))
                // null removes it from the table (the gate still holds its version, so older events stay out).
                .mapValues(record -> record.deleted() ? null : record, Named.as("inventory-drop-deleted-record"))
                .toTable(Named.as("inventory-table"),
                        Materialized.<String, VendInventory, KeyValueStore<Bytes, byte[]>>as(INVENTORY_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(new JsonSerde<>(VendInventory.class)));
    }

    private static <V> Materialized<String, V, KeyValueStore<Bytes, byte[]>> store(final String storeName,
                                                                               final Serde<V> valueSerde) {
        return Materialized.<String, V, KeyValueStore<Bytes, byte[]>>as(storeName)
                .withKeySerde(Serdes.String()).withValueSerde(valueSerde);
    }
}
