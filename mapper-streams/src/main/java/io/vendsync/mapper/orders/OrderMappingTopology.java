package io.vendsync.mapper.orders;

import io.vendsync.mapper.vend.VendOutlet;
import io.vendsync.mapper.vend.VendRegister;
import io.vendsync.mapper.vend.VendPaymentType;
import io.vendsync.mapper.vend.VendTax;
import io.vendsync.mapper.vend.VendRetailer;
import io.vendsync.mapper.vend.VendSale;
import io.vendsync.mapper.MapperConfig;
import io.vendsync.mapper.internals.EmitOnChange;
import io.vendsync.mapper.internals.JsonSerde;
import io.vendsync.mapper.internals.RawTopicReader;
import io.vendsync.mapper.internals.RecordMapper;
import io.vendsync.mapper.vend.VendJsonParser;
import io.vendsync.mapper.vend.VendReferenceParser;
import io.vendsync.mapper.vend.VendSaleParser;
import io.vendsync.mapper.internals.VersionGate;
import io.vendsync.mapper.orders.internals.BuyerOwner;
import io.vendsync.mapper.orders.internals.BuyerOwners;
import io.vendsync.mapper.orders.internals.ExchangeSplit;
import io.vendsync.mapper.orders.internals.OrderBuilder;
import io.vendsync.mapper.orders.internals.OrderContext;
import io.vendsync.mapper.orders.internals.OrderContextEntry;
import io.vendsync.mapper.orders.internals.OrderOutcome;
import io.vendsync.mapper.orders.internals.OrderRequirements;
import io.vendsync.mapper.orders.internals.OrderSettings;
import io.vendsync.mapper.orders.internals.SaleFamily;
import io.vendsync.mapper.orders.internals.SaleInContext;
import io.vendsync.mapper.orders.internals.SaleSkus;
import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.Customer;
import io.vendsync.schemas.mapping.OutletChannel;
import io.vendsync.schemas.mapping.ProductResolution;
import java.util.Set;
import java.util.function.ToLongFunction;
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
 * Maps Vend sales to {@code canonical.order.v1} (one record per sale, keyed by sale id), reporting what cannot be mapped
 * on {@code errors.validation}. Runs as its own Kafka Streams application ({@code <application.id>-orders}).
 *
 * <ol>
 *   <li><b>Parse and gate.</b> Raw sales, outlets, registers, payment types, taxes and the retailer are read as the other
 *       mappers read theirs (unreadable: {@code PAYLOAD_INVALID}); per Vend id only a higher version passes.</li>
 *   <li><b>Products.</b> Each (sale, product) pair joins {@code mapping.product-resolution} by product id (the SKU the
 *       product resolution chose: identity is never re-derived here); the pairs are gathered back per sale. A resolution
 *       that arrives later re-maps the sales that wait for it.</li>
 *   <li><b>Reference data.</b> Outlets, {@code mapping.outlet-channel-resolved}, registers, payment types, taxes and the
 *       retailer are one small {@link OrderContext} under one key, which each sale joins by that key, keeping only the
 *       slice it refers to; a channel or tax arriving later re-maps the sales waiting for it.</li>
 *   <li><b>Returns.</b> Sales are also gathered per original ({@link SaleFamily}: a sale and its returns); a return joins
 *       its original's family, so that an unknown original ({@code RETURN_ORIGINAL_UNKNOWN}) or a return beyond what was
 *       sold ({@code RETURN_EXCEEDS_SALE}) is reported instead of published, and a return waiting for its original is
 *       published when the original arrives. An exchange (a return that also sells new items) is two records: the return,
 *       and the order of its new items under {@code <sale id>/exchange} ({@link ExchangeSplit}); a return of those new
 *       items has the exchange as its original.</li>
 *   <li><b>Buyer.</b> A sale with a customer joins the customer mapping's email for it ({@code canonical.customer.v1}
 *       by customer key), which the sink puts on an order whose buyer has no commercetools customer.</li>
 *   <li><b>Build.</b> {@link OrderBuilder} holds the rules (which sales, amounts, lines, payments, states, problems).</li>
 *   <li><b>Emit on change.</b> An outcome is published only when it differs from the last one for the sale, so a change
 *       of unrelated reference data publishes nothing.</li>
 * </ol>
 */
