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
 * The typed registry of the public contract: the topics the apps talk through (raw, mapping, canonical, error topics
 * and the integration log both ingest and sink write). Each app takes them from here, so a name, a serde or a cleanup
 * policy is declared once. An app's private topics (the ingest's cursors, the mapper's and the sink's dead letters, the
 * sink's retry tiers and applied versions) are declared by that app (IngestTopics, MapperTopics, SinkTopics), from the
 * prefix and wire format here. Names are {@code <prefix><name>}; the default prefix is {@code vendsync.}, and tests use
 * a unique prefix per test to share one broker.
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
    public final Topic<String, IngestError> ingestErrors;
    public final Topic<String, IntegrationLogEntry> integrationLog;

    private final String prefix;
    private final SerdeFactory serdes;
    private final Map<String, Topic<String, VendChange>> raw;
    private final List<Topic<?, ?>> all;

    public Topics(final String prefix, final SerdeFactory serdes) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.serdes = Objects.requireNonNull(serdes, "serdes");
        final Serde<String> key = Serdes.String();
        final Serde<VendChange> change = serdes.avro(VendChange.class);
        rawOutlets = new Topic<>(prefix + "raw.vend.outlets", key, change, Topic.CleanupPolicy.DELETE,
                "Vend outlets as read through API 2.0, Debezium-style envelope, keyed by outlet id");
        rawProducts = new Topic<>(prefix + "raw.vend.products", key, change, Topic.CleanupPolicy.DELETE,
                "Vend products as read through API 2.0, Debezium-style envelope, keyed by product id");
        rawInventory = new Topic<>(prefix + "raw.vend.inventory", key, change, Topic.CleanupPolicy.DELETE,
                "Vend inventory records (product x outlet) as read through API 2.0, keyed by product id (the record's id is in the value)");
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
        ingestErrors = new Topic<>(prefix + "errors.ingest", key, serdes.avro(IngestError.class),
                Topic.CleanupPolicy.DELETE, "Webhooks and Vend records the ingest rejected, with the input kept");
        integrationLog = new Topic<>(prefix + "ops.integration-log", key, serdes.avro(IntegrationLogEntry.class),
                Topic.CleanupPolicy.DELETE, "Every request to Vend and commercetools, credentials redacted");
        final List<Topic<?, ?>> topics = new java.util.ArrayList<>(List.of(rawOutlets, rawProducts, rawInventory,
                outletChannelOverrides, canonicalInventory, validationErrors, ingestErrors, integrationLog));
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
        raw.values().stream().filter(t -> !topics.contains(t)).forEach(topics::add);
        all = List.copyOf(topics);
    }

    public String prefix() {
        return prefix;
    }

    /** The wire format (schema registry or single-object Avro), for an app's private topics of Avro records. */
    public SerdeFactory serdes() {
        return serdes;
    }

    /** The raw topic of a Vend collection, e.g. {@code raw("inventory")}. */
    public Topic<String, VendChange> raw(final String entity) {
        final Topic<String, VendChange> topic = raw.get(entity.toLowerCase(Locale.ROOT));
        if (topic == null) {
            throw new IllegalArgumentException("No raw topic for Vend entity '" + entity + "'; known: " + VEND_ENTITIES);
        }
        return topic;
    }

    /** The public topics; {@code vendsync topics} adds each app's private ones. */
    public List<Topic<?, ?>> all() {
        return all;
    }
}
