package io.vendsync.schemas;

import io.vendsync.schemas.canonical.v1.Customer;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.schemas.canonical.v1.Order;
import io.vendsync.schemas.canonical.v1.Product;
import io.vendsync.schemas.canonical.v1.TaxCategory;
import io.vendsync.schemas.canonical.v1.ValidationError;
import io.vendsync.schemas.canonical.v1.VariantPrices;
import io.vendsync.schemas.mapping.CommercetoolsVariant;
import io.vendsync.schemas.mapping.CustomerLink;
import io.vendsync.schemas.mapping.OutletChannel;
import io.vendsync.schemas.mapping.ProductResolution;
import io.vendsync.schemas.mapping.ProductSkuOverride;
import io.vendsync.schemas.ops.IngestCursor;
import io.vendsync.schemas.ops.IngestError;
import io.vendsync.schemas.ops.IntegrationLogEntry;
import io.vendsync.schemas.raw.VendChange;
import io.vendsync.schemas.serde.SerdeFactory;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The typed registry of every topic vendsync reads or writes. Each app takes its topics from here, so a
 * name, a serde or a cleanup policy is declared once. Names are {@code <prefix><name>}; the default
 * prefix is {@code vendsync.}, and tests use a unique prefix per test to share one broker.
 */
public final class Topics {

    /**
     * Vend collections that have a raw topic {@code <prefix>raw.vend.<entity>}, in reading order: what a record
     * refers to comes before it (outlets before registers, products before inventory and sales). {@code retailer}
     * is a single object, not a version-cursor collection.
     */
    public static final List<String> VEND_ENTITIES = List.of("retailer", "outlets", "registers", "taxes",
            "payment_types", "customer_groups", "customers", "brands", "suppliers", "product_types", "products",
            "outlet_taxes", "price_books", "price_book_products", "inventory", "consignments", "sales");

    public static final String DEFAULT_PREFIX = "vendsync.";

    /** Retry tiers of the commercetools inventory sink that are provisioned with the contract (the sink's default). */
    public static final int SINK_INVENTORY_RETRY_TIERS = 3;

    public final Topic<String, VendChange> rawOutlets;
    public final Topic<String, VendChange> rawProducts;
    public final Topic<String, VendChange> rawInventory;
    public final Topic<String, OutletChannel> outletChannelOverrides;
    public final Topic<String, ProductSkuOverride> productSkuOverrides;
    public final Topic<String, CommercetoolsVariant> commercetoolsVariants;
    public final Topic<String, ProductResolution> productResolutions;
    public final Topic<String, OutletChannel> outletChannels;
    public final Topic<String, InventoryLevel> canonicalInventory;
    public final Topic<String, Product> canonicalProducts;
    public final Topic<String, VariantPrices> canonicalPrices;
    public final Topic<String, TaxCategory> canonicalTaxCategories;
    public final Topic<String, Customer> canonicalCustomers;
    public final Topic<String, CustomerLink> customerLinkOverrides;
    public final Topic<String, Order> canonicalOrders;
    public final Topic<String, ValidationError> validationErrors;
    public final Topic<String, IngestCursor> ingestCursors;
    public final Topic<String, IngestError> ingestErrors;
    public final Topic<String, IntegrationLogEntry> integrationLog;
    public final List<Topic<byte[], byte[]>> sinkInventoryRetries;
    public final Topic<byte[], byte[]> sinkInventoryDlq;
    public final Topic<byte[], byte[]> mapperDlq;
    public final Topic<String, String> sinkInventoryDlqResolved;
    public final List<Topic<byte[], byte[]>> sinkCatalogRetries;
    public final Topic<byte[], byte[]> sinkCatalogDlq;
    public final Topic<String, String> sinkCatalogApplied;

    private final String prefix;
    private final Map<String, Topic<String, VendChange>> raw;
    private final List<Topic<?, ?>> all;

