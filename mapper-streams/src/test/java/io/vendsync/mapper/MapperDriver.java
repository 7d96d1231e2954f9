package io.vendsync.mapper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vendsync.mapper.identity.IdentityTopology;
import io.vendsync.mapper.inventory.InventoryMappingTopology;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.schemas.canonical.v1.ValidationError;
import io.vendsync.schemas.mapping.CommercetoolsVariant;
import io.vendsync.schemas.mapping.MappingOrigin;
import io.vendsync.schemas.mapping.OutletChannel;
import io.vendsync.schemas.mapping.ProductResolution;
import io.vendsync.schemas.mapping.ProductSkuOverride;
import io.vendsync.schemas.raw.Op;
import io.vendsync.schemas.raw.VendChange;
import io.vendsync.schemas.serde.SerdeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** The mapper topology in a {@link TopologyTestDriver}, with helpers that publish Vend 2.0 shaped records. */
final class MapperDriver implements AutoCloseable {

    static final String DOMAIN = TopologyFixture.DOMAIN;
    static final Topics TOPICS = new Topics("test.mapper.", SerdeFactory.singleObject());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TopologyFixture fixture;
    private final TestOutputTopic<String, InventoryLevel> canonical;
    private final TestOutputTopic<String, ProductResolution> resolutions;
    private final TestOutputTopic<String, OutletChannel> outletChannels;
    private boolean clockStopped;

    MapperDriver(final Path stateDir) {
        this(stateDir, Map.of());
    }

    /** {@code settings}: mapper settings on top of the test's own. */
    MapperDriver(final Path stateDir, final Map<String, String> settings) {
        // Identity and inventory in one driver: what the identity topology publishes loops back into the inventory topology.
        fixture = new TopologyFixture(stateDir, TOPICS, settings, null, (builder, topics, config) -> {
            IdentityTopology.build(builder, topics, config);
            InventoryMappingTopology.build(builder, topics, config);
        });
        canonical = fixture.output(TOPICS.canonicalInventory);
        outletChannels = fixture.output(TOPICS.outletChannels);
        resolutions = fixture.output(TOPICS.productResolutions);
    }

    /** The topics the topology has written to so far, its changelogs included. */
    Set<String> producedTopicNames() {
        return fixture.driver().producedTopicNames();
    }

    // --- Vend objects, 2.0 shape -------------------------------------------------------------------

    static String productJson(final String id, final String sku, final long version) {
        return productJson(id, sku, version, true, null);
    }

    static String productJson(final String id, final String sku, final long version, final boolean hasInventory,
                              final String deletedAt) {
        return productJson(id, sku, version, hasInventory, deletedAt, List.of());
    }

    /** {@code codes}: type, code, type, code, ... after the CUSTOM entry Vend adds for the SKU. */
    static String productJson(final String id, final String sku, final long version, final boolean hasInventory,
                              final String deletedAt, final List<String> codes) {
        final ObjectNode node = JSON.createObjectNode()
                .put("id", id).put("name", "Classic Tee").put("sku", sku).put("has_inventory", hasInventory)
                .put("deleted_at", deletedAt).put("version", version);
        final ArrayNode productCodes = node.putArray("product_codes");
        productCodes.addObject().put("type", "CUSTOM").put("code", sku);
        for (int i = 0; i + 1 < codes.size(); i += 2) {
            productCodes.addObject().put("type", codes.get(i)).put("code", codes.get(i + 1));
        }
        return node.toString();
    }

    /**
     * A composite product (a kit) with its bill of materials under {@code bomField} ({@code composite_bom} as the
     * date-versioned GET carries it, {@code composite_components}, or {@code composite}); {@code components}: product id,
     * quantity, product id, quantity, ...
     */
    static String compositeJson(final String id, final String sku, final long version, final String bomField,
                                final Object... components) {
        final ObjectNode node = (ObjectNode) readJson(productJson(id, sku, version));
        node.put("is_composite", true);
        final ArrayNode bom = node.putArray(bomField);
        for (int i = 0; i + 1 < components.length; i += 2) {
            bom.addObject().put("product_id", (String) components[i]).putPOJO("quantity", components[i + 1]);
        }
        return node.toString();
    }

