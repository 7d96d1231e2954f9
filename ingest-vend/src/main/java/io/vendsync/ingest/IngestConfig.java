package io.vendsync.ingest;

import io.vendsync.runtime.CommonConfig;
import io.vendsync.schemas.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Every setting of the Vend ingest, declared once with type, default, validation and documentation. */
public final class IngestConfig extends AbstractConfig {

    public static final String VEND_BASE_URL = "vend.base.url";
    public static final String VEND_DOMAIN_PREFIX = "vend.domain.prefix";
    public static final String VEND_TOKEN = "vend.token";
    public static final String VEND_ENTITIES = "vend.entities";
    public static final String VEND_PAGE_SIZE = "vend.page.size";
    public static final String VEND_POLL_INTERVAL_MS = "vend.poll.interval.ms";
    public static final String VEND_REQUEST_TIMEOUT_MS = "vend.request.timeout.ms";
    public static final String VEND_MAX_ATTEMPTS = "vend.max.attempts";
    public static final String VEND_RATE_BUDGET = "vend.rate.budget";
    public static final String VEND_RATE_WINDOW_MS = "vend.rate.window.ms";
    public static final String VEND_RATE_SHARE = "vend.rate.share";
    public static final String WEBHOOK_ENABLED = "webhook.enabled";
    public static final String WEBHOOK_HOST = "webhook.host";
    public static final String WEBHOOK_PORT = "webhook.port";
    public static final String WEBHOOK_PATH = "webhook.path";
    public static final String WEBHOOK_BODY_MAX_BYTES = "webhook.body.max.bytes";
    public static final String WEBHOOK_SECRET = "webhook.secret";
    public static final String INGEST_TRANSACTIONAL_ID = "ingest.transactional.id";
    public static final String ERROR_BODY_MAX_BYTES = "ingest.error.body.max.bytes";

    /**
     * Read unless configured otherwise: what the mapper consumes today. Every collection read costs at least one
     * request per poll from a budget of a few hundred per 5 minutes, so the others are opt-in.
     */
    public static final List<String> DEFAULT_ENTITIES = List.of("outlets", "products", "inventory");

    public static final ConfigDef CONFIG_DEF = CommonConfig.define(new ConfigDef())
            .define(VEND_BASE_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Vend store base URL without /api, e.g. https://mystore.retail.lightspeed.app (or the legacy https://mystore.vendhq.com).")
            .define(VEND_DOMAIN_PREFIX, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "The store's domain prefix; names the store in raw events and cursors.")
            .define(VEND_TOKEN, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                    "Vend personal token (or OAuth access token), sent as Authorization: Bearer.")
            .define(VEND_ENTITIES, Type.LIST, DEFAULT_ENTITIES, ConfigDef.ValidList.in(Topics.VEND_ENTITIES.toArray(new String[0])),
                    Importance.MEDIUM, "Vend collections to read, each to <prefix>raw.vend.<entity>; any of " + Topics.VEND_ENTITIES
                            + ". Each costs at least one request per poll. 'retailer' is one object, read whole on every poll and published when it changed.")
            .define(VEND_PAGE_SIZE, Type.INT, 10_000, ConfigDef.Range.between(1, 10_000), Importance.LOW,
                    "page_size of version-cursor reads; Vend caps it (10,000 for most 2.0 collections), and fewer pages spend less of the rate budget.")
            .define(VEND_POLL_INTERVAL_MS, Type.LONG, 60_000L, ConfigDef.Range.atLeast(100), Importance.MEDIUM,
                    "How often every entity is read for changes even without webhooks; webhooks are not guaranteed, so this catches lost ones.")
            .define(VEND_REQUEST_TIMEOUT_MS, Type.LONG, 30_000L, ConfigDef.Range.atLeast(100), Importance.LOW,
                    "Timeout of one Vend request.")
            .define(VEND_MAX_ATTEMPTS, Type.INT, 6, ConfigDef.Range.between(1, 50), Importance.LOW,
                    "Attempts per Vend request on 429, 5xx and timeouts before the read is abandoned until the next trigger.")
            .define(VEND_RATE_BUDGET, Type.INT, 0, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                    "Most requests vendsync sends to the store per rate window. 0 derives it at start: " + VEND_RATE_SHARE
                            + " x (300 x registers + 50), with the live registers read from /api/2.0/registers. A positive value overrides that.")
            .define(VEND_RATE_SHARE, Type.DOUBLE, 0.3, ConfigDef.Range.between(0.01, 1.0), Importance.MEDIUM,
                    "Share of Vend's rate limit (300 x registers + 50 per window, tills and other apps included) vendsync may use when " + VEND_RATE_BUDGET + " is 0.")
            .define(VEND_RATE_WINDOW_MS, Type.LONG, 300_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Length of Vend's rate window (5 minutes).")
            .define(WEBHOOK_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM, "Run the webhook receiver.")
            .define(WEBHOOK_HOST, Type.STRING, "0.0.0.0", Importance.LOW, "Interface the webhook receiver binds.")
            .define(WEBHOOK_PORT, Type.INT, 8080, ConfigDef.Range.between(0, 65535), Importance.MEDIUM,
                    "Port of the webhook receiver (0 picks a free one).")
            .define(WEBHOOK_PATH, Type.STRING, "/webhooks/vend", Importance.LOW,
                    "Path Vend posts to; register <path>/<type> per webhook type, e.g. /webhooks/vend/inventory.update.")
            .define(WEBHOOK_BODY_MAX_BYTES, Type.INT, 1_048_576, ConfigDef.Range.atLeast(1024), Importance.LOW,
                    "Largest webhook body accepted; larger ones get 413 and an ingest-error record.")
            .define(WEBHOOK_SECRET, Type.PASSWORD, null, Importance.MEDIUM,
                    "When set, every webhook must carry a valid X-Signature (HMAC-SHA256 of the body); others get 401.")
            .define(INGEST_TRANSACTIONAL_ID, Type.STRING, "", Importance.LOW,
                    "Kafka transactional.id of the raw-event producer; empty derives vendsync-ingest-<domain prefix>. One ingest per store.")
            .define(ERROR_BODY_MAX_BYTES, Type.INT, 16_384, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "How much of a rejected input is kept on the ingest-error topic.");

    public IngestConfig(final Map<?, ?> settings) {
        super(CONFIG_DEF, settings);
    }

    public List<String> entities() {
        return getList(VEND_ENTITIES);
    }

    public String transactionalId() {
        final String configured = getString(INGEST_TRANSACTIONAL_ID);
        return configured.isBlank() ? "vendsync-ingest-" + getString(VEND_DOMAIN_PREFIX) : configured;
    }
}