public final class OrderMappingTopology {

    /** The one key of the reference-data context. */
    public static final String CONTEXT_KEY = "order-context";

    private static final String PREFIX = "orders-";

    /** Raw entities whose unreadable records another topology reports. */
    private static final Set<String> REPORTED_ELSEWHERE = Set.of("outlets", "taxes", "retailer");

    private OrderMappingTopology() {
    }

    /** Adds the order mapper's topology to {@code builder}. */
    public static void build(final StreamsBuilder builder, final Topics topics, final MapperConfig config) {
        final KStream<String, VendSale> sales = gated(builder, topics, "sales", VendSaleParser::sale, RawTopicReader.nothingMore(), VendSale::version);
        final KTable<String, VendSale> saleTable = sales.toTable(Named.as(PREFIX + "sales-table"),
                store("sales", new JsonSerde<>(VendSale.class)));

        final Topic<String, ProductResolution> resolutionTopic = topics.productResolutions;
        final KTable<String, ProductResolution> resolutions = builder.table(resolutionTopic.name(),
                resolutionTopic.consumed().withName(PREFIX + "product-resolutions-source"),
                store("product-resolutions", resolutionTopic.valueSerde()));
        // One row per (sale, product): a product sold on many lines is looked up once.
        final KTable<String, SaleSkus> skus = sales
                .flatMap((saleId, sale) -> sale.productIds().stream().map(productId -> KeyValue.pair(saleId + "|" + productId, productId)).toList(),
                        Named.as(PREFIX + "sale-products"))
                .toTable(Named.as(PREFIX + "sale-products-table"), store("sale-products", Serdes.String()))
                .leftJoin(resolutions, productId -> productId,
                        (productId, resolution) -> new SaleSkus.Pair(null, productId, SaleSkus.Resolved.of(resolution)),
                        TableJoined.as(PREFIX + "sale-product-resolution-join"), store("sale-product-skus", new JsonSerde<>(SaleSkus.Pair.class)))
                .groupBy((pairKey, pair) -> KeyValue.pair(pairKey.substring(0, pairKey.indexOf('|')), pair),
                        Grouped.with(PREFIX + "sale-product-skus-by-sale", Serdes.String(), new JsonSerde<>(SaleSkus.Pair.class)))
                .aggregate(() -> SaleSkus.NONE, (saleId, pair, all) -> all.with(pair), (saleId, pair, all) -> all.without(pair),
                        Named.as(PREFIX + "sale-skus-aggregate"), store("sale-skus", new JsonSerde<>(SaleSkus.class)));

        // Each sale's family (it and its returns) under the original's id: what a return is checked against.
        final KTable<String, SaleFamily> families = saleTable
                .groupBy((saleId, sale) -> KeyValue.pair(SaleFamily.keyOf(sale), sale),
                        Grouped.with(PREFIX + "sales-by-family", Serdes.String(), new JsonSerde<>(VendSale.class)))
                .aggregate(() -> SaleFamily.EMPTY, (key, sale, family) -> family.with(sale), (key, sale, family) -> family.without(sale),
                        Named.as(PREFIX + "family-aggregate"), store("families", new JsonSerde<>(SaleFamily.class)));

        final KTable<String, OrderContext> context = context(builder, topics);
        final String customerKeyPrefix = OrderSettings.of(config).customerKeyPrefix();
        final KStream<String, Customer> customers = builder.stream(topics.canonicalCustomers.name(),
                topics.canonicalCustomers.consumed().withName(PREFIX + "customers-source"));
        final OrderBuilder orders = new OrderBuilder(OrderSettings.of(config), topics.raw("sales").name());
        final KStream<String, OrderOutcome> outcomes = saleTable
                .leftJoin(skus, (sale, saleSkus) -> new SaleInContext(sale, saleSkus, null), Named.as(PREFIX + "sale-skus-join"),
                        store("sale-with-skus", new JsonSerde<>(SaleInContext.class)))
                .join(context, sale -> CONTEXT_KEY, (sale, all) -> new SaleInContext(sale.sale(), sale.skus(), all.sliceFor(sale.sale())),
                        TableJoined.as(PREFIX + "sale-context-join"), store("sale-in-context", new JsonSerde<>(SaleInContext.class)))
                // Only a return joins (a null key joins nothing and passes the sale on): its original's family.
                .leftJoin(families, sale -> sale.sale().returnFor(), SaleInContext::withFamily,
                        TableJoined.as(PREFIX + "return-family-join"), store("sale-with-family", new JsonSerde<>(SaleInContext.class)))
                // A return of an exchange: the exchange, itself a return, is its original (its own original's family holds it
                // as a return). Joined with the sales themselves, so exchanges read before this join existed count too.
                .leftJoin(saleTable, sale -> sale.sale().returnFor(),
                        (sale, original) -> original == null || original.returnFor() == null ? sale
                                : sale.withExchangeOriginal(SaleFamily.Member.soldBy(original)),
                        TableJoined.as(PREFIX + "return-exchange-join"), store("sale-with-exchange", new JsonSerde<>(SaleInContext.class)))
                // The buyer's email, for the order of a buyer without a commercetools customer (a walk-in sale joins nothing).
                .leftJoin(buyerEmails(customers), sale -> sale.sale().customerId() == null ? null : customerKeyPrefix + sale.sale().customerId(),
                        SaleInContext::withBuyerEmail, TableJoined.as(PREFIX + "buyer-email-join"),
                        store("sale-with-buyer", new JsonSerde<>(SaleInContext.class)))
                // A buyer withheld as a duplicate of another customer's email: that customer is the order's.
                .leftJoin(buyerOwners(customers), sale -> sale.sale().customerId() == null ? null : customerKeyPrefix + sale.sale().customerId(),
                        SaleInContext::withBuyerOwner, TableJoined.as(PREFIX + "buyer-owner-join"),
                        store("sale-with-buyer-owner", new JsonSerde<>(SaleInContext.class)))
                .toStream(Named.as(PREFIX + "sale-changes"))
                .filter((saleId, sale) -> sale != null, Named.as(PREFIX + "sale-present"))
                .processValues(new RecordMapper<SaleInContext, OrderOutcome>((saleId, sale, timestampMs) -> orders.build(sale, timestampMs)),
                        Named.as(PREFIX + "build"))
                .processValues(new EmitOnChange<OrderOutcome>(PREFIX + "emitted", OrderOutcome::fingerprint), Named.as(PREFIX + "emit-on-change"));
        outcomes.filter((saleId, outcome) -> outcome.order() != null, Named.as(PREFIX + "mapped"))
                .flatMap((saleId, outcome) -> outcome.records(saleId), Named.as(PREFIX + "order"))
                .to(topics.canonicalOrders.name(), topics.canonicalOrders.produced().withName(PREFIX + "canonical-sink"));
        outcomes.flatMapValues(OrderOutcome::errors, Named.as(PREFIX + "errors"))
                .to(topics.validationErrors.name(), topics.validationErrors.produced().withName(PREFIX + "errors-sink"));
    }

