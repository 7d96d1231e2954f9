package io.vendsync.mapper.inventory;

import io.vendsync.mapper.MapperConfig;
import io.vendsync.mapper.identity.IdentityTopology;
import io.vendsync.mapper.internals.BomEdge;
import io.vendsync.mapper.internals.BomEdgeDiff;
import io.vendsync.mapper.internals.EmitOnChange;
import io.vendsync.mapper.internals.InventoryMapping;
import io.vendsync.mapper.internals.JsonSerde;
import io.vendsync.mapper.internals.KitComponent;
import io.vendsync.mapper.internals.KitInputs;
import io.vendsync.mapper.internals.KitStockDerivation;
import io.vendsync.mapper.internals.LevelVersionFloor;
import io.vendsync.mapper.internals.MappingCandidate;
import io.vendsync.mapper.internals.MappingOutcome;
import io.vendsync.mapper.internals.ProductStock;
import io.vendsync.mapper.internals.RawTopicReader;
import io.vendsync.mapper.internals.RecordMapper;
import io.vendsync.mapper.vend.VendInventory;
import io.vendsync.mapper.vend.VendJsonParser;
import io.vendsync.mapper.inventory.internals.InventoryAndResolution;
import io.vendsync.mapper.inventory.internals.InventoryByProduct;
import io.vendsync.mapper.inventory.internals.InventoryDecisions;
import io.vendsync.mapper.inventory.internals.InventoryGate;
import io.vendsync.mapper.inventory.internals.ResolutionRejoin;
import io.vendsync.schemas.Keys;
import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.schemas.mapping.ProductResolution;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Joined;
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
 *   <li><b>Parse, gate, re-key.</b> Raw inventory is read by the shared parser; a record that cannot be read goes to the
 *       validation-errors topic as {@code PAYLOAD_INVALID} with its payload. Per Vend id, only a version higher than any
 *       seen passes, so a late older event or a duplicate changes nothing downstream ({@link InventoryGate}, which also
 *       gives a bare deletion the product and outlet it had). Records are then re-keyed by product id: one repartition.</li>
 *   <li><b>Identity.</b> {@code mapping.product-resolution} (the SKU, its claimants, any catalog conflict, deleted,
 *       has_inventory, kit) is read as a table keyed by product, co-partitioned with the re-keyed inventory, and
 *       {@code mapping.outlet-channel-resolved} as a global table (outlets are few), as the identity topology published
 *       them: this topology never re-derives them.</li>
 *   <li><b>Kits.</b> A composite product's stock at each outlet is derived from its bill of materials (the
 *       product's {@code composite_bom}, {@code composite_components} or {@code composite}; malformed is
 *       {@code PAYLOAD_INVALID}): the minimum over its components of floor(component stock / quantity), a component with
 *       no record or negative stock at that outlet counting 0, at the newest Vend version among its inputs. It enters
 *       the inventory path as a record {@code <composite id>/<outlet id>} marked {@link VendInventory#fromBom}, and from
 *       there takes the same lookups and decision as Vend's records, so it changes whenever a component's stock or the bill
 *       of materials does ({@link #kitStock}). Vend's own records of a composite are not published.</li>
 *   <li><b>Joins, without join topics.</b> Each task keeps its products' inventory records by
 *       {@code <product id>|<inventory id>} ({@link InventoryByProduct}). A stock change is looked up against the product's
 *       resolution (a stream-table join, so Streams enforces the co-partitioning) and the outlet's channel; a resolution
 *       change re-decides that product's records (one prefix scan, {@link ResolutionRejoin}); an outlet whose channel
 *       changed is noticed within {@link #OUTLET_RECHECK} and its records re-decided ({@link InventoryDecisions}). So a
 *       record whose product or outlet arrives later flows by itself. These replace two chained foreign-key joins (four
 *       topic hops and three materialized tables per stock change).</li>
 *   <li><b>Decide.</b> A fully mapped record goes to the canonical inventory topic keyed
 *       {@code <channel_key>/<sku>}; otherwise a validation error keyed by the inventory id, with code
 *       PRODUCT_UNKNOWN, PRODUCT_DELETED, INVENTORY_NOT_TRACKED (has_inventory=false, Vend's own record of a composite,
 *       or a composite whose bill of materials is unknown), a catalog conflict, SKU_MISSING, SKU_DUPLICATE or
 *       OUTLET_UNMAPPED ({@link InventoryMapping}). A deleted product's stock becomes 0, at a version above the last one
 *       published for the record ({@link LevelVersionFloor}), so the shop stops selling it; an undelete brings the level
 *       back the same way.</li>
 * </ol>
 *
 * <p>Re-emission: any new resolution of a product or an outlet re-decides every inventory record of it; an outcome that
 * reads as the last one published for that inventory record (same SKU, channel, quantity and source version, or the
 * same error) is held back ({@link EmitOnChange}), so a product edit that does not touch its identity (e.g. a price
 * change) publishes nothing. A SKU change (in Vend, or by an override) moves the record to a new canonical key; that is
 * intended. Withholding a duplicate's stock publishes nothing for it: the last quantity published before the conflict
 * stays in commercetools.
 */
public final class InventoryMappingTopology {

    /** {@code mapping.product-resolution} as the identity topology published it, by product id. */
    public static final String PRODUCT_RESOLUTION_STORE = "product-resolution";
    /** {@code mapping.outlet-channel-resolved} as the identity topology published it, by outlet id (a global table). */
    public static final String OUTLET_CHANNEL_STORE = "outlet-channel-resolved";
    /** Per inventory id: the newest Vend version seen and the record's product and outlet ids ({@link InventoryGate}). */
    public static final String INVENTORY_GATE_STORE = "inventory-gate";
    /** Vend's records and the kits' derived ones, by {@code <product id>|<inventory id>} ({@link InventoryByProduct}). */
    public static final String INVENTORY_BY_PRODUCT_STORE = "inventory-by-product";
    /** Per outlet, the channel this task last re-decided its records for ({@link InventoryDecisions}). */
    public static final String OUTLET_CHANNELS_SEEN_STORE = "outlet-channels-seen";
    /** How often a task looks for outlets whose channel changed (the outlet table is global and triggers nothing). */
    public static final Duration OUTLET_RECHECK = Duration.ofSeconds(1);
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
        // Outlets are few: every task reads all of them locally instead of joining through topics.
        builder.globalTable(topics.outletChannels.name(),
                topics.outletChannels.consumed().withName("outlet-channel-resolved-source"),
                store(OUTLET_CHANNEL_STORE, topics.outletChannels.valueSerde()));
        final InventoryByProduct.StoreNames stores = new InventoryByProduct.StoreNames(INVENTORY_BY_PRODUCT_STORE,
                PRODUCT_RESOLUTION_STORE, OUTLET_CHANNEL_STORE);

        final KStream<String, VendInventory> byProduct = inventoryByProduct(builder, topics);
        final KStream<String, MappingCandidate> fromInventory = byProduct
                .merge(kitStock(resolutions, byProduct), Named.as("inventory-with-kits"))
                // A stream-table join: Streams sizes the repartition topics like the resolution topic (co-partitioned).
                .leftJoin(resolutions, InventoryAndResolution::new,
                        Joined.<String, VendInventory, ProductResolution>as("inventory-product-join")
                                .withKeySerde(Serdes.String()).withValueSerde(new JsonSerde<>(VendInventory.class)))
                .process(new InventoryDecisions(stores, OUTLET_CHANNELS_SEEN_STORE, OUTLET_RECHECK),
                        Named.as("inventory-candidates"), PRODUCT_RESOLUTION_STORE);
        final KStream<String, MappingCandidate> fromResolutions = resolutions
                .toStream(Named.as("inventory-resolution-changes"))
                .process(new ResolutionRejoin(stores), Named.as("inventory-product-rejoin"),
                        INVENTORY_BY_PRODUCT_STORE, PRODUCT_RESOLUTION_STORE);

        final InventoryMapping mapping = new InventoryMapping(topics.rawInventory.name(), topics.outletChannelOverrides.name(),
                topics.productSkuOverrides.name());
        final KStream<String, MappingOutcome> outcomes = fromInventory
                .merge(fromResolutions, Named.as("inventory-mapping-candidates"))
                .processValues(new RecordMapper<MappingCandidate, MappingOutcome>(
                        (inventoryId, candidate, timestampMs) -> mapping.decide(candidate, timestampMs)),
                        Named.as("inventory-mapping-decide"))
                // Keyed by inventory id and owned by the product's task, so one task owns each key's last outcome.
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

    /**
     * Vend's inventory records, parsed, version-gated and re-keyed by product id (one repartition); a deletion is a record
     * with {@code deleted} set and the ids the record had. A deletion of a record never seen has nothing to remove.
     */
    private static KStream<String, VendInventory> inventoryByProduct(final StreamsBuilder builder, final Topics topics) {
        return RawTopicReader.read(builder, topics, topics.rawInventory, "inventory", "inventory", VendJsonParser::inventory)
                .processValues(new InventoryGate(INVENTORY_GATE_STORE), Named.as("inventory-version-gate"))
                .filter((inventoryId, record) -> record.productId() != null, Named.as("inventory-known-product"))
                .selectKey((inventoryId, record) -> record.productId(), Named.as("inventory-product-key"))
                .repartition(Repartitioned.<String, VendInventory>as("inventory-by-product")
                        .withKeySerde(Serdes.String()).withValueSerde(new JsonSerde<>(VendInventory.class)));
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
                                                           final KStream<String, VendInventory> byProduct) {
        final KTable<String, BomEdge> edges = resolutions.toStream(Named.as("kit-resolutions"))
                .process(new BomEdgeDiff(KIT_BOM_STORE), Named.as("kit-bom-edges"))
                .toTable(Named.as("kit-bom-edges-table"), store(KIT_BOM_EDGES_STORE, new JsonSerde<>(BomEdge.class)));
        final KTable<String, ProductStock> stock = byProduct
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
                // Keyed by the kit's product id as Vend's records are, so the kit's task owns its records and outcomes.
                .selectKey((inventoryId, record) -> record.productId(), Named.as("kit-stock-product-key"))
                .repartition(Repartitioned.<String, VendInventory>as("kit-stock-by-product")
                        .withKeySerde(Serdes.String()).withValueSerde(new JsonSerde<>(VendInventory.class)));
    }

    private static <V> Materialized<String, V, KeyValueStore<Bytes, byte[]>> store(final String storeName,
                                                                               final Serde<V> valueSerde) {
        return Materialized.<String, V, KeyValueStore<Bytes, byte[]>>as(storeName)
                .withKeySerde(Serdes.String()).withValueSerde(valueSerde);
    }
}
