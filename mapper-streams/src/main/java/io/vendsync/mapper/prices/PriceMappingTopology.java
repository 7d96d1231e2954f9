package io.vendsync.mapper.prices;

import io.vendsync.mapper.vend.ProductOutletTaxes;
import io.vendsync.mapper.vend.VendOutlet;
import io.vendsync.mapper.vend.VendOutletTax;
import io.vendsync.mapper.vend.VendPriceBook;
import io.vendsync.mapper.vend.VendPriceBookEntry;
import io.vendsync.mapper.vend.VendTax;
import io.vendsync.mapper.vend.VendRetailer;
import io.vendsync.mapper.MapperConfig;
import io.vendsync.mapper.MapperTopics;
import io.vendsync.mapper.MapperTopologies;
import io.vendsync.mapper.internals.ContextJoin;
import io.vendsync.mapper.internals.EmitOnChange;
import io.vendsync.mapper.internals.NeverLowerVersion;
import io.vendsync.mapper.internals.JsonSerde;
import io.vendsync.mapper.internals.RawTopicReader;
import io.vendsync.mapper.internals.RecordMapper;
import io.vendsync.mapper.vend.VendCustomerGroup;
import io.vendsync.mapper.vend.VendJsonParser;
import io.vendsync.mapper.vend.VendPriceBookParser;
import io.vendsync.mapper.vend.VendProduct;
import io.vendsync.mapper.vend.VendReferenceParser;
import io.vendsync.mapper.internals.VersionGate;
import io.vendsync.mapper.prices.internals.ContextChecks;
import io.vendsync.mapper.prices.internals.ContextEntry;
import io.vendsync.mapper.prices.internals.PriceCalculator;
import io.vendsync.mapper.prices.internals.PriceOutcome;
import io.vendsync.mapper.prices.internals.PriceRequirements;
import io.vendsync.mapper.prices.internals.PriceSettings;
import io.vendsync.mapper.prices.internals.PricedProduct;
import io.vendsync.mapper.prices.internals.PricingContext;
import io.vendsync.mapper.prices.internals.ProductBookPrices;
import io.vendsync.mapper.prices.internals.ProductPricing;
import io.vendsync.mapper.prices.internals.TaxCategoryCalculator;
import io.vendsync.mapper.prices.internals.TaxUsage;
import io.vendsync.mapper.prices.internals.TaxWithUsage;
import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.TaxCategory;
import io.vendsync.schemas.canonical.v1.VariantPrices;
import io.vendsync.schemas.mapping.OutletChannel;
import io.vendsync.schemas.mapping.ProductResolution;
import java.time.Duration;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Maps Vend prices, price books and taxes to {@code canonical.price.v1} (every price of a variant, keyed by SKU) and
 * {@code canonical.tax-category.v1} (keyed by tax category key), reporting problems on {@code errors.validation}. Runs as
 * its own Kafka Streams application (the mapper's application id + {@code -prices}), so it reads every topic it needs:
 * raw products, outlets, taxes, outlet_taxes, price_books, price_book_products, customer_groups and retailer, plus
 * {@code mapping.product-resolution} (the SKU each product resolved to) and {@code mapping.outlet-channel-resolved} (each
 * outlet's channel), both as the identity topology decided them.
 *
 * <ol>
 *   <li><b>Parse and gate.</b> Through the shared read model ({@code io.vendsync.mapper.vend}): a raw record the parser
 *       refuses is {@code PAYLOAD_INVALID} (with its payload; products and outlets are reported by the identity topology
 *       instead), as is one lacking what pricing needs ({@link PriceRequirements}: an outlet's currency, readable prices,
 *       a known platform); per Vend id only a higher version passes, so duplicates and late events change nothing.</li>
 *   <li><b>Pricing context.</b> Outlets, taxes, price books, customer groups, the retailer and the channel overrides are
 *       small: they are aggregated under one key into a {@link PricingContext}, published on the mapper's private
 *       {@code mapper.pricing-context} topic and read back by every task as a global table. A product or tax is priced
 *       against the context as that table holds it ({@link ContextJoin}). A re-check every {@link #CONTEXT_RECHECK}
 *       notices a context change (a tax rate, a book's validity, a new outlet); once the context has held still from one
 *       re-check to the next, every product and tax is priced again, once. A product whose context lacks a tax, book or
 *       customer group it refers to (or a tax the outlets it is used at) waits for it, for ten re-checks at most, instead
 *       of being published without it ({@link PriceCalculator#ready}, {@link TaxCategoryCalculator#ready}).</li>
 *   <li><b>Per product.</b> The product (by id) left-joins its SKU resolution, its outlet taxes (grouped by product id)
 *       and its price book entries (grouped by product id): table joins, so any of them arriving later re-prices it.</li>
 *   <li><b>Price.</b> {@link PriceCalculator} holds the rules (markets, amounts, scopes, conflicts, reports).</li>
 *   <li><b>Tax categories.</b> Each tax left-joins where it is used (outlet taxes grouped by tax id) and is priced
 *       against the context the same way; {@link TaxCategoryCalculator} gives the rates per country.</li>
 *   <li><b>Emit on change.</b> Outcomes are published only when they differ from the last one published for the key, so
 *       a context change publishes only the SKUs whose prices (or problems) changed, and a replay of the same inputs into
 *       a fresh application yields the same records.</li>
 * </ol>
 * A product's SKU change leaves its old SKU's last record on the compacted topic (the old variant is the product
 * mapper's concern); a deleted product publishes nothing.
 */
public final class PriceMappingTopology {

    /** The one key the pricing context is aggregated under (published under the application's id). */
    public static final String CONTEXT_KEY = "pricing-context";

    public static final String PRODUCT_VERSIONS_STORE = "prices-product-versions";
    public static final String OUTLET_VERSIONS_STORE = "prices-outlet-versions";
    public static final String TAX_VERSIONS_STORE = "prices-tax-versions";
    public static final String OUTLET_TAX_VERSIONS_STORE = "prices-outlet-tax-versions";
    public static final String PRICE_BOOK_VERSIONS_STORE = "prices-price-book-versions";
    public static final String PRICE_BOOK_PRODUCT_VERSIONS_STORE = "prices-price-book-product-versions";
    public static final String CUSTOMER_GROUP_VERSIONS_STORE = "prices-customer-group-versions";
    public static final String RETAILER_VERSIONS_STORE = "prices-retailer-versions";
    public static final String CONTEXT_STORE = "prices-context";
    /** The pricing context as every task reads it: the global table of {@code mapper.pricing-context}, as bytes. */
    public static final String CONTEXT_GLOBAL_STORE = "prices-context-global";
    /** How often a task looks whether the context changed (the global table triggers nothing). */
    public static final Duration CONTEXT_RECHECK = Duration.ofSeconds(1);
    /** How often a pass under way re-prices its next slice of rows, and for how long ({@link ContextJoin}). */
    public static final Duration CONTEXT_SLICE = Duration.ofMillis(100);
    /** The context the task's products were last priced under ({@link ContextJoin}). */
    public static final String PRODUCTS_PRICED_UNDER_STORE = "prices-product-context-priced";
    /** The context the task's taxes were last priced under ({@link ContextJoin}). */
    public static final String TAXES_PRICED_UNDER_STORE = "prices-tax-context-priced";
    public static final String PRODUCTS_STORE = "prices-products";
    public static final String RESOLUTIONS_STORE = "prices-product-resolutions";
    public static final String OUTLET_TAXES_STORE = "prices-outlet-taxes";
    public static final String PRODUCT_TAXES_STORE = "prices-product-taxes";
    public static final String TAX_USAGE_STORE = "prices-tax-usage";
    public static final String BOOK_ENTRIES_STORE = "prices-price-book-entries";
    public static final String PRODUCT_BOOK_PRICES_STORE = "prices-product-book-prices";
    public static final String PRODUCT_RESOLVED_STORE = "prices-product-with-resolution";
    public static final String PRODUCT_WITH_TAXES_STORE = "prices-product-with-taxes";
    public static final String PRODUCT_PRICING_STORE = "prices-product-pricing";
    public static final String TAXES_STORE = "prices-taxes";
    public static final String TAX_WITH_USAGE_STORE = "prices-tax-with-usage";
    public static final String PRICES_EMITTED_STORE = "prices-emitted";
    public static final String TAX_CATEGORIES_EMITTED_STORE = "prices-tax-categories-emitted";
    /** The source version last published per tax category key ({@link NeverLowerVersion}). */
    public static final String TAX_CATEGORIES_PUBLISHED_VERSIONS_STORE = "prices-tax-categories-published-versions";
    public static final String CONTEXT_CHECKS_EMITTED_STORE = "prices-context-checks-emitted";

    /**
     * Idling on: the price mapper then reads its reference topics in timestamp order, so a fresh start meets the store's
     * whole pricing context before its products. With idling off, as the other topologies run, they were read in fetch
     * order, and a context that held still for a second without its taxes had every product report PRICE_MISSING
     * (measured: 20,004-26,620 errors in four catalog runs, none in two with idling on). {@code kafka.client.max.task.idle.ms}
     * overrides it.
     */
    public static final Map<String, Object> STREAMS_DEFAULTS = Map.of(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 0L);

    /** The context as its store and its topic hold it (JSON with sorted maps, so equal contexts are equal bytes). */
    private static final Serde<PricingContext> CONTEXT_SERDE = new JsonSerde<>(PricingContext.class);

    private PriceMappingTopology() {
    }

    /** Adds the price mapper's topology to {@code builder}. */
    public static void build(final StreamsBuilder builder, final Topics topics, final MapperConfig config) {
        final PriceSettings settings = PriceSettings.of(config, topics);

        final KStream<String, VendOutlet> outlets = gated(builder, topics, "outlets", VendJsonParser::outlet,
                PriceRequirements::outlet, OUTLET_VERSIONS_STORE, VendOutlet::version);
        final KStream<String, VendTax> taxes = gated(builder, topics, "taxes", VendReferenceParser::tax, RawTopicReader.nothingMore(),
                TAX_VERSIONS_STORE, VendTax::version);
        final KStream<String, VendPriceBook> books = gated(builder, topics, "price_books", VendPriceBookParser::priceBook,
                PriceRequirements::priceBook, PRICE_BOOK_VERSIONS_STORE, VendPriceBook::version);
        final KStream<String, VendCustomerGroup> groups = gated(builder, topics, "customer_groups",
                VendReferenceParser::customerGroup, RawTopicReader.nothingMore(), CUSTOMER_GROUP_VERSIONS_STORE, VendCustomerGroup::version);
        final KStream<String, VendRetailer> retailer = gated(builder, topics, "retailer", VendReferenceParser::retailer,
                RawTopicReader.nothingMore(), RETAILER_VERSIONS_STORE, VendRetailer::version);
        final KStream<String, PricingContext> contextChanges = context(builder, topics, outlets, taxes, books, groups, retailer)
                .toStream(Named.as("prices-context-changes"));
        final Topic<String, byte[]> contextTopic = MapperTopics.of(topics).pricingContext;
        // Keyed by the application: another price mapper on the same topics (a fresh application id) keeps its own context.
        final String contextKey = MapperTopologies.applicationId(config, MapperTopologies.PRICES);
        contextChanges.selectKey((key, context) -> contextKey, Named.as("prices-context-application-key"))
                .to(contextTopic.name(), Produced.with(Serdes.String(), CONTEXT_SERDE).withName("prices-context-sink"));
        builder.globalTable(contextTopic.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("prices-context-global-source"),
                store(CONTEXT_GLOBAL_STORE, Serdes.ByteArray()));

        final KTable<String, VendOutletTax> outletTaxes = gated(builder, topics, "outlet_taxes", VendReferenceParser::outletTax,
                RawTopicReader.nothingMore(), OUTLET_TAX_VERSIONS_STORE, VendOutletTax::version)
                // Deleted ones stay (flagged): their version counts in the product's source version.
                .toTable(Named.as("prices-outlet-taxes-table"), store(OUTLET_TAXES_STORE, new JsonSerde<>(VendOutletTax.class)));

        publishPrices(builder, topics, settings, contextKey, outletTaxes);
        publishTaxCategories(topics, settings, contextKey, taxes, outletTaxes);
        publishContextChecks(topics, settings, contextChanges);
    }

    /** Where {@link ContextJoin} finds the rows of {@code rowsStore} and the context, and keeps what it last priced under. */
    private static ContextJoin.StoreNames contextPricing(final Topics topics, final String contextKey, final String rowsStore,
                                                            final String pricedUnderStore) {
        return new ContextJoin.StoreNames(rowsStore, CONTEXT_GLOBAL_STORE, MapperTopics.of(topics).pricingContext.name(), contextKey,
                pricedUnderStore);
    }

    private static KTable<String, PricingContext> context(final StreamsBuilder builder, final Topics topics,
                                                          final KStream<String, VendOutlet> outlets,
                                                          final KStream<String, VendTax> taxes,
                                                          final KStream<String, VendPriceBook> books,
                                                          final KStream<String, VendCustomerGroup> groups,
                                                          final KStream<String, VendRetailer> retailer) {
        // Each outlet's channel as the identity topology resolved it (explicit override or derived), never re-derived here.
        final Topic<String, OutletChannel> resolved = topics.outletChannels;
        final KStream<String, ContextEntry> channelOverrides = builder.stream(resolved.name(),
                        resolved.consumed().withName("prices-outlet-channel-resolved-source"))
                .map((outletId, channel) -> KeyValue.pair(outletId, ContextEntry.channelOverride(outletId,
                                channel == null ? null : channel.getChannelKey())),
                        Named.as("prices-outlet-channel-resolved-entry"));
        return outlets.mapValues((id, outlet) -> ContextEntry.outlet(id, outlet), Named.as("prices-outlets-entry"))
                .merge(taxes.mapValues((id, tax) -> ContextEntry.tax(id, tax), Named.as("prices-taxes-entry")),
                        Named.as("prices-context-merge-taxes"))
                .merge(books.mapValues((id, book) -> ContextEntry.book(id, book), Named.as("prices-price-books-entry")),
                        Named.as("prices-context-merge-price-books"))
                .merge(groups.mapValues((id, group) -> ContextEntry.group(id, group), Named.as("prices-customer-groups-entry")),
                        Named.as("prices-context-merge-customer-groups"))
                .merge(retailer.mapValues(ContextEntry::retailer, Named.as("prices-retailer-entry")),
                        Named.as("prices-context-merge-retailer"))
                .merge(channelOverrides, Named.as("prices-context-merge-channel-overrides"))
                .selectKey((id, entry) -> CONTEXT_KEY, Named.as("prices-context-key"))
                .groupByKey(Grouped.with("prices-context-entries", Serdes.String(), new JsonSerde<>(ContextEntry.class)))
                .aggregate(() -> PricingContext.EMPTY, (key, entry, current) -> current.with(entry),
                        Named.as("prices-context-aggregate"), store(CONTEXT_STORE, CONTEXT_SERDE));
    }

    private static void publishPrices(final StreamsBuilder builder, final Topics topics, final PriceSettings settings,
                                      final String contextKey, final KTable<String, VendOutletTax> outletTaxes) {
        final KTable<String, PricedProduct> products = gated(builder, topics, "products", VendJsonParser::product,
                PriceRequirements::product, PRODUCT_VERSIONS_STORE, VendProduct::version)
                .mapValues(PricedProduct::of, Named.as("prices-products-priced"))
                .mapValues(product -> product.deleted() ? null : product, Named.as("prices-products-drop-deleted"))
                .toTable(Named.as("prices-products-table"), store(PRODUCTS_STORE, new JsonSerde<>(PricedProduct.class)));
        final Topic<String, ProductResolution> resolutionTopic = topics.productResolutions;
        final KTable<String, ProductResolution> resolutions = builder.table(resolutionTopic.name(),
                resolutionTopic.consumed().withName("prices-product-resolutions-source"),
                store(RESOLUTIONS_STORE, resolutionTopic.valueSerde()));

        final KTable<String, ProductOutletTaxes> productTaxes = outletTaxes
                .groupBy((key, tax) -> KeyValue.pair(tax.productId(), tax),
                        Grouped.with("prices-outlet-taxes-by-product", Serdes.String(), new JsonSerde<>(VendOutletTax.class)))
                .aggregate(() -> ProductOutletTaxes.NONE, (productId, tax, taxesOf) -> taxesOf.with(tax),
                        (productId, tax, taxesOf) -> taxesOf.without(tax), Named.as("prices-product-taxes-aggregate"),
                        store(PRODUCT_TAXES_STORE, new JsonSerde<>(ProductOutletTaxes.class)));
        final KTable<String, ProductBookPrices> bookPrices = gated(builder, topics, "price_book_products",
                VendPriceBookParser::priceBookEntry, RawTopicReader.nothingMore(), PRICE_BOOK_PRODUCT_VERSIONS_STORE, VendPriceBookEntry::version)
                .toTable(Named.as("prices-price-book-entries-table"), store(BOOK_ENTRIES_STORE, new JsonSerde<>(VendPriceBookEntry.class)))
                .groupBy((entryId, entry) -> KeyValue.pair(entry.productId(), entry),
                        Grouped.with("prices-price-book-entries-by-product", Serdes.String(), new JsonSerde<>(VendPriceBookEntry.class)))
                .aggregate(() -> ProductBookPrices.NONE, (productId, entry, prices) -> prices.with(entry),
                        (productId, entry, prices) -> prices.without(entry), Named.as("prices-product-book-prices-aggregate"),
                        store(PRODUCT_BOOK_PRICES_STORE, new JsonSerde<>(ProductBookPrices.class)));

        final KTable<String, ProductPricing> pricing = products
                .leftJoin(resolutions, (product, resolution) -> new ProductPricing(product, ProductPricing.ResolvedSku.of(resolution),
                                ProductOutletTaxes.NONE, ProductBookPrices.NONE), Named.as("prices-product-resolution-join"),
                        store(PRODUCT_RESOLVED_STORE, new JsonSerde<>(ProductPricing.class)))
                .leftJoin(productTaxes, ProductPricing::withTaxes, Named.as("prices-product-taxes-join"),
                        store(PRODUCT_WITH_TAXES_STORE, new JsonSerde<>(ProductPricing.class)))
                .leftJoin(bookPrices, ProductPricing::withBookPrices, Named.as("prices-product-book-prices-join"),
                        store(PRODUCT_PRICING_STORE, new JsonSerde<>(ProductPricing.class)));

        final PriceCalculator calculator = new PriceCalculator(settings);
        final KStream<String, PriceOutcome<VariantPrices>> outcomes = pricing
                .toStream(Named.as("prices-product-changes"))
                .process(new ContextJoin<ProductPricing, PricingContext, PriceOutcome<VariantPrices>>(contextPricing(topics, contextKey,
                                PRODUCT_PRICING_STORE, PRODUCTS_PRICED_UNDER_STORE), ContextJoin.Mode.INNER, CONTEXT_RECHECK,
                                CONTEXT_SLICE, CONTEXT_SLICE, CONTEXT_SERDE.deserializer(),
                                (productId, product, context, timestampMs) -> calculator.price(product, context, 0L), calculator::ready),
                        Named.as("prices-product-price"), PRODUCT_PRICING_STORE)
                .processValues(new RecordMapper<PriceOutcome<VariantPrices>, PriceOutcome<VariantPrices>>(
                        (productId, outcome, timestampMs) -> outcome.detectedAt(timestampMs)), Named.as("prices-product-detected-at"))
                .processValues(new EmitOnChange<PriceOutcome<VariantPrices>>(PRICES_EMITTED_STORE, PriceOutcome::fingerprint),
                        Named.as("prices-product-emit-on-change"));
        outcomes.filter((productId, outcome) -> outcome.record() != null, Named.as("prices-product-priced"))
                .map((productId, outcome) -> KeyValue.pair(outcome.key(), outcome.record()), Named.as("prices-sku-key"))
                .to(topics.canonicalPrices.name(), topics.canonicalPrices.produced().withName("prices-canonical-sink"));
        errors(outcomes, topics, "prices-product");
    }

    private static void publishTaxCategories(final Topics topics, final PriceSettings settings, final String contextKey,
                                             final KStream<String, VendTax> taxes,
                                             final KTable<String, VendOutletTax> outletTaxes) {
        final KTable<String, TaxUsage> usage = outletTaxes
                .filter((key, tax) -> !tax.deleted(), Named.as("prices-outlet-taxes-live"))
                .groupBy((key, tax) -> KeyValue.pair(tax.taxId(), tax.outletId()),
                        Grouped.with("prices-outlet-taxes-by-tax", Serdes.String(), Serdes.String()))
                .aggregate(() -> TaxUsage.NONE, (taxId, outletId, used) -> used.plus(outletId),
                        (taxId, outletId, used) -> used.minus(outletId), Named.as("prices-tax-usage-aggregate"),
                        store(TAX_USAGE_STORE, new JsonSerde<>(TaxUsage.class)));
        final TaxCategoryCalculator calculator = new TaxCategoryCalculator(settings);
        final KStream<String, PriceOutcome<TaxCategory>> outcomes = taxes
                // Deleted taxes stay in this table: their category is published with deleted=true.
                .toTable(Named.as("prices-taxes-table"), store(TAXES_STORE, new JsonSerde<>(VendTax.class)))
                .leftJoin(usage, TaxWithUsage::new, Named.as("prices-tax-usage-join"),
                        store(TAX_WITH_USAGE_STORE, new JsonSerde<>(TaxWithUsage.class)))
                .toStream(Named.as("prices-tax-changes"))
                .process(new ContextJoin<TaxWithUsage, PricingContext, PriceOutcome<TaxCategory>>(contextPricing(topics, contextKey,
                                TAX_WITH_USAGE_STORE, TAXES_PRICED_UNDER_STORE), ContextJoin.Mode.INNER, CONTEXT_RECHECK,
                                CONTEXT_SLICE, CONTEXT_SLICE, CONTEXT_SERDE.deserializer(),
                                (taxId, tax, context, timestampMs) -> calculator.taxCategory(tax.tax().id(), tax, context, 0L),
                                calculator::ready),
                        Named.as("prices-tax-price"), TAX_WITH_USAGE_STORE)
                .processValues(new RecordMapper<PriceOutcome<TaxCategory>, PriceOutcome<TaxCategory>>(
                        (taxId, outcome, timestampMs) -> outcome.detectedAt(timestampMs)), Named.as("prices-tax-detected-at"))
                .processValues(new EmitOnChange<PriceOutcome<TaxCategory>>(TAX_CATEGORIES_EMITTED_STORE, PriceOutcome::fingerprint),
                        Named.as("prices-tax-emit-on-change"));
        outcomes.filter((taxId, outcome) -> outcome.record() != null, Named.as("prices-tax-category-known"))
                .map((taxId, outcome) -> KeyValue.pair(outcome.key(), outcome.record()), Named.as("prices-tax-category-key"))
                // A category's version goes down when an outlet stops using the tax: the sink would skip that as stale.
                .processValues(new NeverLowerVersion<TaxCategory>(TAX_CATEGORIES_PUBLISHED_VERSIONS_STORE, TaxCategory::getSourceVersion,
                        (category, version) -> TaxCategory.newBuilder(category).setSourceVersion(version).build()),
                        Named.as("prices-tax-category-never-lower-version"))
                .to(topics.canonicalTaxCategories.name(), topics.canonicalTaxCategories.produced().withName("prices-tax-category-sink"));
        errors(outcomes, topics, "prices-tax");
    }

    private static void publishContextChecks(final Topics topics, final PriceSettings settings,
                                              final KStream<String, PricingContext> contextChanges) {
        final ContextChecks checks = new ContextChecks(settings);
        final KStream<String, PriceOutcome<Void>> outcomes = contextChanges
                .filter((key, value) -> value != null, Named.as("prices-context-present"))
                .processValues(new RecordMapper<PricingContext, PriceOutcome<Void>>((key, value, timestampMs) ->
                        checks.check(value, timestampMs)), Named.as("prices-context-check"))
                .processValues(new EmitOnChange<PriceOutcome<Void>>(CONTEXT_CHECKS_EMITTED_STORE, PriceOutcome::fingerprint),
                        Named.as("prices-context-emit-on-change"));
        errors(outcomes, topics, "prices-context");
    }

    /** Each outcome's problems, keyed by the source key they name. */
    private static <R> void errors(final KStream<String, PriceOutcome<R>> outcomes, final Topics topics, final String name) {
        outcomes.flatMap((key, outcome) -> outcome.errors().stream()
                        .map(error -> KeyValue.pair(error.getSourceKey() == null ? key : error.getSourceKey(), error)).toList(),
                        Named.as(name + "-errors"))
                .to(topics.validationErrors.name(), topics.validationErrors.produced().withName(name + "-errors-sink"));
    }

    /**
     * Reads a raw topic, reports what cannot be read (or lacks what pricing needs), and lets only versions higher than any
     * seen per id through. Products and outlets are reported by the identity topology when their parser refuses them.
     */
    private static <T> KStream<String, T> gated(final StreamsBuilder builder, final Topics topics, final String entity,
                                                final RawTopicReader.Parser<T> parser, final RawTopicReader.Requirement<T> needs,
                                                final String versionStore, final ToLongFunction<T> version) {
        final String name = "prices-" + entity;
        final KStream<String, T> read = "products".equals(entity) || "outlets".equals(entity)
                ? RawTopicReader.readReportedElsewhere(builder, topics, topics.raw(entity), entity, name, parser, needs)
                : RawTopicReader.read(builder, topics, topics.raw(entity), entity, name, parser, needs);
        return read.processValues(new VersionGate<T>(versionStore, version), Named.as(name + "-version-gate"));
    }

    private static <V> Materialized<String, V, KeyValueStore<Bytes, byte[]>> store(final String storeName, final Serde<V> valueSerde) {
        return Materialized.<String, V, KeyValueStore<Bytes, byte[]>>as(storeName)
                .withKeySerde(Serdes.String()).withValueSerde(valueSerde);
    }
}
