package io.vendsync.ingest;

import io.vendsync.ingest.vend.Backoff;
import io.vendsync.ingest.vend.VendCollections;
import io.vendsync.runtime.CommonConfig;
import io.vendsync.schemas.Topics;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Every setting of the Vend ingest, declared once with type, default, validation and documentation. */
public final class IngestConfig extends AbstractConfig {

    public static final String VEND_BASE_URL = "vend.base.url";
    public static final String VEND_DOMAIN_PREFIX = "vend.domain.prefix";
    public static final String VEND_TOKEN = "vend.token";
    public static final String VEND_AUTH_MODE = "vend.auth.mode";
    public static final String VEND_OAUTH_CLIENT_ID = "vend.oauth.client.id";
    public static final String VEND_OAUTH_CLIENT_SECRET = "vend.oauth.client.secret";
    public static final String VEND_OAUTH_REFRESH_TOKEN = "vend.oauth.refresh.token";
    public static final String VEND_OAUTH_ACCESS_TOKEN_EXPIRES = "vend.oauth.access.token.expires";
    public static final String VEND_OAUTH_TOKEN_STORE = "vend.oauth.token.store";
    public static final String VEND_ENTITIES = "vend.entities";
    public static final String VEND_PAGE_SIZE = "vend.page.size";
    public static final String VEND_POLL_INTERVAL_MS = "vend.poll.interval.ms";
    /** {@code vend.poll.interval.ms.<entity>}: one key per Vend entity, see {@link #pollIntervalKey}. */
    public static final String VEND_POLL_INTERVAL_MS_PREFIX = VEND_POLL_INTERVAL_MS + ".";
    public static final String VEND_READ_OVERLAP_VERSIONS = "vend.read.overlap.versions";
    public static final String VEND_REQUEST_TIMEOUT_MS = "vend.request.timeout.ms";
    public static final String VEND_MAX_ATTEMPTS = "vend.max.attempts";
    public static final String VEND_RETRY_BACKOFF_MS = "vend.retry.backoff.ms";
    public static final String VEND_RETRY_BACKOFF_MAX_MS = "vend.retry.backoff.max.ms";
    public static final String VEND_RATE_BUDGET = "vend.rate.budget";
    public static final String VEND_RATE_WINDOW_MS = "vend.rate.window.ms";
    public static final String VEND_RATE_SHARE = "vend.rate.share";
    public static final String VEND_RELIST_ENTITIES = "vend.relist.entities";
    public static final String VEND_RELIST_INTERVAL_MS = "vend.relist.interval.ms";
    /** The scheduler's name of an entity's listing ({@link io.vendsync.ingest.delta.DeltaReader#relist}). */
    public static final String RELIST_JOB_SUFFIX = "#relist";
    public static final String WEBHOOK_ENABLED = "webhook.enabled";
    public static final String WEBHOOK_HOST = "webhook.host";
    public static final String WEBHOOK_PORT = "webhook.port";
    public static final String WEBHOOK_PATH = "webhook.path";
    public static final String WEBHOOK_BODY_MAX_BYTES = "webhook.body.max.bytes";
    public static final String WEBHOOK_SECRET = "webhook.secret";
    public static final String INGEST_TRANSACTIONAL_ID = "ingest.transactional.id";
    public static final String ERROR_BODY_MAX_BYTES = "ingest.error.body.max.bytes";
    /** Declared with the common settings: the sink keeps bodies by the same rule. */
    public static final String INTEGRATION_LOG_BODY_MAX_BYTES = CommonConfig.INTEGRATION_LOG_BODY_MAX_BYTES;

    public static final String AUTH_PERSONAL_TOKEN = "personal-token";
    public static final String AUTH_OAUTH = "oauth";
    private static final long MIN_POLL_INTERVAL_MS = 100;

    /**
     * Read unless configured otherwise: everything the mappers consume, so the defaults sync the whole mission (stock,
     * prices and taxes; customers and groups; sales with the registers and payment types they name). Every collection
     * costs at least one request per poll from a budget of a few hundred per 5 minutes, so the rest (brands,
     * suppliers, product types, consignments) are opt-in.
     */
    public static final List<String> DEFAULT_ENTITIES = List.of("retailer", "outlets", "registers", "taxes", "payment_types",
            "customer_groups", "customers", "products", "outlet_taxes", "price_books", "price_book_products", "inventory",
            "sales");

