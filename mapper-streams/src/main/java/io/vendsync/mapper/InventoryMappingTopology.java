package io.vendsync.mapper;

import io.vendsync.mapper.internals.ChannelKeys;
import io.vendsync.mapper.internals.InvalidPayloadException;
import io.vendsync.mapper.internals.InventoryMapping;
import io.vendsync.mapper.internals.InventoryWithProduct;
import io.vendsync.mapper.internals.JsonSerde;
import io.vendsync.mapper.internals.MappingCandidate;
import io.vendsync.mapper.internals.MappingOutcome;
import io.vendsync.mapper.internals.Parsed;
import io.vendsync.mapper.internals.ProductState;
import io.vendsync.mapper.internals.RecordMapper;
import io.vendsync.mapper.internals.ValidationErrors;
import io.vendsync.mapper.internals.VendInventory;
import io.vendsync.mapper.internals.VendJsonParser;
import io.vendsync.mapper.internals.VendOutlet;
import io.vendsync.mapper.internals.VendProduct;
import io.vendsync.mapper.internals.VersionGate;
import io.vendsync.schemas.Keys;
import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.schemas.canonical.v1.ValidationError;
import io.vendsync.schemas.mapping.MappingOrigin;
import io.vendsync.schemas.mapping.OutletChannel;
import io.vendsync.schemas.mapping.ProductIdentity;
import io.vendsync.schemas.raw.VendChange;
import io.vendsync.schemas.serde.SpecificAvroSerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.TableJoined;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Maps raw Vend inventory to canonical commercetools inventory.
 *
 * <ol>
 *   <li><b>Parse.</b> Each raw topic's {@code VendChange.after} JSON is read into a small record; a record
 *       that cannot be read (not JSON, required field missing, id not matching the key, tombstone) goes to
 *       the validation-errors topic as {@code PAYLOAD_INVALID} with its payload. Nothing is dropped silently.</li>
 *   <li><b>Version gate.</b> Per Vend id, only a version higher than any seen passes, so a late older event
 *       or a duplicate changes nothing downstream.</li>
 *   <li><b>Tables.</b> Product identity (sku, deleted, has_inventory) by product id; inventory by
 *       inventory id (a deleted inventory record is removed); outlet → channel by outlet id: the
 *       DERIVED mapping ({@code outlet.channel.key.prefix} + outlet id, a deleted outlet has none)
 *       outer-joined with the EXPLICIT overrides topic, explicit winning, so a tombstoned override falls
 *       back to the derived mapping. An override whose channel key commercetools would refuse is
 *       reported ({@code OVERRIDE_INVALID}) and ignored.</li>
 *   <li><b>Joins.</b> Inventory left-joins product identity on {@code product_id}, then outlet → channel
 *       on {@code outlet_id} (KTable-KTable foreign-key joins). Because they are table joins, a record whose
 *       product or outlet arrives later is re-joined and emitted by Kafka Streams itself.</li>
 *   <li><b>Decide.</b> A fully mapped record goes to the canonical inventory topic keyed
 *       {@code <channel_key>/<sku>}; otherwise a validation error keyed by the inventory id, with code
 *       PRODUCT_UNKNOWN, PRODUCT_DELETED, INVENTORY_NOT_TRACKED, SKU_MISSING or OUTLET_UNMAPPED.</li>
 * </ol>
 *
 * <p>Re-emission: any accepted change of a product or an outlet mapping re-joins every inventory record of
 * it, so a product edit that does not touch its identity (e.g. a price change) re-publishes identical
 * canonical records; the sink is idempotent on {@code source_version}. A SKU change moves the record to a
 * new canonical key; that is intended.
 */
public final class InventoryMappingTopology {