    /**
     * The customer mapping's email per customer key: only the email is kept (the rest of canonical.customer.v1 is personal
     * data an order does not need); a deleted customer or a placeholder email is no email.
     */
    private static KTable<String, String> buyerEmails(final KStream<String, Customer> customers) {
        return customers.mapValues(customer -> customer == null || customer.getDeleted() || customer.getEmailPlaceholder() ? null : customer.getEmail(),
                        Named.as(PREFIX + "buyer-email"))
                .toTable(Named.as(PREFIX + "buyer-emails-table"), store("buyer-emails", Serdes.String()));
    }

    /** Per withheld duplicate's customer key, the customer owning its email ({@link BuyerOwners}). */
    private static KTable<String, BuyerOwner> buyerOwners(final KStream<String, Customer> customers) {
        return customers.process(new BuyerOwners(PREFIX + "buyer-duplicates"), Named.as(PREFIX + "buyer-owner-entries"))
                .toTable(Named.as(PREFIX + "buyer-owners-table"), store("buyer-owners", new JsonSerde<>(BuyerOwner.class)));
    }

    private static KTable<String, OrderContext> context(final StreamsBuilder builder, final Topics topics) {
        final Topic<String, OutletChannel> channels = topics.outletChannels;
        final KStream<String, OrderContextEntry> channelEntries = builder.stream(channels.name(),
                        channels.consumed().withName(PREFIX + "outlet-channels-source"))
                .map((outletId, channel) -> KeyValue.pair(outletId, OrderContextEntry.channel(outletId,
                        channel == null ? null : channel.getChannelKey())), Named.as(PREFIX + "outlet-channels-entry"));
        return gated(builder, topics, "outlets", VendJsonParser::outlet, RawTopicReader.nothingMore(), VendOutlet::version)
                .mapValues(OrderContextEntry::outlet, Named.as(PREFIX + "outlets-entry"))
                .merge(gated(builder, topics, "registers", VendReferenceParser::register, RawTopicReader.nothingMore(), VendRegister::version)
                        .mapValues(OrderContextEntry::register, Named.as(PREFIX + "registers-entry")), Named.as(PREFIX + "context-merge-registers"))
                .merge(gated(builder, topics, "payment_types", VendReferenceParser::paymentType, RawTopicReader.nothingMore(),
                                VendPaymentType::version)
                        .mapValues(OrderContextEntry::paymentType, Named.as(PREFIX + "payment-types-entry")),
                        Named.as(PREFIX + "context-merge-payment-types"))
                .merge(gated(builder, topics, "taxes", VendReferenceParser::tax, OrderRequirements::tax, VendTax::version)
                        .mapValues(OrderContextEntry::tax, Named.as(PREFIX + "taxes-entry")), Named.as(PREFIX + "context-merge-taxes"))
                .merge(gated(builder, topics, "retailer", VendReferenceParser::retailer, RawTopicReader.nothingMore(), VendRetailer::version)
                        .mapValues(OrderContextEntry::retailer, Named.as(PREFIX + "retailer-entry")), Named.as(PREFIX + "context-merge-retailer"))
                .merge(channelEntries, Named.as(PREFIX + "context-merge-channels"))
                .selectKey((id, entry) -> CONTEXT_KEY, Named.as(PREFIX + "context-key"))
                .groupByKey(Grouped.with(PREFIX + "context-entries", Serdes.String(), new JsonSerde<>(OrderContextEntry.class)))
                .aggregate(() -> OrderContext.EMPTY, (key, entry, current) -> current.with(entry), Named.as(PREFIX + "context-aggregate"),
                        store("context", new JsonSerde<>(OrderContext.class)));
    }

