package io.vendsync.schemas;

import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.schemas.canonical.v1.ValidationError;
import io.vendsync.schemas.mapping.OutletChannel;
import io.vendsync.schemas.ops.IngestCursor;
import io.vendsync.schemas.ops.IngestError;
import io.vendsync.schemas.ops.IntegrationLogEntry;
import io.vendsync.schemas.raw.VendChange;
import io.vendsync.schemas.serde.SerdeFactory;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The typed registry of every topic vendsync reads or writes. Each app takes its topics from here, so a
 * name, a serde or a cleanup policy is declared once. Names are {@code <prefix><name>}; the default
 * prefix is {@code vendsync.}, and tests use a unique prefix per test to share one broker.
 */
public final class Topics {

    /** Vend collections that have a raw topic. */
    public static final List<String> VEND_ENTITIES = List.of("outlets", "products", "inventory");

    public static final String DEFAULT_PREFIX = "vendsync.";

    public final Topic<String, VendChange> rawOutlets;
    public final Topic<String, VendChange> rawProducts;
    public final Topic<String, VendChange> rawInventory;
    public final Topic<String, OutletChannel> outletChannelOverrides;
    public final Topic<String, InventoryLevel> canonicalInventory;
    public final Topic<String, ValidationError> validationErrors;
    public final Topic<String, IngestCursor> ingestCursors;
    public final Topic<String, IngestError> ingestErrors;
    public final Topic<String, IntegrationLogEntry> integrationLog;

    private final String prefix;
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
        outletChannelOverrides = new Topic<>(prefix + "mapping.outlet-channel", key, serdes.avro(OutletChannel.class),
                Topic.CleanupPolicy.COMPACT, "Operator overrides: Vend outlet id -> commercetools supply channel key");
        canonicalInventory = new Topic<>(prefix + "canonical.inventory.v1", key, serdes.avro(InventoryLevel.class),
                Topic.CleanupPolicy.DELETE, "Public contract v1: absolute stock per (channel, SKU), keyed by '<channel>/<sku>'");
        validationErrors = new Topic<>(prefix + "errors.validation", key, serdes.avro(ValidationError.class),
                Topic.CleanupPolicy.DELETE, "Records the mapper could not map, with the reason; keyed by source key");
        ingestCursors = new Topic<>(prefix + "ops.ingest-cursors", key, serdes.avro(IngestCursor.class),
                Topic.CleanupPolicy.COMPACT, "Vend version cursor per '<domain_prefix>/<entity>'");
        ingestErrors = new Topic<>(prefix + "errors.ingest", key, serdes.avro(IngestError.class),
                Topic.CleanupPolicy.DELETE, "Webhooks and Vend records the ingest rejected, with the input kept");
        integrationLog = new Topic<>(prefix + "ops.integration-log", key, serdes.avro(IntegrationLogEntry.class),
                Topic.CleanupPolicy.DELETE, "Every request to Vend and commercetools, credentials redacted");
        all = List.of(rawOutlets, rawProducts, rawInventory, outletChannelOverrides, canonicalInventory,
                validationErrors, ingestCursors, ingestErrors, integrationLog);
    }

    public String prefix() {
        return prefix;
    }

    /** The raw topic of a Vend collection, e.g. {@code raw("inventory")}. */
    public Topic<String, VendChange> raw(final String entity) {
        switch (entity.toLowerCase(Locale.ROOT)) {
            case "outlets":
                return rawOutlets;
            case "products":
                return rawProducts;
            case "inventory":
                return rawInventory;
            default:
                throw new IllegalArgumentException("No raw topic for Vend entity '" + entity + "'; known: " + VEND_ENTITIES);
        }
    }

    public List<Topic<?, ?>> all() {
        return all;
    }
}