    public static final String PRODUCT_VERSIONS_STORE = "product-versions";
    public static final String PRODUCT_IDENTITY_STORE = "product-identity";
    public static final String OUTLET_VERSIONS_STORE = "outlet-versions";
    public static final String OUTLET_CHANNEL_DERIVED_STORE = "outlet-channel-derived";
    public static final String OUTLET_CHANNEL_EXPLICIT_STORE = "outlet-channel-explicit";
    public static final String OUTLET_CHANNEL_STORE = "outlet-channel";
    public static final String INVENTORY_VERSIONS_STORE = "inventory-versions";
    public static final String INVENTORY_STORE = "inventory";
    public static final String INVENTORY_WITH_PRODUCT_STORE = "inventory-with-product";
    public static final String MAPPING_CANDIDATES_STORE = "inventory-mapping-candidates";

    private InventoryMappingTopology() {
    }

    /** Adds the mapper's topology to {@code builder}. */
    public static void build(final StreamsBuilder builder, final Topics topics, final MapperConfig config) {
        final KTable<String, ProductIdentity> products = productIdentities(builder, topics);
        final KTable<String, OutletChannel> channels = outletChannels(builder, topics, config.outletChannelKeyPrefix());
        final KTable<String, VendInventory> inventory = inventory(builder, topics);

        final KTable<String, InventoryWithProduct> withProduct = inventory.leftJoin(products,
                (inventoryId, record) -> record.productId(),
                (record, product) -> new InventoryWithProduct(record, ProductState.of(product)),
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

        final InventoryMapping mapping = new InventoryMapping(topics.rawInventory.name(), topics.outletChannelOverrides.name());
        final KStream<String, MappingOutcome> outcomes = candidates
                .toStream(Named.as("inventory-mapping-candidates"))
                // null: the inventory record was deleted; Vend's stock for it is simply no longer reported.
                .filter((inventoryId, candidate) -> candidate != null, Named.as("inventory-drop-deleted"))
                .processValues(new RecordMapper<MappingCandidate, MappingOutcome>(
                        (inventoryId, candidate, timestampMs) -> mapping.decide(candidate, timestampMs)),
                        Named.as("inventory-mapping-decide"));

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

    private static KTable<String, ProductIdentity> productIdentities(final StreamsBuilder builder, final Topics topics) {
        // Internal state only, never on a contract topic: the bundled schema is enough, no registry involved.
        final Serde<ProductIdentity> serde = SpecificAvroSerde.singleObject(ProductIdentity.class);
        return parse(builder, topics, topics.rawProducts, "products", VendJsonParser::product)
                .processValues(new VersionGate<VendProduct>(PRODUCT_VERSIONS_STORE, VendProduct::version),
                        Named.as("products-version-gate"))
                .mapValues(product -> ProductIdentity.newBuilder()
                        .setProductId(product.id())
                        .setSku(product.sku())
                        .setVersion(product.version())
                        // Kept, not removed, so inventory of a deleted product reports PRODUCT_DELETED rather than PRODUCT_UNKNOWN.
                        .setDeleted(product.deleted())
                        .setHasInventory(product.hasInventory())
                        .build(), Named.as("products-identity"))
                .toTable(Named.as("products-identity-table"),
                        Materialized.<String, ProductIdentity, KeyValueStore<Bytes, byte[]>>as(PRODUCT_IDENTITY_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(serde));
    }

    private static KTable<String, OutletChannel> outletChannels(final StreamsBuilder builder, final Topics topics,
                                                                final String prefix) {
        final Topic<String, OutletChannel> overrides = topics.outletChannelOverrides;
        final KTable<String, OutletChannel> derived = parse(builder, topics, topics.rawOutlets, "outlets", VendJsonParser::outlet)
                .processValues(new VersionGate<VendOutlet>(OUTLET_VERSIONS_STORE, VendOutlet::version),
                        Named.as("outlets-version-gate"))
                // null removes the derived mapping of a deleted outlet.
                .mapValues(outlet -> outlet.deleted() ? null : OutletChannel.newBuilder()
                        .setOutletId(outlet.id())
                        .setChannelKey(ChannelKeys.derive(prefix, outlet.id()))
                        .setOrigin(MappingOrigin.DERIVED)
                        .setOutletName(outlet.name())
                        .build(), Named.as("outlets-derive-channel"))
                .toTable(Named.as("outlet-channel-derived-table"), materialized(OUTLET_CHANNEL_DERIVED_STORE, overrides.valueSerde()));

        final KTable<String, OutletChannel> explicitAsPublished = builder.table(overrides.name(),
                overrides.consumed().withName("outlet-channel-overrides-source"),
                materialized(OUTLET_CHANNEL_EXPLICIT_STORE, overrides.valueSerde()));
        explicitAsPublished.toStream(Named.as("outlet-channel-overrides-changes"))
                .processValues(new RecordMapper<OutletChannel, ValidationError>((outletId, override, timestampMs) ->
                                override == null || ChannelKeys.isValid(override.getChannelKey()) ? null
                                        : ValidationErrors.overrideInvalid(overrides.name(), outletId, override, timestampMs)),
                        Named.as("outlet-channel-overrides-check"))
                .to(topics.validationErrors.name(), topics.validationErrors.produced().withName("outlet-channel-overrides-invalid-sink"));
        // An invalid override reads as absent, so the derived mapping applies rather than a key commercetools refuses.
        final KTable<String, OutletChannel> explicit = explicitAsPublished.filter(
                (outletId, override) -> ChannelKeys.isValid(override.getChannelKey()), Named.as("outlet-channel-overrides-valid"));

        return derived.outerJoin(explicit,
                (derivedMapping, explicitMapping) -> explicitMapping != null ? explicitMapping : derivedMapping,
                Named.as("outlet-channel-resolve"),
                materialized(OUTLET_CHANNEL_STORE, overrides.valueSerde()));
    }

    private static KTable<String, VendInventory> inventory(final StreamsBuilder builder, final Topics topics) {
        return parse(builder, topics, topics.rawInventory, "inventory", VendJsonParser::inventory)
                .processValues(new VersionGate<VendInventory>(INVENTORY_VERSIONS_STORE, VendInventory::version),
                        Named.as("inventory-version-gate"))
                // null removes it from the table (the gate still holds its version, so older events stay out).
                .mapValues(record -> record.deleted() ? null : record, Named.as("inventory-drop-deleted-record"))
                .toTable(Named.as("inventory-table"),
                        Materialized.<String, VendInventory, KeyValueStore<Bytes, byte[]>>as(INVENTORY_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(new JsonSerde<>(VendInventory.class)));
    }

    /** Reads a raw topic; what cannot be read goes to validation errors, the rest is returned. */
    private static <T> KStream<String, T> parse(final StreamsBuilder builder, final Topics topics,
                                                final Topic<String, VendChange> topic, final String entity,
                                                final Parser<T> parser) {
        final KStream<String, Parsed<T>> parsed = builder
                .stream(topic.name(), topic.consumed().withName(entity + "-raw-source"))
                .processValues(new RecordMapper<VendChange, Parsed<T>>((key, change, timestampMs) -> {
                    try {
                        return Parsed.ok(parser.parse(key, change));
                    } catch (InvalidPayloadException e) {
                        return Parsed.failed(ValidationErrors.payloadInvalid(topic.name(), entity, key, change,
                                e.getMessage(), timestampMs));
                    }
                }), Named.as(entity + "-parse"));
        parsed.filterNot((key, result) -> result.isOk(), Named.as(entity + "-invalid"))
                .mapValues(Parsed::error, Named.as(entity + "-invalid-error"))
                .to(topics.validationErrors.name(), topics.validationErrors.produced().withName(entity + "-invalid-sink"));
        return parsed.filter((key, result) -> result.isOk(), Named.as(entity + "-valid"))
                .mapValues(Parsed::value, Named.as(entity + "-valid-value"));
    }

    private static Materialized<String, OutletChannel, KeyValueStore<Bytes, byte[]>> materialized(
            final String storeName, final Serde<OutletChannel> valueSerde) {
        return Materialized.<String, OutletChannel, KeyValueStore<Bytes, byte[]>>as(storeName)
                .withKeySerde(Serdes.String()).withValueSerde(valueSerde);
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse(String key, VendChange change) throws InvalidPayloadException;
    }
}
