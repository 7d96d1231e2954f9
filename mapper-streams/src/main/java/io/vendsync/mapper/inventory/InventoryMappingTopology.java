package io.vendsync.mapper.inventory;

import io.vendsync.mapper.MapperConfig;
import io.vendsync.mapper.identity.IdentityTopology;
import io.vendsync.mapper.internals.BomEdgeDiff;
import io.vendsync.mapper.internals.InventoryMapping;
import io.vendsync.mapper.internals.JsonSerde;
import io.vendsync.mapper.internals.KitStockDerivation;
import io.vendsync.mapper.internals.Parsed;
import io.vendsync.mapper.internals.PartSerializer;
import io.vendsync.mapper.vend.VendInventory;
import io.vendsync.mapper.inventory.internals.InventoryAndResolution;
import io.vendsync.mapper.inventory.internals.InventoryDecisions;
import io.vendsync.mapper.inventory.internals.InventoryIntake;
import io.vendsync.mapper.inventory.internals.InventoryOutput;
import io.vendsync.mapper.inventory.internals.InventoryRecords;
import io.vendsync.mapper.inventory.internals.InventoryRoutes;
import io.vendsync.mapper.inventory.internals.KitAssembly;
import io.vendsync.mapper.inventory.internals.KitComponentChange;
import io.vendsync.mapper.inventory.internals.KitEdgeChange;
import io.vendsync.mapper.inventory.internals.KitParents;
import io.vendsync.mapper.inventory.internals.ResolutionRejoin;
import io.vendsync.mapper.inventory.internals.SettledChannels;
import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.mapping.ProductResolution;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Maps raw Vend inventory to canonical commercetools inventory, on the identity the {@link IdentityTopology} decided.
 *
 * <ol>
 *   <li><b>Parse, by product.</b> Raw inventory is read by the shared parser; a record that cannot be read goes to the
 *       validation-errors topic as {@code PAYLOAD_INVALID} with its payload. The ingest keys raw inventory by product id,
 *       so a stock change is decided on the task that owns its product without a repartition; a record keyed otherwise
 *       (written before that, or by another producer) is re-keyed once through {@code inventory-by-product}.</li>
 *   <li><b>Identity.</b> {@code mapping.product-resolution} (the SKU, its claimants, any catalog conflict, deleted,
 *       has_inventory, kit) is read as a table keyed by product, co-partitioned with raw inventory, and
 *       {@code mapping.outlet-channel-resolved} as a global table (outlets are few), as the identity topology published
 *       them: this topology never re-derives them.</li>
 *   <li><b>Kits.</b> A composite product's stock at each outlet is derived from its bill of materials (the
 *       product's {@code composite_bom}, {@code composite_components} or {@code composite}; malformed is
 *       {@code PAYLOAD_INVALID}): the minimum over its components of floor(component stock / quantity), a component with
 *       no record or negative stock at that outlet counting 0, at the newest Vend version among its inputs. It enters
 *       the inventory path as a record {@code <composite id>/<outlet id>} marked {@link VendInventory#fromBom}, and from
 *       there takes the same lookups and decision as Vend's records, so it changes whenever a component's stock or the bill
 *       of materials does ({@link #kitStock}). Vend's own records of such a composite are not published; those of a
 *       composite whose bill of materials is unknown are, as any product's.</li>
 *   <li><b>Joins, without join topics.</b> Each task keeps one entry per inventory record of its products, by
 *       {@code <product id>|<inventory id>} ({@link InventoryRecords}): the record, whose version gates (only a higher
 *       one passes, so a late older event or a duplicate changes nothing), the last outcome published and the last
 *       version published. A stock change is looked up against the product's resolution (a stream-table join, so Streams
 *       enforces the co-partitioning) and the outlet's channel; a resolution change re-decides that product's records
 *       (one prefix scan, {@link ResolutionRejoin}); an outlet whose channel changed is noticed within
 *       {@link #OUTLET_RECHECK} and its records re-decided ({@link InventoryDecisions}). So a record whose product or
 *       outlet arrives later flows by itself. A stock change costs one store read and one store write.</li>
 *   <li><b>Decide.</b> A fully mapped record goes to the canonical inventory topic keyed
 *       {@code <channel_key>/<sku>}; otherwise a validation error keyed by the inventory id, with code
 *       PRODUCT_UNKNOWN, PRODUCT_DELETED, INVENTORY_NOT_TRACKED (has_inventory=false, or Vend's own record of a composite
 *       whose stock is derived), a catalog conflict, SKU_MISSING, SKU_DUPLICATE or
 *       OUTLET_UNMAPPED ({@link InventoryMapping}). A deleted product's stock becomes 0, at a version above the last one
 *       published for the record ({@link InventoryRecords#decide}), so the shop stops selling it; an undelete brings the level
 *       back the same way.</li>
 * </ol>
 *
 * <p>Re-emission: any new resolution of a product or an outlet re-decides every inventory record of it; an outcome that
 * reads as the last one published for that inventory record (same SKU, channel, quantity and source version, or the
 * same error) is held back ({@link InventoryRecords#decide}), so a product edit that does not touch its identity (e.g. a price
 * change) publishes nothing. A SKU change (in Vend, or by an override) moves the record to a new canonical key; that is
 * intended. Withholding a duplicate's stock publishes nothing for it: the last quantity published before the conflict
 * stays in commercetools.
 */
public final class InventoryMappingTopology {

    /** {@code mapping.product-resolution} as the identity topology published it, by product id. */
    public static final String PRODUCT_RESOLUTION_STORE = "product-resolution";
    /** {@code mapping.outlet-channel-resolved} as the identity topology published it, by outlet id (a global table). */
    public static final String OUTLET_CHANNEL_STORE = "outlet-channel-resolved";
    /**
     * Per inventory record, by {@code <product id>|<inventory id>}: the record (its version gates), the last outcome
     * published and the last version published ({@link InventoryRecords}).
     */
    public static final String INVENTORY_RECORDS_STORE = "inventory-records";
    /**
     * Per outlet, the channel this task's records were last settled on: set by each re-check, and by a fresh task at its
     * first record ({@link InventoryDecisions}); a decision under another channel marks the outlet unsettled
     * ({@link SettledChannels}), so the next re-check re-decides it.
     */
    public static final String OUTLET_CHANNELS_SEEN_STORE = "outlet-channels-seen";
    /** How often a task looks for outlets whose channel changed (the outlet table is global and triggers nothing). */
    public static final Duration OUTLET_RECHECK = Duration.ofSeconds(1);
    /** The bill of materials each composite last published edges for. */
    public static final String KIT_BOM_STORE = "kit-bom";
    /** On the component's task, the kits it is part of: edges by {@code <component id>|<composite id>}. */
    public static final String KIT_PARENTS_STORE = "kit-parents";
    /** On the component's task, the number of kits it is part of, by component id (only components have one). */
    public static final String KIT_COUNTS_STORE = "kit-counts";
    /** Each kit's edges with its components' stock, by composite id. */
    public static final String KIT_INPUTS_STORE = "kit-inputs";
    /** The derived stock last sent per composite, so only changes are sent. */
    public static final String KIT_STOCK_SENT_STORE = "kit-stock-sent";

    /** The intake's children (InventoryIntake sends each stock change to one of them by name). */
    private static final InventoryIntake.Children INTAKE = new InventoryIntake.Children("inventory-by-product-merged",
            "inventory-product-key", "inventory-invalid-sink");
    /** Where the decision of a Vend stock change sends its outputs: canonical, unmapped, and a component's stock to its kits. */
    private static final InventoryRoutes DECIDED = new InventoryRoutes("canonical-inventory-sink", "inventory-unmapped-sink",
            "kit-component-stock-value");
    /** Where the decision of a kit's derived stock sends its outputs (nothing goes on to kits from a kit). */
    private static final InventoryRoutes KIT_DECIDED = new InventoryRoutes("kit-stock-canonical-sink", "kit-stock-unmapped-sink", null);
    /** Where the re-decisions after a product's resolution changed send their outputs. */
    private static final InventoryRoutes REJOINED = new InventoryRoutes("inventory-rejoin-canonical-sink",
            "inventory-rejoin-unmapped-sink", null);
    /** A stock change as the re-keying topic holds it: Vend's record as JSON (the format it had before the intake). */
    private static final Serde<Parsed<VendInventory>> PARSED_INVENTORY = parsedSerde(new JsonSerde<>(VendInventory.class));

    private InventoryMappingTopology() {
    }

    /** Adds the inventory topology to {@code builder}. */
    public static void build(final StreamsBuilder builder, final Topics topics, final MapperConfig config) {
        final Topic<String, ProductResolution> resolutionTopic = topics.productResolutions;
        final KTable<String, ProductResolution> resolutions = builder.table(resolutionTopic.name(),
                resolutionTopic.consumed().withName("product-resolution-source"),
                store(PRODUCT_RESOLUTION_STORE, resolutionTopic.valueSerde()));
        // Outlets are few: every task reads all of them locally instead of joining through topics. The table keeps the
        // topic's bytes, decoded only when an outlet's record changed (OutletChannels): every stock change asks it.
        builder.globalTable(topics.outletChannels.name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("outlet-channel-resolved-source"),
                store(OUTLET_CHANNEL_STORE, Serdes.ByteArray()));
        final InventoryRecords.StoreNames stores = new InventoryRecords.StoreNames(INVENTORY_RECORDS_STORE,
                PRODUCT_RESOLUTION_STORE, OUTLET_CHANNEL_STORE, topics.outletChannels.name(),
                topics.outletChannels.valueSerde().deserializer(), KIT_PARENTS_STORE, KIT_COUNTS_STORE, OUTLET_CHANNELS_SEEN_STORE);
        final InventoryMapping mapping = new InventoryMapping(topics.rawInventory.name(), topics.outletChannelOverrides.name(),
                topics.productSkuOverrides.name());

        // Each deciding processor sends every output to its sink by name (InventoryRoutes): a stock change visits the
        // source, the intake, the join, the decision and a sink, and no split, filter or mapping between them.
        final KStream<String, InventoryOutput> decided = vendInventoryByProduct(builder, topics)
                // A stream-table join: Streams checks that raw inventory is co-partitioned with the resolutions.
                .leftJoin(resolutions, (parsed, resolution) -> new InventoryAndResolution(parsed.value(), resolution),
                        Joined.<String, Parsed<VendInventory>, ProductResolution>as("inventory-product-join")
                                .withKeySerde(Serdes.String()).withValueSerde(PARSED_INVENTORY))
                .process(new InventoryDecisions(stores, OUTLET_RECHECK, mapping, DECIDED, true),
                        Named.as("inventory-decide"), PRODUCT_RESOLUTION_STORE);
        publish(decided, DECIDED, topics);
        final KStream<String, InventoryOutput> fromKits = kitStock(resolutions, decided, stores, mapping)
                .mapValues(record -> new InventoryAndResolution(record, null), Named.as("kit-stock-candidates"))
                .process(new InventoryDecisions(stores, OUTLET_RECHECK, mapping, KIT_DECIDED, false),
                        Named.as("kit-stock-decide"), INVENTORY_RECORDS_STORE, KIT_PARENTS_STORE, KIT_COUNTS_STORE, PRODUCT_RESOLUTION_STORE,
                        OUTLET_CHANNELS_SEEN_STORE);
        publish(fromKits, KIT_DECIDED, topics);
        final KStream<String, InventoryOutput> fromResolutions = resolutions
                .toStream(Named.as("inventory-resolution-changes"))
                .process(new ResolutionRejoin(stores, mapping, REJOINED), Named.as("inventory-product-rejoin"),
                        INVENTORY_RECORDS_STORE, KIT_PARENTS_STORE, KIT_COUNTS_STORE, PRODUCT_RESOLUTION_STORE, OUTLET_CHANNELS_SEEN_STORE);
        publish(fromResolutions, REJOINED, topics);
    }

    /** The two sinks a deciding processor sends its outcomes to, named as its routes name them. */
    private static void publish(final KStream<String, InventoryOutput> outputs, final InventoryRoutes routes, final Topics topics) {
        outputs.to(topics.canonicalInventory.name(), Produced.with(Serdes.String(),
                PartSerializer.serde(topics.canonicalInventory.valueSerde(), (InventoryOutput output) -> output.outcome().level()))
                .withName(routes.canonical()));
        outputs.to(topics.validationErrors.name(), Produced.with(Serdes.String(),
                PartSerializer.serde(topics.validationErrors.valueSerde(), (InventoryOutput output) -> output.outcome().error()))
                .withName(routes.unmapped()));
    }

    /**
     * Vend's inventory records, parsed, keyed by product id. The ingest publishes them so; a record keyed otherwise
     * (written before, or by another producer) is re-keyed through a repartition topic, which stays empty otherwise; one
     * that cannot be read is reported. The intake sends each record to one of these by name ({@link InventoryIntake}).
     */
    private static KStream<String, Parsed<VendInventory>> vendInventoryByProduct(final StreamsBuilder builder, final Topics topics) {
        final KStream<String, Parsed<VendInventory>> intake = builder
                .stream(topics.rawInventory.name(), topics.rawInventory.consumed().withName("inventory-raw-source"))
                .processValues(new InventoryIntake(topics.rawInventory, INTAKE), Named.as("inventory-parse"));
        intake.to(topics.validationErrors.name(), Produced.with(Serdes.String(),
                PartSerializer.serde(topics.validationErrors.valueSerde(), Parsed<VendInventory>::error)).withName(INTAKE.invalid()));
        final KStream<String, Parsed<VendInventory>> rekeyed = intake
                .selectKey((key, parsed) -> parsed.value().productId(), Named.as(INTAKE.rekey()))
                .repartition(Repartitioned.<String, Parsed<VendInventory>>as("inventory-by-product")
                        .withKeySerde(Serdes.String()).withValueSerde(PARSED_INVENTORY));
        return intake.merge(rekeyed, Named.as(INTAKE.byProduct()));
    }

    /**
     * Each kit's stock per outlet, derived from its bill of materials, as inventory records {@code <composite id>/<outlet
     * id>} keyed by the composite's id ({@link KitStockDerivation}):
     * <ol>
     *   <li>bill-of-materials edges from the kits' published resolutions ({@link BomEdgeDiff}) go to their component's
     *       task (a repartition; bills of materials change rarely), which remembers the kits the product is part of and
     *       sends each kit the component's stock ({@link KitParents});</li>
     *   <li>a stock change of a component sends the component's new stock to each of its kits ({@link InventoryDecisions});
     *       a product that is no component costs one empty prefix scan, nothing more;</li>
     *   <li>on the kit's task (a repartition by composite id) the components are gathered ({@link KitAssembly}) and the
     *       kit's stock derived; only what changed is sent on, already on the kit's task.</li>
     * </ol>
     */
    private static KStream<String, VendInventory> kitStock(final KTable<String, ProductResolution> resolutions,
                                                           final KStream<String, InventoryOutput> decided,
                                                           final InventoryRecords.StoreNames stores,
                                                           final InventoryMapping mapping) {
        final KStream<String, KitComponentChange> fromEdges = resolutions.toStream(Named.as("kit-resolutions"))
                .process(new BomEdgeDiff(KIT_BOM_STORE), Named.as("kit-bom-edges"))
                .map((edgeKey, edge) -> {
                    final int bar = edgeKey.indexOf('|');
                    final String compositeId = edgeKey.substring(0, bar);
                    final String componentId = edgeKey.substring(bar + 1);
                    return KeyValue.pair(componentId, new KitEdgeChange(compositeId, componentId, edge));
                }, Named.as("kit-edges-component-key"))
                .repartition(Repartitioned.<String, KitEdgeChange>as("kit-edges-by-component")
                        .withKeySerde(Serdes.String()).withValueSerde(new JsonSerde<>(KitEdgeChange.class)))
                .process(new KitParents(stores, mapping), Named.as("kit-parents"), INVENTORY_RECORDS_STORE, KIT_PARENTS_STORE, KIT_COUNTS_STORE,
                        PRODUCT_RESOLUTION_STORE, OUTLET_CHANNELS_SEEN_STORE);
        return decided
                .mapValues(InventoryOutput::kitInput, Named.as(DECIDED.kits()))
                .merge(fromEdges, Named.as("kit-component-changes"))
                .repartition(Repartitioned.<String, KitComponentChange>as("kit-components-by-kit")
                        .withKeySerde(Serdes.String()).withValueSerde(new JsonSerde<>(KitComponentChange.class)))
                .processValues(new KitAssembly(KIT_INPUTS_STORE), Named.as("kit-inputs"))
                .processValues(new KitStockDerivation(KIT_STOCK_SENT_STORE), Named.as("kit-stock-derive"));
    }

    private static <T> Serde<Parsed<T>> parsedSerde(final Serde<T> valueSerde) {
        return Serdes.serdeFrom((topic, parsed) -> parsed == null ? null : valueSerde.serializer().serialize(topic, parsed.value()),
                (topic, bytes) -> bytes == null ? null : Parsed.ok(valueSerde.deserializer().deserialize(topic, bytes)));
    }

    private static <V> Materialized<String, V, KeyValueStore<Bytes, byte[]>> store(final String storeName,
                                                                               final Serde<V> valueSerde) {
        return Materialized.<String, V, KeyValueStore<Bytes, byte[]>>as(storeName)
                .withKeySerde(Serdes.String()).withValueSerde(valueSerde);
    }
}
