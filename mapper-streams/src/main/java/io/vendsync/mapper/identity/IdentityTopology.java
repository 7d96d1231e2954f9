package io.vendsync.mapper.identity;

import io.vendsync.mapper.internals.ProductBom;
import io.vendsync.mapper.MapperConfig;
import io.vendsync.mapper.internals.CatalogMatcher;
import io.vendsync.mapper.internals.CatalogVariant;
import io.vendsync.mapper.internals.ChannelKeys;
import io.vendsync.mapper.internals.Claimants;
import io.vendsync.mapper.internals.GtinClaim;
import io.vendsync.mapper.internals.GtinClaimDiff;
import io.vendsync.mapper.internals.GtinMatch;
import io.vendsync.mapper.internals.GtinMatches;
import io.vendsync.mapper.internals.IdentifiedProduct;
import io.vendsync.mapper.internals.JsonSerde;
import io.vendsync.mapper.internals.ProductGtin;
import io.vendsync.mapper.internals.RawTopicReader;
import io.vendsync.mapper.internals.ProductResolutions;
import io.vendsync.mapper.internals.ProductState;
import io.vendsync.mapper.internals.RecordMapper;
import io.vendsync.mapper.internals.ResolvedProduct;
import io.vendsync.mapper.internals.SkuSelection;
import io.vendsync.mapper.internals.SkuOverrides;
import io.vendsync.mapper.internals.ValidationErrors;
import io.vendsync.mapper.vend.VendJsonParser;
import io.vendsync.mapper.vend.VendOutlet;
import io.vendsync.mapper.vend.VendProduct;
import io.vendsync.mapper.internals.VersionGate;
import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.ValidationError;
import io.vendsync.schemas.mapping.CommercetoolsVariant;
import io.vendsync.schemas.mapping.MappingOrigin;
import io.vendsync.schemas.mapping.OutletChannel;
import io.vendsync.schemas.mapping.ProductIdentity;
import io.vendsync.schemas.mapping.ProductSkuOverride;
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
import org.apache.kafka.streams.kstream.TableJoined;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Decides, once for the whole mapper, who each Vend product and outlet is in commercetools, and publishes it: every
 * other topology consumes {@code mapping.product-resolution} and {@code mapping.outlet-channel-resolved} as tables
 * and never re-derives them.
 *
 * <ol>
 *   <li><b>Parse and gate.</b> Raw products and outlets are read by the shared parser ({@link VendJsonParser}); a record
 *       that cannot be read goes to {@code errors.validation} as {@code PAYLOAD_INVALID}. Per Vend id, only a version
 *       higher than any seen passes, so a late older event or a duplicate changes nothing downstream.</li>
 *   <li><b>Identifiers.</b> Each accepted product version goes through the {@link io.vendsync.mapper.identity}
 *       rules: the SKU is trimmed and cased ({@code sku.case}), whitespace reported ({@code SKU_WHITESPACE});
 *       GTIN-type product codes are checked and brought to GTIN-14 ({@code GTIN_INVALID} when they fail). An
 *       explicit SKU override ({@code mapping.product-sku}) replaces the Vend SKU; a refused one is reported
 *       ({@code OVERRIDE_INVALID}) and ignored.</li>
 *   <li><b>Catalog.</b> Each product is matched against the commercetools catalog the sink's catalog reader publishes
 *       ({@code mapping.commercetools-variants}, keyed by SKU): precedence explicit override > commercetools SKU match >
 *       GTIN match (the variant's SKU is used, so stock lands on the existing entry) > Vend SKU. Conflicts are reported
 *       keyed by product id ({@code CT_SKU_AMBIGUOUS}, {@code CT_GTIN_AMBIGUOUS}, {@code CT_NO_MATCH} under
 *       {@code catalog.match.policy=match-only}; {@link CatalogMatcher}) and published on the resolution.</li>
 *   <li><b>Claims.</b> Live products are grouped by resolved SKU and by GTIN-14. Two or more claimants are reported
 *       ({@code SKU_DUPLICATE} keyed by the SKU, {@code GTIN_DUPLICATE} keyed by the GTIN-14, candidates = the product
 *       ids); the SKU claimants are published on each product's resolution, so its consumers withhold the product.</li>
 *   <li><b>Outlets.</b> Outlet -> channel: the DERIVED mapping ({@code outlet.channel.key.prefix} + outlet id, a deleted
 *       outlet has none) outer-joined with the EXPLICIT overrides topic, explicit winning, so a tombstoned override
 *       falls back to the derived mapping. An override whose channel key commercetools would refuse is reported
 *       ({@code OVERRIDE_INVALID}) and ignored.</li>
 * </ol>
 * A product whose catalog matching is still pending (a GTIN lookup in flight) is not published, so nothing downstream
 * ever sees its interim SKU; nor is a live product whose own SKU claim has not come back counted among its claimants
 * ({@link ProductState#claimsCounted}), so nothing downstream takes a duplicate for the only holder of its SKU.
 */
public final class IdentityTopology {
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
    /** Marks an inactive product's SKU claim on its way to the claimants aggregate (Vend ids never start with it). */
    private static final String INACTIVE = "!";
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

    /** Each product's bill of materials (empty when it is no kit), joined onto its published resolution. */
    public static final String PRODUCT_BOM_STORE = "product-bom";
    public static final String OUTLET_CHANNEL_EXPLICIT_STORE = "outlet-channel-explicit";
    public static final String OUTLET_CHANNEL_STORE = "outlet-channel";

    private IdentityTopology() {
    }

    /** Adds the identity topology to {@code builder}. */
    public static void build(final StreamsBuilder builder, final Topics topics, final MapperConfig config) {
        final Skus skus = new Skus(config.skuCase());
        final KStream<String, IdentifiedProduct> identified = identifiedProducts(builder, topics, skus);
        publishResolutions(products(builder, topics, identified, skus, config.catalogMatchPolicy()), billsOfMaterials(identified), topics);
        // Which channel each outlet's stock, prices and sales land on, and whether derived or explicit.
        outletChannels(builder, topics, config.outletChannelKeyPrefix()).toStream(Named.as("outlet-channel-changes"))
                .to(topics.outletChannels.name(), topics.outletChannels.produced().withName("outlet-channel-resolved-sink"));
    }

    /**
     * Makes each product's resolution visible on {@code mapping.product-resolution} (keyed by Vend product id), for
     * operators and for the inventory, product, price and order topologies, which run as their own applications and
     * consume it as a table. A kit's resolution carries its bill of materials: a primary-key join (same key), published
     * only once the state and the bill come from one product version, so a new bill never goes out under an old version.
     */
    private static void publishResolutions(final KTable<String, ProductState> products, final KTable<String, ProductBom> boms,
                                           final Topics topics) {
        products.join(boms, ProductWithBom::new, Named.as("product-resolution-with-bom"))
                .toStream(Named.as("product-resolution-changes"))
                // A pending product is not decided yet: publishing its interim SKU would have the product mapper create it.
                // Nor is one whose own SKU claim is not counted yet: its claimants may still read "no duplicate".
                .filter((productId, product) -> product != null && !product.state().pending()
                        && product.state().claimsCounted(productId)
                        && product.state().version() == product.bom().version(), Named.as("product-resolution-known"))
                .mapValues((productId, product) -> ProductResolutions.of(productId, product.state(), product.bom().lines()),
                        Named.as("product-resolution-record"))
                .to(topics.productResolutions.name(), topics.productResolutions.produced().withName("product-resolution-sink"));
    }

    private record ProductWithBom(ProductState state, ProductBom bom) {
    }

    /** Each accepted product version's bill of materials. */
    private static KTable<String, ProductBom> billsOfMaterials(final KStream<String, IdentifiedProduct> identified) {
        return identified.mapValues(product -> ProductBom.of(product.product()), Named.as("products-bill-of-materials"))
                .toTable(Named.as("product-bom-table"), store(PRODUCT_BOM_STORE, new JsonSerde<>(ProductBom.class)));
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
                .filter((productId, identity) -> identity.claimsSku() || identity.claimsSkuInactive(), Named.as("products-live-with-sku"))
                // An inactive claimant travels as "!<id>" through the repartition topic, whose values were (and stay) ids.
                .groupBy((productId, identity) -> KeyValue.pair(identity.sku(), identity.claimsSku() ? productId : INACTIVE + productId),
                        Grouped.with("products-by-sku", Serdes.String(), Serdes.String()))
                .aggregate(() -> Claimants.NONE,
                        (sku, claimant, claimants) -> claimant.startsWith(INACTIVE)
                                ? claimants.withInactive(claimant.substring(INACTIVE.length())) : claimants.with(claimant),
                        (sku, claimant, claimants) -> claimants.without(claimant.startsWith(INACTIVE)
                                ? claimant.substring(INACTIVE.length()) : claimant),
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

    private static <V> Materialized<String, V, KeyValueStore<Bytes, byte[]>> store(final String storeName,
                                                                               final Serde<V> valueSerde) {
        return Materialized.<String, V, KeyValueStore<Bytes, byte[]>>as(storeName)
                .withKeySerde(Serdes.String()).withValueSerde(valueSerde);
    }
}
