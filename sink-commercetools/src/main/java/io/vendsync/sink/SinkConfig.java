package io.vendsync.sink;

import io.vendsync.runtime.CommonConfig;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Every setting of the commercetools sink, declared once with type, default, validation and documentation.
 * Environment form: {@code VENDSYNC_COMMERCETOOLS_PROJECT_KEY} etc. (see {@link io.vendsync.runtime.ConfigSource}).
 */
public final class SinkConfig extends AbstractConfig {

    public static final String CT_PROJECT_KEY = "commercetools.project.key";
    public static final String CT_CLIENT_ID = "commercetools.client.id";
    public static final String CT_CLIENT_SECRET = "commercetools.client.secret";
    public static final String CT_AUTH_URL = "commercetools.auth.url";
    public static final String CT_API_URL = "commercetools.api.url";
    public static final String CT_SCOPES = "commercetools.scopes";
    public static final String SINK_GROUP_ID = "sink.group.id";
    public static final String SINK_CONFLICT_MAX_RETRIES = "sink.conflict.max.retries";
    public static final String SINK_POLL_TIMEOUT_MS = "sink.poll.timeout.ms";
    public static final String SINK_CONCURRENCY = "sink.concurrency";
    public static final String SINK_INVENTORY_CACHE_ENTRIES = "sink.inventory.cache.entries";
    /** Declared with the common settings: the ingest keeps bodies by the same rule. */
    public static final String INTEGRATION_LOG_BODY_MAX_BYTES = CommonConfig.INTEGRATION_LOG_BODY_MAX_BYTES;
    public static final String SINK_RETRY_DELAYS_MS = "sink.retry.delays.ms";
    public static final String CATALOG_POLL_INTERVAL_MS = "catalog.poll.interval.ms";
    public static final String CATALOG_FULL_RELOAD_INTERVAL_MS = "catalog.full.reload.interval.ms";
    public static final String CATALOG_GTIN_ATTRIBUTE = "catalog.gtin.attribute";
    public static final String PRODUCT_TYPE_KEY = "product.type.key";
    public static final String PRODUCT_LOCALE = "product.locale";
    public static final String PRODUCT_PUBLISH = "product.publish";
    public static final String CUSTOMER_DELETE_POLICY = "customer.delete.policy";

    /** At most this many retry tiers: each is a topic and a pause, more only delays the DLQ. */
    public static final int MAX_RETRY_TIERS = 10;

    public static final String DEFAULT_GROUP_ID = "vendsync-sink-commercetools";