    /**
     * Reads a raw topic, reports what cannot be read (or lacks what orders need), and lets only versions higher than any
     * seen per id through. Outlets are reported by the identity topology, taxes and the retailer by the price mapper,
     * when their parser refuses them.
     */
    private static <T> KStream<String, T> gated(final StreamsBuilder builder, final Topics topics, final String entity,
                                                final RawTopicReader.Parser<T> parser, final RawTopicReader.Requirement<T> needs,
                                                final ToLongFunction<T> version) {
        final String name = PREFIX + entity.replace('_', '-');
        final KStream<String, T> read = REPORTED_ELSEWHERE.contains(entity)
                ? RawTopicReader.readReportedElsewhere(builder, topics, topics.raw(entity), entity, name, parser, needs)
                : RawTopicReader.read(builder, topics, topics.raw(entity), entity, name, parser, needs);
        return read
                .processValues(new VersionGate<T>(name + "-versions", version), Named.as(name + "-version-gate"));
    }

    private static <V> Materialized<String, V, KeyValueStore<Bytes, byte[]>> store(final String name, final Serde<V> valueSerde) {
        return Materialized.<String, V, KeyValueStore<Bytes, byte[]>>as(PREFIX + name)
                .withKeySerde(Serdes.String()).withValueSerde(valueSerde);
    }
}