    public static final ConfigDef CONFIG_DEF = CommonConfig.define(new ConfigDef())
            .define(VEND_BASE_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Vend store base URL without /api, e.g. https://mystore.retail.lightspeed.app (or the legacy https://mystore.vendhq.com). "
                            + "Plain http to a host other than this machine is accepted (a test rig) but warned about at start: the "
                            + "token would cross the network unencrypted.")
            .define(VEND_DOMAIN_PREFIX, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "The store's domain prefix; names the store in raw events and cursors.")
            .define(VEND_TOKEN, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
                    "Vend personal token, or with " + VEND_AUTH_MODE + "=oauth the OAuth access token to start with; sent as Authorization: Bearer.")
            .define(VEND_AUTH_MODE, Type.STRING, AUTH_PERSONAL_TOKEN, ConfigDef.ValidString.in(AUTH_PERSONAL_TOKEN, AUTH_OAUTH),
                    Importance.HIGH, "How vendsync authenticates to Vend: 'personal-token' (" + VEND_TOKEN + " never changes) or 'oauth' ("
                            + VEND_TOKEN + " is an access token refreshed through POST <base>/api/1.0/token before it expires and on a 401, with "
                            + VEND_OAUTH_REFRESH_TOKEN + ", " + VEND_OAUTH_CLIENT_ID + " and " + VEND_OAUTH_CLIENT_SECRET + ", all required then).")
            .define(VEND_OAUTH_CLIENT_ID, Type.PASSWORD, null, Importance.MEDIUM,
                    "OAuth: the app's client_id, sent to the token endpoint when refreshing.")
            .define(VEND_OAUTH_CLIENT_SECRET, Type.PASSWORD, null, Importance.MEDIUM,
                    "OAuth: the app's client_secret, sent to the token endpoint when refreshing.")
            .define(VEND_OAUTH_REFRESH_TOKEN, Type.PASSWORD, null, Importance.MEDIUM,
                    "OAuth: the refresh token from authorising the app. Vend rotates it on every refresh (the old one is revoked), so "
                            + "vendsync keeps the newest in " + VEND_OAUTH_TOKEN_STORE + " and uses that on restart; configuring a different "
                            + "refresh token (after re-authorising) replaces what the store holds.")
            .define(VEND_OAUTH_ACCESS_TOKEN_EXPIRES, Type.LONG, 0L, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "OAuth: when " + VEND_TOKEN + " expires, in unix seconds (Vend's 'expires'); 0 = unknown, refreshed on the first 401. "
                            + "Refreshed tokens carry their own expiry.")
            .define(VEND_OAUTH_TOKEN_STORE, Type.STRING, "", Importance.MEDIUM,
                    "OAuth (required then): file that holds the rotated tokens, written atomically, owner-only, before a new token is used. "
                            + "A file, not a topic, so credentials never sit in Kafka; put it on a persistent volume private to this ingest. "
                            + "A '<file>.lock' beside it serialises refreshes between the ingest and the snapshot command.")
            .define(VEND_ENTITIES, Type.LIST, DEFAULT_ENTITIES, ConfigDef.ValidList.in(Topics.VEND_ENTITIES.toArray(new String[0])),
                    Importance.MEDIUM, "Vend collections to read, each to <prefix>raw.vend.<entity>; any of " + Topics.VEND_ENTITIES
                            + ". Each costs at least one request per poll. 'retailer' is one object, read whole on every poll and published when it changed.")
            .define(VEND_RELIST_ENTITIES, Type.LIST, VendCollections.WITHOUT_DELETED_PARAMETER,
                    ConfigDef.ValidList.in(VendCollections.WITHOUT_DELETED_PARAMETER.toArray(new String[0])), Importance.MEDIUM,
                    "Collections whose deletions vendsync finds by listing them whole every vend.relist.interval.ms"
                            + " (of those read, " + VEND_ENTITIES + "): Vend's 2.0 API lists them without their deleted records "
                            + "and takes no deleted=true, so a deleted one simply stops being listed. A record published before "
                            + "and missing from two complete listings in a row is published as deleted (op=d, its last JSON with "
                            + "deleted_at); one listed again after that is published again. "
                            + "The ingest keeps the last record of each id of these in memory (about half a kilobyte of heap each) "
                            + "and on a private compacted topic, so a restart still finds what was deleted while it was down.")
            .define(VEND_RELIST_INTERVAL_MS, Type.LONG, 300_000L, ConfigDef.LambdaValidator.with((name, value) -> {
                        if ((Long) value != 0 && (Long) value < MIN_POLL_INTERVAL_MS) {
                            throw new ConfigException(name, value, "must be 0 or at least " + MIN_POLL_INTERVAL_MS);
                        }
                    }, () -> "0, or at least " + MIN_POLL_INTERVAL_MS), Importance.MEDIUM,
                    "How often each collection of " + VEND_RELIST_ENTITIES + " is listed whole (0 = never: deletions there are "
                            + "then never seen); a record is taken as deleted once two listings in a row missed it. Each listing "
                            + "costs ceil(records / page_size) + 1 requests (the empty page ends it).")
            .define(VEND_PAGE_SIZE, Type.INT, 10_000, ConfigDef.Range.between(1, 10_000), Importance.LOW,
                    "page_size of version-cursor reads; Vend caps it (10,000 for most 2.0 collections), and fewer pages spend less of the rate budget. "
                            + "A store that answers 400 to it, or whose page of that size times out (or answers 504) in its last attempt, "
                            + "is asked for 5,000, 1,000, then 200 (per collection; the size that served a page is kept while the process runs).")
            .define(VEND_POLL_INTERVAL_MS, Type.LONG, 60_000L, ConfigDef.Range.atLeast(MIN_POLL_INTERVAL_MS), Importance.MEDIUM,
                    "How often every entity is read for changes even without webhooks; webhooks are not guaranteed, so this catches lost ones. "
                            + VEND_POLL_INTERVAL_MS_PREFIX + "<entity> overrides it per entity.")
            .define(VEND_READ_OVERLAP_VERSIONS, Type.LONG, 0L, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "0 = off. Vend does not confirm that a write which commits late can never get a version below one already read "
                            + "(reference 4, unconfirmed). When > 0, a delta read starts at max(0, cursor - this) and publishes only records it "
                            + "has not published (same id and version); the (id, version) pairs of that window are remembered per entity, bounded. "
                            + "Costs no extra requests, only re-reads of the window; after a restart the window is republished once.")
            .define(VEND_REQUEST_TIMEOUT_MS, Type.LONG, 30_000L, ConfigDef.Range.atLeast(100), Importance.LOW,
                    "Total deadline of one Vend request: connecting, the headers and the whole body. A server that never answers "
                            + "or trickles a body forever is cut off after it, and the request is tried again after a back-off.")
            .define(VEND_MAX_ATTEMPTS, Type.INT, 6, ConfigDef.Range.between(1, 50), Importance.LOW,
                    "Attempts per Vend request on 429, 5xx, timeouts, broken connections and unusable 2xx answers before the read "
                            + "is abandoned until the next trigger (a 401 and a record of the wrong shape get at most 3).")
            .define(VEND_RETRY_BACKOFF_MS, Type.LONG, 1_000L, ConfigDef.Range.atLeast(1_000), Importance.LOW,
                    "First back-off between attempts of a failed Vend request; it doubles per attempt up to "
                            + VEND_RETRY_BACKOFF_MAX_MS + ", plus up to half again of random jitter. At least 1 s.")
            .define(VEND_RETRY_BACKOFF_MAX_MS, Type.LONG, 30_000L, ConfigDef.Range.atLeast(1_000), Importance.LOW,
                    "Cap of the back-off step between attempts of a failed Vend request (the jitter adds up to half of it).")
            .define(VEND_RATE_BUDGET, Type.INT, 0, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                    "Most requests vendsync sends to the store per rate window. 0 derives it at start: " + VEND_RATE_SHARE
                            + " x (300 x registers + 50), with the live registers read from /api/2.0/registers. A positive value overrides that.")
            .define(VEND_RATE_SHARE, Type.DOUBLE, 0.5, ConfigDef.Range.between(0.01, 1.0), Importance.MEDIUM,
                    "Share of Vend's rate limit (300 x registers + 50 per window) the ingest may use when " + VEND_RATE_BUDGET + " is 0. "
                            + "Vend counts each application's requests apart from the tills', so the rest is for a snapshot or "
                            + "reconcile run beside the ingest (same application), not for the store; lower it where older Vend "
                            + "accounts still count every app against one limit.")
            .define(VEND_RATE_WINDOW_MS, Type.LONG, 300_000L, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Length of Vend's rate window (5 minutes).")
            .define(WEBHOOK_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM, "Run the webhook receiver.")
            .define(WEBHOOK_HOST, Type.STRING, "0.0.0.0", Importance.LOW, "Interface the webhook receiver binds.")
            .define(WEBHOOK_PORT, Type.INT, 8080, ConfigDef.Range.between(0, 65535), Importance.MEDIUM,
                    "Port of the webhook receiver (0 picks a free one).")
            .define(WEBHOOK_PATH, Type.STRING, "/webhooks/vend", Importance.LOW,
                    "Path Vend posts to; register <path>/<type> per webhook type, e.g. /webhooks/vend/inventory.update, or <path> alone for every type (the type is then read from the payload).")
            .define(WEBHOOK_BODY_MAX_BYTES, Type.INT, 1_048_576, ConfigDef.Range.atLeast(1024), Importance.LOW,
                    "Largest webhook body accepted; larger ones get 413 and an ingest-error record.")
            .define(WEBHOOK_SECRET, Type.PASSWORD, null, Importance.MEDIUM,
                    "When set, every webhook must carry a valid X-Signature (HMAC-SHA256 of the body); others get 401.")
            .define(INGEST_TRANSACTIONAL_ID, Type.STRING, "", Importance.LOW,
                    "Kafka transactional.id of the raw-event producer; empty derives vendsync-ingest-<domain prefix>. One ingest per store.")
            .define(ERROR_BODY_MAX_BYTES, Type.INT, 16_384, ConfigDef.Range.atLeast(0), Importance.LOW,
                    "How much of a rejected input is kept on the ingest-error topic.");

    static {
        // One key per Vend entity, so each is typed, validated and documented like any other setting.
        for (final String entity : Topics.VEND_ENTITIES) {
            CONFIG_DEF.define(pollIntervalKey(entity), Type.LONG, null,
                    ConfigDef.LambdaValidator.with((name, value) -> {
                        if (value != null && (Long) value < MIN_POLL_INTERVAL_MS) {
                            throw new ConfigException(name, value, "must be at least " + MIN_POLL_INTERVAL_MS);
                        }
                    }, () -> "null or at least " + MIN_POLL_INTERVAL_MS),
                    Importance.LOW, "How often '" + entity + "' is polled; unset = " + VEND_POLL_INTERVAL_MS + ".");
        }
    }

    public IngestConfig(final Map<?, ?> settings) {
        super(CONFIG_DEF, settings);
        if (oauth()) {
            for (final String key : List.of(VEND_OAUTH_CLIENT_ID, VEND_OAUTH_CLIENT_SECRET, VEND_OAUTH_REFRESH_TOKEN)) {
                final Password value = getPassword(key);
                if (value == null || value.value().isBlank()) {
                    throw new ConfigException(key, value, "required when " + VEND_AUTH_MODE + "=" + AUTH_OAUTH);
                }
            }
            if (getString(VEND_OAUTH_TOKEN_STORE).isBlank()) {
                throw new ConfigException(VEND_OAUTH_TOKEN_STORE, "", "required when " + VEND_AUTH_MODE + "=" + AUTH_OAUTH
                        + ": Vend rotates refresh tokens, so the newest must survive a restart");
            }
        }
        if (getLong(VEND_RETRY_BACKOFF_MAX_MS) < getLong(VEND_RETRY_BACKOFF_MS)) {
            throw new ConfigException(VEND_RETRY_BACKOFF_MAX_MS, getLong(VEND_RETRY_BACKOFF_MAX_MS),
                    "must be at least " + VEND_RETRY_BACKOFF_MS + " (" + getLong(VEND_RETRY_BACKOFF_MS) + ")");
        }
    }

    /** The back-off between attempts of a failed Vend request. */
    public Backoff backoff() {
        return new Backoff(Duration.ofMillis(getLong(VEND_RETRY_BACKOFF_MS)), Duration.ofMillis(getLong(VEND_RETRY_BACKOFF_MAX_MS)));
    }

    /** The key of an entity's poll interval, e.g. {@code vend.poll.interval.ms.taxes}. */
    public static String pollIntervalKey(final String entity) {
        return VEND_POLL_INTERVAL_MS_PREFIX + entity.toLowerCase(Locale.ROOT);
    }

    /**
     * A warning when {@code vend.base.url} is plain http to a host other than this machine: the token (and, with OAuth,
     * the client secret and refresh token) would cross the network unencrypted. Allowed, since a test rig or a
     * Vend stand-in may serve http, but said at start; none for https or a loopback host (the simulator).
     */
    public Optional<String> cleartextWarning() {
        final String url = getString(VEND_BASE_URL);
        final URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not a URI at all: the first request says so
        }
        final String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        final boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
        if (!"http".equalsIgnoreCase(uri.getScheme()) || loopback) {
            return Optional.empty();
        }
        return Optional.of(VEND_BASE_URL + " " + url + " is plain http to another host: the Vend token"
                + (oauth() ? ", client secret and refresh token" : "") + " cross the network unencrypted. Vend serves https only;"
                + " use https://<prefix>.retail.lightspeed.app outside a test rig.");
    }

