package io.vendsync.mapper.products;

import io.vendsync.mapper.vend.ProductOutletTaxes;
import io.vendsync.mapper.MapperConfig;
import io.vendsync.mapper.MapperTopics;
import io.vendsync.mapper.MapperTopologies;
import io.vendsync.mapper.identity.Skus;
import io.vendsync.mapper.internals.JsonSerde;
import io.vendsync.mapper.internals.RawTopicReader;
import io.vendsync.mapper.internals.ContextJoin;
import io.vendsync.mapper.internals.NeverLowerVersion;
import io.vendsync.schemas.canonical.v1.Product;
import io.vendsync.mapper.vend.VendJsonParser;
import io.vendsync.mapper.vend.VendOutlet;
import io.vendsync.mapper.vend.VendOutletTax;
import io.vendsync.mapper.vend.VendReferenceParser;
import io.vendsync.mapper.vend.VendTax;
import io.vendsync.mapper.internals.VersionGate;
import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.mapping.CommercetoolsVariant;
import io.vendsync.schemas.mapping.ProductResolution;
import io.vendsync.schemas.raw.VendChange;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TableJoined;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Maps Vend variant families to the commercetools products they should be ({@code canonical.product.v1}, keyed by
 * product key). Runs as its own Kafka Streams application ({@code <application.id>-products}), so it sources
 * {@code raw.vend.products} itself.
 *
 * <ol>
 *   <li><b>Members.</b> Raw products pass a version gate and become {@link FamilyMember}s (family = variant_parent_id,
 *       else the product's own id). A record the shared parser refuses is reported by the identity topology
 *       ({@code PAYLOAD_INVALID}) and skipped here; one only the family fields make unreadable is reported here.</li>
 *   <li><b>Resolution and catalog.</b> Each member is joined with its {@code mapping.product-resolution} (same key) and,
 *       by foreign key on the resolved SKU, with {@code mapping.commercetools-variants}: the commercetools product and
 *       variant it lives in, if any.</li>
 *   <li><b>Families.</b> Members are grouped by family id (a KTable aggregate with subtractor, so a member that moves
 *       family or changes leaves its old state).</li>
 *   <li><b>Tax.</b> {@code raw.vend.outlet_taxes} are gathered per product and joined to the family of the same id (the
 *       parent). The live outlets ({@code raw.vend.outlets}, for their {@code default_tax_id}) and the store's default tax
 *       are gathered under one key, published on the mapper's private {@code mapper.live-outlets} topic and read back by
 *       every task as a global table; each family is decided against them as that table holds them ({@link ContextJoin},
 *       a left join). A re-check every {@link #OUTLETS_RECHECK} notices a change; once the outlets have held still from
 *       one re-check to the next, every family of the task is decided again, once.</li>
 *   <li><b>Decide.</b> {@link FamilyDecider} makes the product record and the errors ({@code FAMILY_SPLIT},
 *       {@code VARIANT_OPTIONS_DUPLICATE}, {@code TAX_AMBIGUOUS}, {@code SKU_MISSING}).</li>
 * </ol>
 * All joins are table joins, so a family is decided again whenever a member, its resolution, the catalog variant of a
 * member or the parent's outlet taxes change, and within about two seconds of the outlets changing; equal inputs give an
 * equal record.
 */
public final class ProductMappingTopology {

    public static final String PRODUCT_VERSIONS_STORE = "family-product-versions";
    public static final String MEMBERS_STORE = "family-members";
    public static final String RESOLUTIONS_STORE = "family-resolutions";
    public static final String CATALOG_VARIANTS_STORE = "family-catalog-variants";
    public static final String MEMBER_RESOLVED_STORE = "family-member-resolved";
    public static final String MEMBER_MATCHED_STORE = "family-member-matched";
    public static final String FAMILIES_STORE = "families";
    public static final String OUTLET_TAX_VERSIONS_STORE = "family-outlet-tax-versions";
    public static final String OUTLET_TAXES_STORE = "family-outlet-taxes";
    public static final String PRODUCT_OUTLET_TAXES_STORE = "family-product-outlet-taxes";
    public static final String OUTLET_VERSIONS_STORE = "family-outlet-versions";
    public static final String OUTLETS_STORE = "family-outlets";
    public static final String LIVE_OUTLETS_STORE = "family-live-outlets";
    public static final String TAX_VERSIONS_STORE = "family-tax-versions";
    public static final String TAXES_STORE = "family-taxes";
    public static final String STORE_TAXES_STORE = "family-store-taxes";
    public static final String OUTLETS_WITH_TAXES_STORE = "family-outlets-with-default-tax";
    public static final String FAMILY_TAXES_STORE = "family-with-taxes";
    /** The live outlets as every task reads them: the global table of {@code mapper.live-outlets}, as bytes. */
    public static final String LIVE_OUTLETS_GLOBAL_STORE = "family-live-outlets-global";
    /** The live outlets the task's families were last decided under ({@link ContextJoin}). */
    public static final String FAMILIES_DECIDED_UNDER_STORE = "family-outlets-decided-under";
    /** The source version last published per family ({@link NeverLowerVersion}). */
    public static final String PRODUCTS_PUBLISHED_VERSIONS_STORE = "family-published-versions";
    /** How often a task looks whether the live outlets changed (the global table triggers nothing). */
    public static final Duration OUTLETS_RECHECK = Duration.ofSeconds(1);
    /** How often a pass under way decides its next slice of families, and for how long ({@link ContextJoin}). */
    public static final Duration OUTLETS_SLICE = Duration.ofMillis(100);

    /** The one key the live outlets are gathered under. */
    static final String ALL_OUTLETS = "outlets";
    /** The live outlets as their store and their topic hold them (JSON with sorted maps, so equal outlets are equal bytes). */
    private static final Serde<LiveOutlets> LIVE_OUTLETS_SERDE = new JsonSerde<>(LiveOutlets.class);

    private ProductMappingTopology() {
    }

    /** Adds the product mapper's topology to {@code builder}. */
    public static void build(final StreamsBuilder builder, final Topics topics, final MapperConfig config) {
        final Skus skus = new Skus(config.skuCase());
        final KTable<String, MemberState> members = members(builder, topics, skus);
        final KTable<String, Family> families = members
                .groupBy((productId, state) -> KeyValue.pair(state.member().familyId(), state),
                        Grouped.with("family-members-by-family", Serdes.String(), new JsonSerde<>(MemberState.class)))
                .aggregate(() -> Family.EMPTY,
                        (familyId, state, family) -> family.with(state),
                        (familyId, state, family) -> family.without(state.member().productId()),
                        Named.as("families-aggregate"),
                        store(FAMILIES_STORE, new JsonSerde<>(Family.class)));

        // The live outlets are few: published under one key on the mapper's private topic and read back by every task as a
        // global table, which each family is decided against (ContextJoin) instead of a foreign-key join on one constant key.
        final Topic<String, byte[]> outletsTopic = MapperTopics.of(topics).liveOutlets;
        // Keyed by the application: another product mapper on the same topics (a fresh application id) keeps its own outlets.
        final String outletsKey = MapperTopologies.applicationId(config, MapperTopologies.PRODUCTS);
        liveOutlets(builder, topics)
                .leftJoin(storeTaxes(builder, topics),
                        (outlets, taxes) -> outlets.withStoreDefaultTax(taxes == null ? null : taxes.defaultTaxId()),
                        Named.as("family-outlets-default-tax-join"), store(OUTLETS_WITH_TAXES_STORE, LIVE_OUTLETS_SERDE))
                .toStream(Named.as("family-live-outlets-changes"))
                .selectKey((key, outlets) -> outletsKey, Named.as("family-live-outlets-application-key"))
                .to(outletsTopic.name(), Produced.with(Serdes.String(), LIVE_OUTLETS_SERDE).withName("family-live-outlets-sink"));
        builder.globalTable(outletsTopic.name(), Consumed.with(Serdes.String(), Serdes.ByteArray())
                .withName("family-live-outlets-global-source"), store(LIVE_OUTLETS_GLOBAL_STORE, Serdes.ByteArray()));

        final FamilyDecider decider = new FamilyDecider(config.productKeyPrefix(), config.variantKeyPrefix(),
                config.taxCategoryKeyPrefix(), config.catalogMatchPolicy(), topics.rawProducts.name());
        final KStream<String, FamilyOutcome> outcomes = families
                .leftJoin(productOutletTaxes(builder, topics), (family, taxes) -> new FamilyInput(family, taxes, null),
                        Named.as("family-parent-taxes-join"), store(FAMILY_TAXES_STORE, new JsonSerde<>(FamilyInput.class)))
                .toStream(Named.as("family-inputs-changes"))
                // A left join: a family is decided without outlets when none came within ten re-checks, and again when they do.
                .process(new ContextJoin<FamilyInput, LiveOutlets, FamilyOutcome>(new ContextJoin.StoreNames(FAMILY_TAXES_STORE,
                                LIVE_OUTLETS_GLOBAL_STORE, outletsTopic.name(), outletsKey, FAMILIES_DECIDED_UNDER_STORE),
                                ContextJoin.Mode.LEFT, OUTLETS_RECHECK, OUTLETS_SLICE, OUTLETS_SLICE, LIVE_OUTLETS_SERDE.deserializer(),
                                (familyId, input, outlets, timestampMs) -> decider.decide(familyId, input.withOutlets(outlets), timestampMs)),
                        Named.as("family-decide"), FAMILY_TAXES_STORE);
        outcomes.filter((familyId, outcome) -> outcome.product() != null, Named.as("family-published"))
                .mapValues(FamilyOutcome::product, Named.as("family-product"))
                // A family's version goes down when an outlet or a member leaves it: the sink would skip that as stale.
                // Per family, not per product key: two families matched to one commercetools product keep their own.
                .processValues(new NeverLowerVersion<Product>(PRODUCTS_PUBLISHED_VERSIONS_STORE, Product::getSourceVersion,
                        (product, version) -> Product.newBuilder(product).setSourceVersion(version).build()),
                        Named.as("family-never-lower-version"))
                .map((familyId, product) -> KeyValue.pair(product.getProductKey(), product), Named.as("family-product-key"))
                .to(topics.canonicalProducts.name(), topics.canonicalProducts.produced().withName("canonical-product-sink"));
        outcomes.flatMapValues(FamilyOutcome::errors, Named.as("family-errors"))
                .selectKey((familyId, error) -> error.getSourceKey(), Named.as("family-error-key"))
                .to(topics.validationErrors.name(), topics.validationErrors.produced().withName("family-errors-sink"));
    }

    /** Members by product id, each with its resolution and the commercetools variant of its resolved SKU. */
    private static KTable<String, MemberState> members(final StreamsBuilder builder, final Topics topics, final Skus skus) {
        final Topic<String, VendChange> raw = topics.rawProducts;
        // What the parser refuses, the identity topology reports; only family fields that cannot be read are reported here.
        final KTable<String, FamilyMember> members = RawTopicReader.readReportedElsewhere(builder, topics, raw, "products",
                        "family-products", VendJsonParser::product, product -> product.require("variant_options", "active"))
                .mapValues(product -> FamilyMember.of(product, skus), Named.as("family-products-member"))
                .processValues(new VersionGate<FamilyMember>(PRODUCT_VERSIONS_STORE, FamilyMember::version),
                        Named.as("family-products-version-gate"))
                .toTable(Named.as("family-members-table"), store(MEMBERS_STORE, new JsonSerde<>(FamilyMember.class)));

        final Topic<String, ProductResolution> resolutionTopic = topics.productResolutions;
        final KTable<String, ProductResolution> resolutions = builder.table(resolutionTopic.name(),
                resolutionTopic.consumed().withName("family-resolutions-source"),
                store(RESOLUTIONS_STORE, resolutionTopic.valueSerde()));
        final Topic<String, CommercetoolsVariant> catalogTopic = topics.commercetoolsVariants;
        final KTable<String, CommercetoolsVariant> catalog = builder.table(catalogTopic.name(),
                catalogTopic.consumed().withName("family-catalog-variants-source"),
                store(CATALOG_VARIANTS_STORE, catalogTopic.valueSerde()));

        return members
                .leftJoin(resolutions, (member, resolution) -> new MemberState(member, Resolution.of(resolution), null),
                        Named.as("family-member-resolution-join"),
                        store(MEMBER_RESOLVED_STORE, new JsonSerde<>(MemberState.class)))
                // A null SKU (none resolved yet) joins nothing and passes with no catalog variant.
                .leftJoin(catalog, MemberState::resolvedSku, (state, variant) -> state.withCatalog(CatalogMatch.of(variant)),
                        TableJoined.as("family-member-catalog-join"),
                        store(MEMBER_MATCHED_STORE, new JsonSerde<>(MemberState.class)));
    }

    /** The live outlet taxes of each product, by product id. */
    private static KTable<String, ProductOutletTaxes> productOutletTaxes(final StreamsBuilder builder, final Topics topics) {
        // The price mapper reports unreadable outlet taxes.
        return RawTopicReader.readReportedElsewhere(builder, topics, topics.raw("outlet_taxes"), "outlet_taxes",
                        "family-outlet-taxes", VendReferenceParser::outletTax, RawTopicReader.nothingMore())
                .processValues(new VersionGate<VendOutletTax>(OUTLET_TAX_VERSIONS_STORE, VendOutletTax::version),
                        Named.as("family-outlet-taxes-version-gate"))
                .mapValues(tax -> tax.deleted() ? null : tax, Named.as("family-outlet-taxes-live"))
                .toTable(Named.as("family-outlet-taxes-table"), store(OUTLET_TAXES_STORE, new JsonSerde<>(VendOutletTax.class)))
                .groupBy((key, tax) -> KeyValue.pair(tax.productId(), tax),
                        Grouped.with("family-outlet-taxes-by-product", Serdes.String(), new JsonSerde<>(VendOutletTax.class)))
                .aggregate(() -> ProductOutletTaxes.NONE,
                        (productId, tax, taxes) -> taxes.with(tax),
                        (productId, tax, taxes) -> taxes.without(tax),
                        Named.as("family-product-outlet-taxes-aggregate"),
                        store(PRODUCT_OUTLET_TAXES_STORE, new JsonSerde<>(ProductOutletTaxes.class)));
    }

    /** Every live outlet under the single key {@value #ALL_OUTLETS}. */
    private static KTable<String, LiveOutlets> liveOutlets(final StreamsBuilder builder, final Topics topics) {
        // The identity topology reports unreadable outlets.
        return RawTopicReader.readReportedElsewhere(builder, topics, topics.rawOutlets, "outlets", "family-outlets",
                        VendJsonParser::outlet, RawTopicReader.nothingMore())
                .processValues(new VersionGate<VendOutlet>(OUTLET_VERSIONS_STORE, VendOutlet::version),
                        Named.as("family-outlets-version-gate"))
                .mapValues(outlet -> outlet.deleted() ? null : outlet, Named.as("family-outlets-live"))
                .toTable(Named.as("family-outlets-table"), store(OUTLETS_STORE, new JsonSerde<>(VendOutlet.class)))
                .groupBy((outletId, outlet) -> KeyValue.pair(ALL_OUTLETS, outlet),
                        Grouped.with("family-outlets-all", Serdes.String(), new JsonSerde<>(VendOutlet.class)))
                .aggregate(() -> LiveOutlets.NONE,
                        (key, outlet, live) -> live.with(outlet),
                        (key, outlet, live) -> live.without(outlet.id()),
                        Named.as("family-live-outlets-aggregate"),
                        store(LIVE_OUTLETS_STORE, LIVE_OUTLETS_SERDE));
    }

    /** The store's live taxes under the single key {@value #ALL_OUTLETS}, for its default tax. */
    private static KTable<String, StoreTaxes> storeTaxes(final StreamsBuilder builder, final Topics topics) {
        // The price mapper reports unreadable taxes.
        return RawTopicReader.readReportedElsewhere(builder, topics, topics.raw("taxes"), "taxes", "family-taxes",
                        VendReferenceParser::tax, RawTopicReader.nothingMore())
                .processValues(new VersionGate<VendTax>(TAX_VERSIONS_STORE, VendTax::version), Named.as("family-taxes-version-gate"))
                .mapValues(tax -> tax.deleted() ? null : tax, Named.as("family-taxes-live"))
                .toTable(Named.as("family-taxes-table"), store(TAXES_STORE, new JsonSerde<>(VendTax.class)))
                .groupBy((taxId, tax) -> KeyValue.pair(ALL_OUTLETS, tax),
                        Grouped.with("family-taxes-all", Serdes.String(), new JsonSerde<>(VendTax.class)))
                .aggregate(() -> StoreTaxes.NONE,
                        (key, tax, taxes) -> taxes.with(tax),
                        (key, tax, taxes) -> taxes.without(tax.id()),
                        Named.as("family-store-taxes-aggregate"),
                        store(STORE_TAXES_STORE, new JsonSerde<>(StoreTaxes.class)));
    }

    private static <V> Materialized<String, V, KeyValueStore<Bytes, byte[]>> store(final String storeName,
                                                                               final Serde<V> valueSerde) {
        return Materialized.<String, V, KeyValueStore<Bytes, byte[]>>as(storeName)
                .withKeySerde(Serdes.String()).withValueSerde(valueSerde);
    }
}