    private static JsonNode readJson(final String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String outletJson(final String id, final String name, final long version, final String deletedAt) {
        return JSON.createObjectNode().put("id", id).put("name", name).put("currency", "NZD")
                .put("deleted_at", deletedAt).put("version", version).toString();
    }

    static String inventoryJson(final String id, final String productId, final String outletId, final long level,
                                final long version) {
        return JSON.createObjectNode().put("id", id).put("product_id", productId).put("outlet_id", outletId)
                .put("inventory_level", level).put("reorder_point", 5).put("reorder_amount", 10)
                .put("version", version).toString();
    }

    static VendChange change(final Op op, final String entity, final String after, final long version, final long sourceTsMs) {
        return TopologyFixture.change(op, entity, after, version, sourceTsMs);
    }

    // --- publishing --------------------------------------------------------------------------------

    void product(final String id, final String sku, final long version) {
        pipeProduct(id, change(Op.u, "products", productJson(id, sku, version), version, fixture.clock()));
    }

    /** A product with product codes: type, code, type, code, ... */
    void product(final String id, final String sku, final long version, final String... codes) {
        pipeProduct(id, change(Op.u, "products", productJson(id, sku, version, true, null, List.of(codes)), version, fixture.clock()));
    }

    /** A composite with its bill of materials as {@code composite_bom}: product id, quantity, product id, quantity, ... */
    void composite(final String id, final String sku, final long version, final Object... components) {
        pipeProduct(id, change(Op.u, "products", compositeJson(id, sku, version, "composite_bom", components), version, fixture.clock()));
    }

    void deleteProduct(final String id, final String sku, final long version) {
        pipeProduct(id, change(Op.d, "products", productJson(id, sku, version, true, "2024-05-01T10:00:00+00:00"), version, fixture.clock()));
    }

    /** An explicit SKU override; null publishes a tombstone. */
    void skuOverride(final String productId, final String sku) {
        settle();
        fixture.pipe(TOPICS.productSkuOverrides, productId, sku == null ? null
                : ProductSkuOverride.newBuilder().setProductId(productId).setSku(sku).setOrigin("test").build());
    }

    /** A commercetools variant as the sink's catalog reader publishes it; {@code gtins} as GTIN-14. */
    void catalogVariant(final String sku, final String productId, final int variantId, final List<String> gtins,
                        final List<String> skuSharedWith) {
        settle();
        fixture.pipe(TOPICS.commercetoolsVariants, sku, CommercetoolsVariant.newBuilder().setSku(sku).setProductId(productId)
                .setProductKey("key-" + productId).setVariantId(variantId).setVariantKey(null).setGtins(gtins).setPublished(true)
                .setLastModifiedMs(fixture.clock()).setSkuSharedWith(skuSharedWith).build());
    }

    void catalogVariant(final String sku, final String productId, final int variantId, final String... gtins) {
        catalogVariant(sku, productId, variantId, List.of(gtins), List.of());
    }

    /** The catalog reader's tombstone: no variant reports {@code sku} any more. */
    void catalogVariantGone(final String sku) {
        settle();
        fixture.pipe(TOPICS.commercetoolsVariants, sku, null);
    }

    void pipeProduct(final String key, final VendChange value) {
        settle();
        fixture.raw("products", key, value);
    }

    void outlet(final String id, final String name, final long version) {
        pipeOutlet(id, change(Op.u, "outlets", outletJson(id, name, version, null), version, fixture.clock()));
    }

    void pipeOutlet(final String key, final VendChange value) {
        settle();
        fixture.raw("outlets", key, value);
    }

    VendChange inventory(final String id, final String productId, final String outletId, final long level,
                         final long version, final long sourceTsMs) {
        final VendChange value = change(Op.u, "inventory", inventoryJson(id, productId, outletId, level, version), version, sourceTsMs);
        pipeInventory(productId, value); // keyed by product id, as the ingest publishes inventory
        return value;
    }

    void pipeInventory(final String key, final VendChange value) {
        settle();
        fixture.raw("inventory", key, value);
    }

    void override(final String outletId, final String channelKey) {
        settle();
        fixture.pipe(TOPICS.outletChannelOverrides, outletId, channelKey == null ? null : OutletChannel.newBuilder()
                .setOutletId(outletId).setChannelKey(channelKey).setOrigin(MappingOrigin.EXPLICIT).setOutletName(null).build());
    }

    /** Lets the wall clock pass one outlet re-check, as it would between two events in a running mapper. */
    private void settle() {
        if (!clockStopped) {
            fixture.driver().advanceWallClockTime(InventoryMappingTopology.OUTLET_RECHECK);
        }
    }

    /** From now on no wall-clock time passes between events, as in a backlog taken in faster than the outlet re-check. */
    void stopTheClock() {
        clockStopped = true;
    }

    /** Lets the wall clock pass between events again, and passes one outlet re-check now. */
    void startTheClock() {
        clockStopped = false;
        settle();
    }

    /** The channel per outlet the inventory task's records were last decided for ({@link InventoryMappingTopology#OUTLET_CHANNELS_SEEN_STORE}). */
    Map<String, String> outletChannelsSeen() {
        final Map<String, String> seen = new TreeMap<>();
        final KeyValueStore<String, String> store = fixture.driver().getKeyValueStore(InventoryMappingTopology.OUTLET_CHANNELS_SEEN_STORE);
        try (KeyValueIterator<String, String> all = store.all()) {
            all.forEachRemaining(entry -> seen.put(entry.key, entry.value));
        }
        return seen;
    }

    // --- reading -----------------------------------------------------------------------------------

    List<KeyValue<String, InventoryLevel>> canonical() {
        settle();
        return canonical.readKeyValuesToList();
    }

    /** The latest outlet -> channel mapping per outlet id published since the last call. */
    Map<String, OutletChannel> outletChannels() {
        settle();
        return outletChannels.readKeyValuesToMap();
    }

    /** Every resolution published since the last call, in order. */
    List<KeyValue<String, ProductResolution>> resolutionsInOrder() {
        settle();
        return resolutions.readKeyValuesToList();
    }

    /** The latest resolution per Vend product id published so far. */
    Map<String, ProductResolution> resolutions() {
        settle();
        return resolutions.readKeyValuesToMap();
    }

    List<KeyValue<String, ValidationError>> errors() {
        settle();
        return fixture.errors();
    }

    @Override
    public void close() {
        fixture.close();
    }
}
