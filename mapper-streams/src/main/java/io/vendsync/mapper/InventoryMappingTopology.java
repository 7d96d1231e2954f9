package io.vendsync.mapper;

import io.vendsync.mapper.identity.CatalogMatchPolicy;
import io.vendsync.mapper.identity.Skus;
import io.vendsync.mapper.internals.CatalogMatcher;
import io.vendsync.mapper.internals.CatalogVariant;
import io.vendsync.mapper.internals.ChannelKeys;
import io.vendsync.mapper.internals.Claimants;
import io.vendsync.mapper.internals.EmitOnChange;
import io.vendsync.mapper.internals.GtinClaim;
import io.vendsync.mapper.internals.GtinClaimDiff;
import io.vendsync.mapper.internals.GtinMatch;
import io.vendsync.mapper.internals.GtinMatches;
import io.vendsync.mapper.internals.IdentifiedProduct;
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
import io.vendsync.mapper.internals.ProductGtin;
import io.vendsync.mapper.internals.RawTopicReader;
import io.vendsync.mapper.internals.ProductResolutions;
import io.vendsync.mapper.internals.ProductState;
import io.vendsync.mapper.internals.RecordMapper;
import io.vendsync.mapper.internals.ResolvedProduct;
import io.vendsync.mapper.internals.SkuSelection;
import io.vendsync.mapper.internals.SkuOverrides;
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
import io.vendsync.schemas.mapping.CommercetoolsVariant;
import io.vendsync.schemas.mapping.MappingOrigin;
import io.vendsync.schemas.mapping.OutletChannel;
import io.vendsync.schemas.mapping.ProductIdentity;
import io.vendsync.schemas.mapping.ProductSkuOverride;
import io.vendsync.schemas.raw.VendChange;
import io.vendsync.schemas.serde.SpecificAvroSerde;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
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
 * Maps raw Vend inventory to canonical commercetools inventory.
 *
 * <ol>
 *   <li><b>Parse.</b> Each raw topic's {@code VendChange.after} JSON is read into a small record; a record
 *       that cannot be read (not JSON, required field missing, id not matching the key, tombstone) goes to
 *       the validation-errors topic as {@code PAYLOAD_INVALID} with its payload. Nothing is dropped silently.</li>
 *   <li><b>Version gate.</b> Per Vend id, only a version higher than any seen passes, so a late older event
 *       or a duplicate changes nothing downstream.</li>
 *   <li><b>Identifiers.</b> Each accepted product version goes through the {@link io.vendsync.mapper.identity}
 *       rules: the SKU is trimmed and cased ({@code sku.case}), whitespace reported ({@code SKU_WHITESPACE});
 *       GTIN-type product codes are checked and brought to GTIN-14 ({@code GTIN_INVALID} when they fail). An
 *       explicit SKU override ({@code mapping.product-sku}) replaces the Vend SKU; a refused one is reported
 *       ({@code OVERRIDE_INVALID}) and ignored.</li>
 *   <li><b>Catalog.</b> Each product is matched against the commercetools catalog the sink's catalog reader publishes
 *       ({@code mapping.commercetools-variants}, keyed by SKU): precedence explicit override > commercetools SKU match >
 *       GTIN match (the variant's SKU is used, so stock lands on the existing entry) > Vend SKU. Conflicts withhold the
 *       product's stock and are reported keyed by product id and per inventory record: {@code CT_SKU_AMBIGUOUS},
 *       {@code CT_GTIN_AMBIGUOUS}, and {@code CT_NO_MATCH} under {@code catalog.match.policy=match-only}
 *       ({@link CatalogMatcher}).</li>
 *   <li><b>Claims.</b> Live products are grouped by resolved SKU (KTable aggregate) and by GTIN-14. Two or more
 *       claimants are reported ({@code SKU_DUPLICATE} keyed by the SKU, {@code GTIN_DUPLICATE} keyed by the
 *       GTIN-14, candidates = the product ids). The SKU claimants are joined back onto each product, so a
 *       duplicate withholds the stock of every product involved, and resolving it releases the stock.</li>
 *   <li><b>Tables.</b> Product state (resolved sku, deleted, has_inventory, kit, sku claimants) by product id; inventory
 *       by inventory id, Vend's records and the kits' derived ones (a deleted record is removed); outlet → channel by outlet id: the
 *       DERIVED mapping ({@code outlet.channel.key.prefix} + outlet id, a deleted outlet has none)
 *       outer-joined with the EXPLICIT overrides topic, explicit winning, so a tombstoned override falls
 *       back to the derived mapping. An override whose channel key commercetools would refuse is
 *       reported ({@code OVERRIDE_INVALID}) and ignored.</li>
 *   <li><b>Kits.</b> A composite product's stock at each outlet is derived from its bill of materials (the
 *       product's {@code composite_bom}, {@code composite_components} or {@code composite}; malformed is
 *       {@code PAYLOAD_INVALID}): the minimum over its components of floor(component stock / quantity), a component with
 *       no record or negative stock at that outlet counting 0, at the newest Vend version among its inputs. It enters
 *       the inventory table as a record {@code <composite id>/<outlet id>} marked {@link VendInventory#fromBom}, and from
 *       there takes the same joins and decision as Vend's records, so it changes whenever a component's stock or the bill
 *       of materials does ({@link #kitStock}). Vend's own records of a composite are not published.</li>
 *   <li><b>Joins.</b> Inventory left-joins product identity on {@code product_id}, then outlet → channel
 *       on {@code outlet_id} (KTable-KTable foreign-key joins). Because they are table joins, a record whose
 *       product or outlet arrives later is re-joined and emitted by Kafka Streams itself.</li>
 *   <li><b>Decide.</b> A fully mapped record goes to the canonical inventory topic keyed
 *       {@code <channel_key>/<sku>}; otherwise a validation error keyed by the inventory id, with code
 *       PRODUCT_UNKNOWN, PRODUCT_DELETED, INVENTORY_NOT_TRACKED (has_inventory=false, Vend's own record of a composite,
 *       or a composite whose bill of materials is unknown), SKU_MISSING, SKU_DUPLICATE or OUTLET_UNMAPPED. A deleted
 *       product's stock becomes 0 ({@link InventoryMapping}), at a version above the last one published for the record
 *       ({@link LevelVersionFloor}), so the shop stops selling it; an undelete brings the level back the same way.</li>
 * </ol>
 *
 * <p>Re-emission: any accepted change of a product or an outlet mapping re-joins every inventory record of
 * it; an outcome that reads as the last one published for that inventory record (same SKU, channel, quantity and
 * source version, or the same error) is held back ({@link EmitOnChange}), so a product edit that does not touch its
 * identity (e.g. a price change) publishes nothing. A SKU change (in Vend, or by an
 * override) moves the record to a new canonical key; that is intended. Withholding a duplicate's stock
 * publishes nothing for it: the last quantity published before the conflict stays in commercetools.
 */
public final class InventoryMappingTopology {

    public static final String PRODUCT_VERSIONS_STORE = "product-versions";
    public static final String PRODUCT_VEND_IDENTITY_STORE = "product-identity-vend";
    public static final String PRODUCT_SKU_EXPLICIT_STORE = "product-sku-explicit";
    /** Vend SKU, explicit override and the commercetools variant with the Vend SKU, per product id. */
    public static final String PRODUCT_SKU_SELECTION_STORE = "product-sku-selection";
    public static final String PRODUCT_CATALOG_SKU_STORE = "product-catalog-sku";
    public static final String PRODUCT_CATALOG_MATCH_STORE = "product-catalog-match";
    /** Resolved identity ({@link ResolvedProduct}): the SKU by the precedence of {@link CatalogMatcher}, and any catalog conflict. */
    public static final String PRODUCT_IDENTITY_STORE = "product-identity-resolved";
    public static final String SKU_CLAIMS_STORE = "sku-claims";
    public static final String PRODUCT_STATE_STORE = "product-state";
    public static final String PRODUCT_GTINS_STORE = "product-gtins";
    public static final String GTIN_CLAIMS_STORE = "gtin-claims";
    /** The commercetools catalog by SKU, as the sink's catalog reader publishes it. */
    public static final String CATALOG_VARIANTS_STORE = "catalog-variants";
    public static final String CATALOG_VARIANT_GTINS_STORE = "catalog-variant-gtins";
    /** GTIN-14 -> the commercetools SKUs carrying it. */
    public static final String CATALOG_GTINS_STORE = "catalog-gtins";
    public static final String PRODUCT_GTIN_PAIRS_STORE = "product-gtin-pairs";
    public static final String PRODUCT_GTIN_CATALOG_STORE = "product-gtin-catalog";
    /** Vend product id -> its GTINs with the commercetools SKUs carrying each. */
    public static final String PRODUCT_CATALOG_GTINS_STORE = "product-catalog-gtins";
    public static final String OUTLET_VERSIONS_STORE = "outlet-versions";
    public static final String OUTLET_CHANNEL_DERIVED_STORE = "outlet-channel-derived";
    public static final String OUTLET_CHANNEL_EXPLICIT_STORE = "outlet-channel-explicit";
    public static final String OUTLET_CHANNEL_STORE = "outlet-channel";
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

    /** Adds the mapper's topology to {@code builder}. */
    public static void build(final StreamsBuilder builder, final Topics topics, final MapperConfig config) {
        final Skus skus = new Skus(config.skuCase());
        final KStream<String, IdentifiedProduct> identified = identifiedProducts(builder, topics, skus);
        final KTable<String, ProductState> products = products(builder, topics, identified, skus, config.catalogMatchPolicy());
        publishResolutions(products, topics);
        final KTable<String, OutletChannel> channels = outletChannels(builder, topics, config.outletChannelKeyPrefix());
        // Visible to operators (and the price mapper): which channel each outlet's stock lands on, and whether derived or explicit.
        channels.toStream(Named.as("outlet-channel-changes"))
                .to(topics.outletChannels.name(), topics.outletChannels.produced().withName("outlet-channel-resolved-sink"));
        final KStream<String, VendInventory> inventoryChanges = inventoryChanges(builder, topics);
        final KTable<String, VendInventory> inventory = inventory(inventoryChanges, kitStock(identified, inventoryChanges));

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

    /**
     * Makes each product's resolution visible on {@code mapping.product-resolution} (keyed by Vend product id), for
     * operators and for the product and price mappers, which run as their own applications and cannot share this
     * topology's tables.
     */
    private static void publishResolutions(final KTable<String, ProductState> products, final Topics topics) {
        products.toStream(Named.as("product-resolution-changes"))
                // A pending product is not decided yet: publishing its interim SKU would have the product mapper create it.
                .filter((productId, state) -> state != null && !state.pending(), Named.as("product-resolution-known"))
                .mapValues(ProductResolutions::of, Named.as("product-resolution-record"))
                .to(topics.productResolutions.name(), topics.productResolutions.produced().withName("product-resolution-sink"));
    }

    private static String canonicalKey(final InventoryLevel level) {
        return Keys.inventory(level.getChannelKey(), level.getSku());
    }

    /** Accepted product versions (parsed, version-gated) with their identifiers run through the identity rules. */
    private static KStream<String, IdentifiedProduct> identifiedProducts(final StreamsBuilder builder, final Topics topics,
                                                                         final Skus skus) {
        return RawTopicReader.read(builder, topics, topics.rawProducts, "products", "products", VendJsonParser::product)
                .processValues(new VersionGate<VendProduct>(PRODUCT_VERSIONS_STORE, VendProduct::version),
                        Named.as("products-version-gate"))
                .mapValues(product -> IdentifiedProduct.of(product, skus), Named.as("products-identify"));
    }

    /**
     * Products keyed by id, each with its resolved identity and the live products that claim its SKU. On the
     * way: identifier problems of each accepted version are reported, GTIN duplicates are tracked, and an
     * explicit SKU override replaces the Vend SKU.
     */
    private static KTable<String, ProductState> products(final StreamsBuilder builder, final Topics topics,
                                                         final KStream<String, IdentifiedProduct> identified, final Skus skus,
                                                         final CatalogMatchPolicy policy) {
        final String productsTopic = topics.rawProducts.name();

        identified.processValues(new RecordMapper<IdentifiedProduct, List<ValidationError>>((productId, product, timestampMs) ->
                        identifierErrors(productsTopic, product, timestampMs)), Named.as("products-identifier-check"))
                .flatMapValues(errors -> errors, Named.as("products-identifier-errors"))
                .to(topics.validationErrors.name(), topics.validationErrors.produced().withName("products-identifier-invalid-sink"));

        final KStream<String, GtinClaim> gtinClaims = identified.process(
                new GtinClaimDiff<IdentifiedProduct>(PRODUCT_GTINS_STORE, IdentifiedProduct::gtins), Named.as("products-gtin-claims"));
        reportGtinDuplicates(gtinClaims, topics);

        // Internal state only, never on a contract topic: the bundled schema is enough, no registry involved.
        final Serde<ProductIdentity> identitySerde = SpecificAvroSerde.singleObject(ProductIdentity.class);
        final KTable<String, ProductIdentity> vendIdentities = identified
                .mapValues(IdentifiedProduct::identity, Named.as("products-identity"))
                .toTable(Named.as("products-vend-identity-table"), store(PRODUCT_VEND_IDENTITY_STORE, identitySerde));
        final KTable<String, SkuSelection> selections = vendIdentities.leftJoin(skuOverrides(builder, topics, skus),
                (identity, override) -> SkuSelection.of(identity, override == null ? null : skus.normalise(override.getSku()).value()),
                Named.as("products-sku-resolve"),
                store(PRODUCT_SKU_SELECTION_STORE, new JsonSerde<>(SkuSelection.class)));
        final KTable<String, ResolvedProduct> identities = matchCatalog(builder, topics, selections, gtinClaims, policy);

        final KTable<String, Claimants> skuClaims = skuClaims(identities);
        skuClaims.toStream(Named.as("sku-claims-changes"))
                .processValues(new RecordMapper<Claimants, ValidationError>((sku, claimants, timestampMs) ->
                                claimants == null || !claimants.isConflict() ? null
                                        : ValidationErrors.skuDuplicate(productsTopic, topics.productSkuOverrides.name(), sku,
                                                claimants, timestampMs)),
                        Named.as("sku-claims-check"))
                .to(topics.validationErrors.name(), topics.validationErrors.produced().withName("sku-duplicate-sink"));

        // A foreign-key join, so a change of the claimants of a SKU re-joins every product with that SKU, and from
        // there their inventory: that is how a duplicate withholds stock, and how resolving it releases it.
        return identities.leftJoin(skuClaims, ResolvedProduct::sku, ProductState::of,
                TableJoined.as("product-sku-claims-join"),
                store(PRODUCT_STATE_STORE, new JsonSerde<>(ProductState.class)));
    }

    private static List<ValidationError> identifierErrors(final String sourceTopic, final IdentifiedProduct product,
                                                          final long timestampMs) {
        if (product.product().deleted()) {
            return List.of(); // nothing to clean up on a product that is gone
        }
        final List<ValidationError> errors = new ArrayList<>();
        if (product.sku().hasWhitespace()) {
            errors.add(ValidationErrors.skuWhitespace(sourceTopic, product, timestampMs));
        }
        product.gtinChecks().stream().filter(check -> !check.isValid())
                .forEach(check -> errors.add(ValidationErrors.gtinInvalid(sourceTopic, product.product(), check, timestampMs)));
        return errors;
    }

    /**
     * Live products per resolved SKU. A KTable aggregate with a subtractor, so a product that changes its SKU
     * or is deleted leaves its old SKU's claimants. When only other fields change, Kafka Streams passes the
     * old and new row in one record (same key), so the claimants never pass through a state without the
     * product, which would briefly release a duplicate's stock.
     */
    private static KTable<String, Claimants> skuClaims(final KTable<String, ResolvedProduct> identities) {
        return identities
                .filter((productId, identity) -> identity.claimsSku(), Named.as("products-live-with-sku"))
                .groupBy((productId, identity) -> KeyValue.pair(identity.sku(), productId),
                        Grouped.with("products-by-sku", Serdes.String(), Serdes.String()))
                .aggregate(() -> Claimants.NONE,
                        (sku, productId, claimants) -> claimants.with(productId),
                        (sku, productId, claimants) -> claimants.without(productId),
                        Named.as("sku-claims-aggregate"),
                        store(SKU_CLAIMS_STORE, new JsonSerde<>(Claimants.class)));
    }

    /** Reports a GTIN carried by more than one live product; stock is keyed by SKU, so nothing is withheld. */
    private static void reportGtinDuplicates(final KStream<String, GtinClaim> gtinClaims, final Topics topics) {
        gtinClaims.groupByKey(Grouped.with("products-by-gtin", Serdes.String(), new JsonSerde<>(GtinClaim.class)))
                .aggregate(() -> Claimants.NONE,
                        (gtin, claim, claimants) -> claim.claimed() ? claimants.with(claim.productId()) : claimants.without(claim.productId()),
                        Named.as("gtin-claims-aggregate"),
                        store(GTIN_CLAIMS_STORE, new JsonSerde<>(Claimants.class)))
                .toStream(Named.as("gtin-claims-changes"))
                .processValues(new RecordMapper<Claimants, ValidationError>((gtin, claimants, timestampMs) ->
                                !claimants.isConflict() ? null
                                        : ValidationErrors.gtinDuplicate(topics.rawProducts.name(), gtin, claimants, timestampMs)),
                        Named.as("gtin-claims-check"))
                .to(topics.validationErrors.name(), topics.validationErrors.produced().withName("gtin-duplicate-sink"));
    }

    /**
     * Matches each product against the commercetools catalog ({@code mapping.commercetools-variants}, keyed by SKU):
     * <ul>
     *   <li>by SKU: a foreign-key join of the product's Vend SKU with the variants table;</li>
     *   <li>by GTIN: the catalog's GTINs are indexed (GTIN-14 -> SKUs, a KTable aggregate), each (GTIN, product) pair the
     *       Vend side claims is joined to that index by foreign key, and the results are gathered back per product;</li>
     *   <li>then {@link CatalogMatcher} applies the precedence and reports conflicts, keyed by product id.</li>
     * </ul>
     * All are table joins, so a catalog change (a variant added, a GTIN fixed, a duplicate removed) re-decides the
     * products it touches, and their stock flows or is withheld by itself.
     */
    private static KTable<String, ResolvedProduct> matchCatalog(final StreamsBuilder builder, final Topics topics,
                                                                final KTable<String, SkuSelection> selections,
                                                                final KStream<String, GtinClaim> gtinClaims,
                                                                final CatalogMatchPolicy policy) {
        final Topic<String, CommercetoolsVariant> catalog = topics.commercetoolsVariants;
        final KTable<String, CommercetoolsVariant> variants = builder.table(catalog.name(),
                catalog.consumed().withName("catalog-variants-source"), store(CATALOG_VARIANTS_STORE, catalog.valueSerde()));

        final KTable<String, SkuSelection> withCatalogSku = selections.leftJoin(variants, SkuSelection::vendSku,
                (selection, variant) -> selection.withCatalogBySku(CatalogVariant.of(variant)),
                TableJoined.as("product-catalog-sku-join"),
                store(PRODUCT_CATALOG_SKU_STORE, new JsonSerde<>(SkuSelection.class)));

        final KTable<String, Claimants> catalogGtins = variants.toStream(Named.as("catalog-variants-changes"))
                .process(new GtinClaimDiff<CommercetoolsVariant>(CATALOG_VARIANT_GTINS_STORE,
                        variant -> List.copyOf(new TreeSet<>(variant.getGtins()))), Named.as("catalog-gtin-claims"))
                .groupByKey(Grouped.with("catalog-variants-by-gtin", Serdes.String(), new JsonSerde<>(GtinClaim.class)))
                .aggregate(() -> Claimants.NONE,
                        (gtin, claim, skus) -> claim.claimed() ? skus.with(claim.productId()) : skus.without(claim.productId()),
                        Named.as("catalog-gtins-aggregate"),
                        store(CATALOG_GTINS_STORE, new JsonSerde<>(Claimants.class)));

        final KTable<String, GtinMatches> gtinMatches = gtinClaims
                // One row per (GTIN, product); a retraction deletes it.
                .map((gtin, claim) -> KeyValue.pair(gtin + "|" + claim.productId(),
                        claim.claimed() ? new ProductGtin(claim.productId(), gtin) : null), Named.as("product-gtin-pairs-key"))
                .toTable(Named.as("product-gtin-pairs-table"), store(PRODUCT_GTIN_PAIRS_STORE, new JsonSerde<>(ProductGtin.class)))
                .leftJoin(catalogGtins, ProductGtin::gtin,
                        (pair, skus) -> new GtinMatch(pair.productId(), pair.gtin(), skus == null ? List.of() : skus.productIds()),
                        TableJoined.as("product-gtin-catalog-join"),
                        store(PRODUCT_GTIN_CATALOG_STORE, new JsonSerde<>(GtinMatch.class)))
                .groupBy((pairKey, match) -> KeyValue.pair(match.productId(), match),
                        Grouped.with("product-gtin-catalog-by-product", Serdes.String(), new JsonSerde<>(GtinMatch.class)))
                .aggregate(() -> GtinMatches.NONE,
                        (productId, match, matches) -> matches.with(match.gtin(), match.catalogSkus()),
                        (productId, match, matches) -> matches.without(match.gtin()),
                        Named.as("product-catalog-gtins-aggregate"),
                        store(PRODUCT_CATALOG_GTINS_STORE, new JsonSerde<>(GtinMatches.class)));

        final CatalogMatcher matcher = new CatalogMatcher(policy, topics.productSkuOverrides.name());
        final KTable<String, ResolvedProduct> resolved = withCatalogSku.leftJoin(gtinMatches, matcher::resolve,
                Named.as("products-catalog-match"),
                store(PRODUCT_CATALOG_MATCH_STORE, new JsonSerde<>(ResolvedProduct.class)))
                // Only GTIN matches have a foreign key here; the others pass through without a lookup.
                .leftJoin(variants, CatalogMatcher::gtinMatchedSku,
                        (product, target) -> matcher.checkGtinTarget(product, CatalogVariant.of(target)),
                        TableJoined.as("product-catalog-gtin-target-join"),
                        store(PRODUCT_IDENTITY_STORE, new JsonSerde<>(ResolvedProduct.class)));
        resolved.toStream(Named.as("products-catalog-match-changes"))
                .processValues(new RecordMapper<ResolvedProduct, ValidationError>((productId, product, timestampMs) ->
                                product == null || product.conflict() == null ? null
                                        : ValidationErrors.catalogConflict(topics.rawProducts.name(), product, timestampMs)),
                        Named.as("products-catalog-match-check"))
                .to(topics.validationErrors.name(), topics.validationErrors.produced().withName("products-catalog-conflict-sink"));
        return resolved;
    }

    /** Explicit SKU overrides by product id; a refused one is reported and reads as absent, so the Vend SKU applies. */
    private static KTable<String, ProductSkuOverride> skuOverrides(final StreamsBuilder builder, final Topics topics,
                                                                   final Skus skus) {
        final Topic<String, ProductSkuOverride> overrides = topics.productSkuOverrides;
        final KTable<String, ProductSkuOverride> asPublished = builder.table(overrides.name(),
                overrides.consumed().withName("product-sku-overrides-source"),
                store(PRODUCT_SKU_EXPLICIT_STORE, overrides.valueSerde()));
        asPublished.toStream(Named.as("product-sku-overrides-changes"))
                .processValues(new RecordMapper<ProductSkuOverride, ValidationError>((productId, override, timestampMs) -> {
                    final String problem = override == null ? null : SkuOverrides.problem(productId, override, skus);
                    return problem == null ? null
                            : ValidationErrors.skuOverrideInvalid(overrides.name(), productId, override, problem, timestampMs);
                }), Named.as("product-sku-overrides-check"))
                .to(topics.validationErrors.name(), topics.validationErrors.produced().withName("product-sku-overrides-invalid-sink"));
        return asPublished.filter((productId, override) -> SkuOverrides.problem(productId, override, skus) == null,
                Named.as("product-sku-overrides-valid"));
    }

    private static KTable<String, OutletChannel> outletChannels(final StreamsBuilder builder, final Topics topics,
                                                                final String prefix) {
        final Topic<String, OutletChannel> overrides = topics.outletChannelOverrides;
        final KTable<String, OutletChannel> derived = RawTopicReader.read(builder, topics, topics.rawOutlets, "outlets", "outlets",
                        VendJsonParser::outlet)
                .processValues(new VersionGate<VendOutlet>(OUTLET_VERSIONS_STORE, VendOutlet::version),
                        Named.as("outlets-version-gate"))
                // null removes the derived mapping of a deleted outlet.
                .mapValues(outlet -> outlet.deleted() ? null : OutletChannel.newBuilder()
                        .setOutletId(outlet.id())
                        .setChannelKey(ChannelKeys.derive(prefix, outlet.id()))
                        .setOrigin(MappingOrigin.DERIVED)
                        .setOutletName(outlet.name())
                        .build(), Named.as("outlets-derive-channel"))
                .toTable(Named.as("outlet-channel-derived-table"), store(OUTLET_CHANNEL_DERIVED_STORE, overrides.valueSerde()));

        final KTable<String, OutletChannel> explicitAsPublished = builder.table(overrides.name(),
                overrides.consumed().withName("outlet-channel-overrides-source"),
                store(OUTLET_CHANNEL_EXPLICIT_STORE, overrides.valueSerde()));
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
                store(OUTLET_CHANNEL_STORE, overrides.valueSerde()));
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
     *   <li>bill-of-materials edges ({@link BomEdgeDiff}), a table keyed {@code <composite>|<component>}: products are
     *       few, and only a change of a bill of materials writes here;</li>
     *   <li>each product's stock per outlet: Vend's records re-keyed by product id and aggregated (one repartition and one
     *       store update per inventory record: the whole added cost on the inventory path);</li>
     *   <li>edges foreign-key-joined to their component's stock: a stock change of a product that is no component finds no
     *       subscriber and goes no further; a bill-of-materials change re-derives from stock that is already there;</li>
     *   <li>gathered per kit (KTable aggregate) and derived per outlet; only what changed is sent, repartitioned by
     *       inventory id like Vend's records.</li>
     * </ol>
     */
    private static KStream<String, VendInventory> kitStock(final KStream<String, IdentifiedProduct> identified,
                                                           final KStream<String, VendInventory> inventoryChanges) {
        final KTable<String, BomEdge> edges = identified
                .mapValues(IdentifiedProduct::product, Named.as("kit-products"))
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