    public boolean oauth() {
        return AUTH_OAUTH.equals(getString(VEND_AUTH_MODE));
    }

    public Path oauthTokenStore() {
        return Path.of(getString(VEND_OAUTH_TOKEN_STORE));
    }

    public Duration defaultPollInterval() {
        return Duration.ofMillis(getLong(VEND_POLL_INTERVAL_MS));
    }

    /** The entities whose poll interval is set explicitly, with that interval. */
    public Map<String, Duration> pollIntervals() {
        final Map<String, Duration> intervals = new LinkedHashMap<>();
        for (final String entity : Topics.VEND_ENTITIES) {
            final Long millis = getLong(pollIntervalKey(entity));
            if (millis != null) {
                intervals.put(entity, Duration.ofMillis(millis));
            }
        }
        return intervals;
    }

    public List<String> entities() {
        return getList(VEND_ENTITIES);
    }

    /** The collections read that are listed whole to find their deletions; none when the interval is 0. */
    public Set<String> relistedEntities() {
        if (getLong(VEND_RELIST_INTERVAL_MS) == 0) {
            return Set.of();
        }
        final Set<String> relisted = new LinkedHashSet<>(getList(VEND_RELIST_ENTITIES));
        relisted.retainAll(entities());
        return relisted;
    }

    /** The scheduler's jobs: each entity read, then each listing ({@link #RELIST_JOB_SUFFIX}). */
    public List<String> readJobs() {
        final List<String> jobs = new ArrayList<>(entities());
        relistedEntities().forEach(entity -> jobs.add(entity + RELIST_JOB_SUFFIX));
        return jobs;
    }

    /** Each job's interval where it is not the default: the per-entity poll intervals, and the listings'. */
    public Map<String, Duration> jobIntervals() {
        final Map<String, Duration> intervals = new LinkedHashMap<>(pollIntervals());
        relistedEntities().forEach(entity -> intervals.put(entity + RELIST_JOB_SUFFIX,
                Duration.ofMillis(getLong(VEND_RELIST_INTERVAL_MS))));
        return intervals;
    }

    public String transactionalId() {
        final String configured = getString(INGEST_TRANSACTIONAL_ID);
        return configured.isBlank() ? "vendsync-ingest-" + getString(VEND_DOMAIN_PREFIX) : configured;
    }
}