    public static final ConfigDef CONFIG_DEF = CommonConfig.define(new ConfigDef())
            .define(CT_PROJECT_KEY, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "commercetools project key the inventory is written to.")
            .define(CT_CLIENT_ID, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "commercetools API client id (client credentials flow).")
            .define(CT_CLIENT_SECRET, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                    "commercetools API client secret. Never logged, never written to the integration log.")
            .define(CT_AUTH_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new HttpUrl(), Importance.HIGH,
                    "Full token URL, e.g. https://auth.europe-west1.gcp.commercetools.com/oauth/token (no trailing slash).")
            .define(CT_API_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new HttpUrl(), Importance.HIGH,
                    "API base URL without the project key, e.g. https://api.europe-west1.gcp.commercetools.com.")
            .define(CT_SCOPES, Type.LIST, List.of(), Importance.LOW,
                    "OAuth scopes to request, e.g. manage_inventory:<key>,manage_channels:<key>,manage_types:<key>,view_inventory:<key>. "
                            + "Empty: the client's own scopes.")
            .define(SINK_GROUP_ID, Type.STRING, DEFAULT_GROUP_ID, new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Kafka consumer group id of the sink.")
            .define(SINK_CONFLICT_MAX_RETRIES, Type.INT, 5, ConfigDef.Range.between(0, 100), Importance.LOW,
                    "How often one record is re-read and re-applied after a 409 ConcurrentModification before it fails.")
            .define(SINK_POLL_TIMEOUT_MS, Type.LONG, 1_000L, ConfigDef.Range.between(10, 60_000), Importance.LOW,
                    "Longest wait of one Kafka poll.")
            .define(SINK_CONCURRENCY, Type.INT, 16, ConfigDef.Range.between(1, 256), Importance.MEDIUM,
                    "Records of different keys each main sink loop (inventory; catalog) applies at once, i.e. commercetools "
                            + "requests in flight per loop and instance. Records of one key are always applied one after another "
                            + "in offset order; offsets are committed only below the lowest record not yet finished. 1: one record "
                            + "at a time.")
            .define(SINK_INVENTORY_CACHE_ENTRIES, Type.INT, 100_000, ConfigDef.Range.between(0, 10_000_000), Importance.LOW,
                    "Inventory entries whose commercetools state (id, version, quantity, source version) each sink instance "
                            + "remembers after reading or writing them, least recently used forgotten first (about 0.7 KB of heap "
                            + "each: the default takes up to about 70 MB). A later stock change of a remembered entry is written at once "
                            + "at the remembered version, without a read first; if anything else changed the entry meanwhile "
                            + "(another replica after a rebalance, an edit in the Merchant Center), commercetools answers 409 and "
                            + "the sink reads it and retries. 0: read every entry before writing it.")
            .define(SINK_RETRY_DELAYS_MS, Type.LIST, "10000,60000,600000", new RetryDelays(), Importance.MEDIUM,
                    "Delay of each retry tier in ms; tier n reads <prefix>retry.sink.inventory.<n> (the catalog loop: "
                            + "<prefix>retry.sink.catalog.<n>). A transiently failed record (429, 5xx, timeout, lasting 409, a "
                            + "reference not there yet) goes to the next tier, after the last to the DLQ. Empty: no retries.")
            .define(CATALOG_POLL_INTERVAL_MS, Type.LONG, 300_000L, ConfigDef.Range.between(0, 86_400_000L), Importance.MEDIUM,
                    "How often the catalog reader reads changed commercetools products (staged projections, delta by lastModifiedAt) "
                            + "and publishes their variants, keyed by SKU, to <prefix>mapping.commercetools-variants, which the mapper "
                            + "matches Vend products against. The first read at start is full. 0: no catalog reader.")
            .define(CATALOG_FULL_RELOAD_INTERVAL_MS, Type.LONG, 3_600_000L, ConfigDef.Range.between(60_000L, 7L * 86_400_000L),
                    Importance.LOW,
                    "How often the catalog reader reads every product instead of a delta. Only a full read sees deleted products "
                            + "(their SKUs get tombstones); deltas cannot.")
            .define(CATALOG_GTIN_ATTRIBUTE, Type.STRING, "gtin", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Name of the commercetools variant attribute holding the GTIN/EAN/UPC (text, number, or a set of either). "
                            + "Valid values are published as GTIN-14 for barcode matching; others are logged and ignored.")
            .define(PRODUCT_TYPE_KEY, Type.STRING, "vendsync-vend-product", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Key of the commercetools product type of the products vendsync creates from Vend families; created when "
                            + "missing, with a text attribute per Vend option name and the GTIN attribute (catalog.gtin.attribute). "
                            + "vendsync changes name, description, tax category and attributes only of products of this type.")
            .define(PRODUCT_LOCALE, Type.STRING, "en", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                    "Locale (IETF language tag, e.g. en, en-NZ, de) of the name, slug and description vendsync writes to products.")
            .define(PRODUCT_PUBLISH, Type.STRING, "never", ConfigDef.CaseInsensitiveValidString.in("never", "on-create", "always"),
                    Importance.MEDIUM,
                    "When vendsync publishes the products it writes: never (default: a product made from the POS lacks images, "
                            + "categories and web copy, so a merchandiser reviews and publishes it; vendsync's changes stay staged), "
                            + "on-create (new products go live at once, later changes stay staged) or always (every change vendsync "
                            + "makes is published with it, a price change of a published product too).");

    static {
        CONFIG_DEF.define(CUSTOMER_DELETE_POLICY, Type.STRING, "delete-created", ConfigDef.CaseInsensitiveValidString.in("delete-created", "keep"),
                Importance.MEDIUM,
                "What a customer deleted in Vend does to its commercetools customer: delete-created (default: deleted, with data "
                        + "erasure, if vendsync created it; kept, with its key, if vendsync only linked a customer that existed online) "
                        + "or keep (never deleted).");
        for (final io.vendsync.sink.customers.CustomerField field : io.vendsync.sink.customers.CustomerField.values()) {
            CONFIG_DEF.define(field.configKey(), Type.STRING, "vend", ConfigDef.CaseInsensitiveValidString.in("vend", "commercetools", "newest"),
                    Importance.MEDIUM,
                    "Who owns the customer's " + field + " in commercetools: vend (the sink writes Vend's value, also over an online "
                            + "edit, which it counts), commercetools (set only when the sink creates the customer, never overwritten) or "
                            + "newest (Vend's value unless the field was edited online more recently than the Vend change). Skipped "
                            + "overwrites are counted and logged.");
        }
    }

    public SinkConfig(final Map<?, ?> settings) {
        super(CONFIG_DEF, settings);
    }

    public String projectKey() {
        return getString(CT_PROJECT_KEY);
    }

    public String clientId() {
        return getString(CT_CLIENT_ID);
    }

    public String clientSecret() {
        return getPassword(CT_CLIENT_SECRET).value();
    }

    public String authUrl() {
        return getString(CT_AUTH_URL);
    }

    public String apiUrl() {
        return getString(CT_API_URL);
    }

    public List<String> scopes() {
        return getList(CT_SCOPES);
    }

    public String groupId() {
        return getString(SINK_GROUP_ID);
    }

    public int conflictMaxRetries() {
        return getInt(SINK_CONFLICT_MAX_RETRIES);
    }

    public int concurrency() {
        return getInt(SINK_CONCURRENCY);
    }

    public int inventoryCacheEntries() {
        return getInt(SINK_INVENTORY_CACHE_ENTRIES);
    }

    public long pollTimeoutMs() {
        return getLong(SINK_POLL_TIMEOUT_MS);
    }

    public int integrationLogBodyMaxBytes() {
        return getInt(INTEGRATION_LOG_BODY_MAX_BYTES);
    }

    /** Delay of each retry tier, in tier order. */
    public List<Long> retryDelaysMs() {
        return getList(SINK_RETRY_DELAYS_MS).stream().map(v -> Long.parseLong(v.trim())).toList();
    }

    /** 0 when the catalog reader is off. */
    public long catalogPollIntervalMs() {
        return getLong(CATALOG_POLL_INTERVAL_MS);
    }

    public long catalogFullReloadIntervalMs() {
        return getLong(CATALOG_FULL_RELOAD_INTERVAL_MS);
    }

    public String catalogGtinAttribute() {
        return getString(CATALOG_GTIN_ATTRIBUTE);
    }

    public String productTypeKey() {
        return getString(PRODUCT_TYPE_KEY);
    }

    public String productLocale() {
        return getString(PRODUCT_LOCALE);
    }

    /** {@code never}, {@code on-create} or {@code always}, lower-cased. */
    public String productPublish() {
        return getString(PRODUCT_PUBLISH).trim().toLowerCase(java.util.Locale.ROOT);
    }

    public io.vendsync.sink.customers.DeletePolicy customerDeletePolicy() {
        return io.vendsync.sink.customers.DeletePolicy.of(getString(CUSTOMER_DELETE_POLICY));
    }

    /** The configured owner of each customer field. */
    public io.vendsync.sink.customers.FieldOwnership customerFieldOwnership() {
        final Map<io.vendsync.sink.customers.CustomerField, io.vendsync.sink.customers.Owner> owners =
                new java.util.EnumMap<>(io.vendsync.sink.customers.CustomerField.class);
        for (final io.vendsync.sink.customers.CustomerField field : io.vendsync.sink.customers.CustomerField.values()) {
            owners.put(field, io.vendsync.sink.customers.Owner.of(getString(field.configKey())));
        }
        return new io.vendsync.sink.customers.FieldOwnership(owners);
    }

    /** Consumer group of the retry loop: its own, so the retry tiers never hold back the main topic's commits. */
    public String retryGroupId() {
        return groupId() + "-retry";
    }

    /** Consumer group of the catalog loop (products, prices, tax categories): its own, so neither loop holds back the other. */
    public String catalogGroupId() {
        return groupId() + "-catalog";
    }

    /** Consumer group of the catalog loop's retry tiers. */
    public String catalogRetryGroupId() {
        return catalogGroupId() + "-retry";
    }

    /** Up to {@value #MAX_RETRY_TIERS} delays, each 1 ms .. 1 day. */
    static final class RetryDelays implements ConfigDef.Validator {
        @Override
        public void ensureValid(final String name, final Object value) {
            final List<?> delays = value instanceof List<?> list ? list : List.of();
            if (delays.size() > MAX_RETRY_TIERS) {
                throw new ConfigException(name, value, "at most " + MAX_RETRY_TIERS + " retry tiers");
            }
            for (final Object delay : delays) {
                try {
                    final long ms = Long.parseLong(delay.toString().trim());
                    if (ms < 1 || ms > 86_400_000L) {
                        throw new ConfigException(name, value, "each delay must be 1..86400000 ms");
                    }
                } catch (NumberFormatException e) {
                    throw new ConfigException(name, value, "each delay must be a number of ms");
                }
            }
        }

        @Override
        public String toString() {
            return "up to " + MAX_RETRY_TIERS + " delays of 1..86400000 ms";
        }
    }

    /** An absolute http(s) URL without a trailing slash. */
    static final class HttpUrl implements ConfigDef.Validator {
        @Override
        public void ensureValid(final String name, final Object value) {
            final String url = value == null ? "" : value.toString();
            if (!(url.startsWith("http://") || url.startsWith("https://")) || url.endsWith("/")) {
                throw new ConfigException(name, value, "must be an absolute http(s) URL without a trailing slash");
            }
        }

        @Override
        public String toString() {
            return "http(s) URL without trailing slash";
        }
    }
}