    public Topics(final String prefix, final SerdeFactory serdes) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        final Serde<String> key = Serdes.String();
        final Serde<VendChange> change = serdes.avro(VendChange.class);
        rawOutlets = new Topic<>(prefix + "raw.vend.outlets", key, change, Topic.CleanupPolicy.DELETE,
                "Vend outlets as read through API 2.0, Debezium-style envelope, keyed by outlet id");
        rawProducts = new Topic<>(prefix + "raw.vend.products", key, change, Topic.CleanupPolicy.DELETE,
                "Vend products as read through API 2.0, Debezium-style envelope, keyed by product id");
        rawInventory = new Topic<>(prefix + "raw.vend.inventory", key, change, Topic.CleanupPolicy.DELETE,
                "Vend inventory records (product x outlet) as read through API 2.0, keyed by inventory id");
        final Map<String, Topic<String, VendChange>> raws = new LinkedHashMap<>();
        for (final String entity : VEND_ENTITIES) {
            raws.put(entity, switch (entity) {
                case "outlets" -> rawOutlets;
                case "products" -> rawProducts;
                case "inventory" -> rawInventory;
                default -> new Topic<>(prefix + "raw.vend." + entity, key, change, Topic.CleanupPolicy.DELETE,
                        "Vend " + entity + " as read through API 2.0, Debezium-style envelope, keyed by Vend id");
            });
        }
        raw = Collections.unmodifiableMap(raws);
        outletChannelOverrides = new Topic<>(prefix + "mapping.outlet-channel", key, serdes.avro(OutletChannel.class),
                Topic.CleanupPolicy.COMPACT, "Operator overrides: Vend outlet id -> commercetools supply channel key");
        productSkuOverrides = new Topic<>(prefix + "mapping.product-sku", key, serdes.avro(ProductSkuOverride.class),
                Topic.CleanupPolicy.COMPACT, "Operator overrides: Vend product id -> commercetools SKU, winning over the Vend SKU");
        commercetoolsVariants = new Topic<>(prefix + "mapping.commercetools-variants", key, serdes.avro(CommercetoolsVariant.class),
                Topic.CleanupPolicy.COMPACT, "The commercetools catalog, one record per variant keyed by SKU, read by the sink's catalog reader");
        outletChannels = new Topic<>(prefix + "mapping.outlet-channel-resolved", key, serdes.avro(OutletChannel.class),
                Topic.CleanupPolicy.COMPACT, "The supply channel each Vend outlet maps to (derived or explicit), keyed by Vend outlet id; a tombstone when none");
        productResolutions = new Topic<>(prefix + "mapping.product-resolution", key, serdes.avro(ProductResolution.class),
                Topic.CleanupPolicy.COMPACT, "How each Vend product resolved to commercetools (SKU, matched variant, conflict), keyed by Vend product id");
        canonicalInventory = new Topic<>(prefix + "canonical.inventory.v1", key, serdes.avro(InventoryLevel.class),
                Topic.CleanupPolicy.DELETE, "Public contract v1: absolute stock per (channel, SKU), keyed by '<channel>/<sku>'");
        // Desired state per key: compacted, so replaying a topic from the start replays the current catalog.
        canonicalProducts = new Topic<>(prefix + "canonical.product.v1", key, serdes.avro(Product.class),
                Topic.CleanupPolicy.COMPACT, "Public contract v1: each Vend product family as the commercetools product it should be, keyed by product key");
        canonicalPrices = new Topic<>(prefix + "canonical.price.v1", key, serdes.avro(VariantPrices.class),
                Topic.CleanupPolicy.COMPACT, "Public contract v1: every price a variant should have (scope, validity, amount), keyed by SKU");
        canonicalTaxCategories = new Topic<>(prefix + "canonical.tax-category.v1", key, serdes.avro(TaxCategory.class),
                Topic.CleanupPolicy.COMPACT, "Public contract v1: Vend taxes as commercetools tax categories with a rate per country, keyed by key");
        // Personal data: compacted, so a deleted Vend customer's last record (deleted=true, fields cleared) replaces its data.
        canonicalCustomers = new Topic<>(prefix + "canonical.customer.v1", key, serdes.avro(Customer.class),
                Topic.CleanupPolicy.COMPACT, "Public contract v1, PERSONAL DATA: each Vend customer as the commercetools customer it should be, keyed by customer key");
        customerLinkOverrides = new Topic<>(prefix + "mapping.customer", key, serdes.avro(CustomerLink.class),
                Topic.CleanupPolicy.COMPACT, "Operator overrides: Vend customer id -> existing commercetools customer id, winning over key and email matching");
        // One record per sale, the latest its current state: compacted, so a replay re-reads every sale once.
        canonicalOrders = new Topic<>(prefix + "canonical.order.v1", key, serdes.avro(Order.class),
                Topic.CleanupPolicy.COMPACT, "Public contract v1: each Vend sale as the order it is (lines, taxes, discounts, payments, states), keyed by Vend sale id");
        validationErrors = new Topic<>(prefix + "errors.validation", key, serdes.avro(ValidationError.class),
                Topic.CleanupPolicy.DELETE, "Records the mapper could not map, with the reason; keyed by source key");
        ingestCursors = new Topic<>(prefix + "ops.ingest-cursors", key, serdes.avro(IngestCursor.class),
                Topic.CleanupPolicy.COMPACT, "Vend version cursor per '<domain_prefix>/<entity>'");
        ingestErrors = new Topic<>(prefix + "errors.ingest", key, serdes.avro(IngestError.class),
                Topic.CleanupPolicy.DELETE, "Webhooks and Vend records the ingest rejected, with the input kept");
        integrationLog = new Topic<>(prefix + "ops.integration-log", key, serdes.avro(IntegrationLogEntry.class),
                Topic.CleanupPolicy.DELETE, "Every request to Vend and commercetools, credentials redacted");
        sinkInventoryRetries = java.util.stream.IntStream.rangeClosed(1, SINK_INVENTORY_RETRY_TIERS)
                .mapToObj(this::sinkInventoryRetry).toList();
        // Raw bytes: a failed record keeps the exact key and value it was read with, even when they do not decode.
        sinkInventoryDlq = new Topic<>(prefix + "dlq.sink.inventory", Serdes.ByteArray(), Serdes.ByteArray(),
                Topic.CleanupPolicy.DELETE, "Canonical inventory records the sink could not apply, original bytes plus vendsync.* error headers");
        // Kafka Streams' own dead-letter queue (KIP-1034): raw records the mapper cannot even decode, with __streams.errors.* headers.
        mapperDlq = new Topic<>(prefix + "dlq.mapper", Serdes.ByteArray(), Serdes.ByteArray(), Topic.CleanupPolicy.DELETE,
                "Raw records the mapper could not decode, original bytes plus Kafka Streams' __streams.errors.* headers");
        sinkInventoryDlqResolved = new Topic<>(prefix + "dlq.sink.inventory.resolved", key, Serdes.String(),
                Topic.CleanupPolicy.COMPACT, "Dead letters already replayed, keyed '<dlq partition>/<dlq offset>'");
        sinkCatalogRetries = java.util.stream.IntStream.rangeClosed(1, SINK_INVENTORY_RETRY_TIERS)
                .mapToObj(this::sinkCatalogRetry).toList();
        sinkCatalogDlq = new Topic<>(prefix + "dlq.sink.catalog", Serdes.ByteArray(), Serdes.ByteArray(), Topic.CleanupPolicy.DELETE,
                "Canonical product, price and tax-category records the sink could not apply, original bytes plus vendsync.* error headers");
        sinkCatalogApplied = new Topic<>(prefix + "ops.sink-catalog-applied", key, Serdes.String(), Topic.CleanupPolicy.COMPACT,
                "Highest Vend source version the sink applied per '<canonical topic>|<key>' of products, prices and tax categories");
        final List<Topic<?, ?>> topics = new java.util.ArrayList<>(List.of(rawOutlets, rawProducts, rawInventory,
                outletChannelOverrides, canonicalInventory, validationErrors, ingestCursors, ingestErrors, integrationLog));
        topics.addAll(sinkInventoryRetries);
        topics.add(sinkInventoryDlq);
        topics.add(mapperDlq);
        topics.add(sinkInventoryDlqResolved);
        topics.add(productSkuOverrides);
        topics.add(commercetoolsVariants);
        topics.add(productResolutions);
        topics.add(outletChannels);
        topics.add(canonicalProducts);
        topics.add(canonicalPrices);
        topics.add(canonicalTaxCategories);
        topics.add(canonicalCustomers);
        topics.add(customerLinkOverrides);
        topics.add(canonicalOrders);
        topics.addAll(sinkCatalogRetries);
        topics.add(sinkCatalogDlq);
        topics.add(sinkCatalogApplied);
        raw.values().stream().filter(t -> !topics.contains(t)).forEach(topics::add);
        all = List.copyOf(topics);
    }

    public String prefix() {
        return prefix;
    }

    /** The raw topic of a Vend collection, e.g. {@code raw("inventory")}. */
    public Topic<String, VendChange> raw(final String entity) {
        final Topic<String, VendChange> topic = raw.get(entity.toLowerCase(Locale.ROOT));
        if (topic == null) {
            throw new IllegalArgumentException("No raw topic for Vend entity '" + entity + "'; known: " + VEND_ENTITIES);
        }
        return topic;
    }

    /**
     * Retry tier {@code tier} (1-based) of the commercetools inventory sink, {@code <prefix>retry.sink.inventory.<tier>}.
     * Named by position, not by delay, so changing the configured delays never strands records in a topic no one reads.
     */
    public Topic<byte[], byte[]> sinkInventoryRetry(final int tier) {
        if (tier < 1) {
            throw new IllegalArgumentException("retry tiers start at 1, not " + tier);
        }
        return new Topic<>(prefix + "retry.sink.inventory." + tier, Serdes.ByteArray(), Serdes.ByteArray(),
                Topic.CleanupPolicy.DELETE, "Canonical inventory records waiting for sink retry " + tier + ", original bytes plus vendsync.* headers");
    }

    /** Retry tier {@code tier} (1-based) of the sink's catalog loop (products, prices, tax categories), {@code <prefix>retry.sink.catalog.<tier>}. */
    public Topic<byte[], byte[]> sinkCatalogRetry(final int tier) {
        if (tier < 1) {
            throw new IllegalArgumentException("retry tiers start at 1, not " + tier);
        }
        return new Topic<>(prefix + "retry.sink.catalog." + tier, Serdes.ByteArray(), Serdes.ByteArray(),
                Topic.CleanupPolicy.DELETE, "Canonical catalog records waiting for sink retry " + tier + ", original bytes plus vendsync.* headers");
    }

    public List<Topic<?, ?>> all() {
        return all;
    }
}
