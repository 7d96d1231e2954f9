package io.vendsync.ingest;

import io.vendsync.ingest.auth.OAuthCredentials;
import io.vendsync.ingest.auth.PersonalToken;
import io.vendsync.ingest.auth.TokenStore;
import io.vendsync.ingest.auth.VendCredentials;
import io.vendsync.ingest.publish.OpsRecorder;
import io.vendsync.ingest.vend.RateBudget;
import io.vendsync.ingest.vend.RateGovernor;
import io.vendsync.ingest.vend.VendApiClient;
import io.vendsync.ingest.vend.VendEdgeStatistics;
import io.vendsync.runtime.CommonConfig;
import io.vendsync.schemas.Topics;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way to one Vend store, shared by the ingest, the snapshot command and the reconciliation: the HTTP client, its
 * rate governor and the recorder of every exchange. The budget is settled before anything else reads the store.
 */
public final class VendConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VendConnection.class);
    private static final int REGISTER_PAGE_SIZE = 1_000;

    final Vertx vertx;
    final OpsRecorder ops;
    final RateGovernor governor;
    final VendApiClient vend;
    private final VendCredentials credentials;
    /** Vend's own limit per window for the whole store (300 x registers + 50); 0 when the budget was configured. */
    private int vendLimit;

    private VendConnection(final Vertx vertx, final OpsRecorder ops, final RateGovernor governor, final VendApiClient vend,
                           final VendCredentials credentials) {
        this.vertx = vertx;
        this.ops = ops;
        this.governor = governor;
        this.vend = vend;
        this.credentials = credentials;
    }

    public VendApiClient vend() {
        return vend;
    }

    public RateGovernor governor() {
        return governor;
    }

    /** Vend's limit per window for the whole store, counted from its registers; 0 when {@code vend.rate.budget} was set. */
    public int vendLimit() {
        return vendLimit;
    }

    /** Connects and settles the budget: {@code vend.rate.budget}, else {@code vend.rate.share} of Vend's limit. */
    public static VendConnection open(final IngestConfig config, final Topics topics, final Properties kafka, final Clock clock)
            throws InterruptedException {
        final String domainPrefix = config.getString(IngestConfig.VEND_DOMAIN_PREFIX);
        final int explicitBudget = config.getInt(IngestConfig.VEND_RATE_BUDGET);
        final double share = config.getDouble(IngestConfig.VEND_RATE_SHARE);
        config.cleartextWarning().ifPresent(LOG::warn);
        final Vertx vertx = Vertx.vertx();
        final OpsRecorder ops = new OpsRecorder(kafka, topics, domainPrefix, config.getInt(IngestConfig.ERROR_BODY_MAX_BYTES), clock);
        // Until the registers are counted, assume one: the smallest store, so counting them cannot overspend.
        final RateGovernor governor = new RateGovernor(explicitBudget > 0 ? explicitBudget : RateBudget.share(1, share),
                Duration.ofMillis(config.getLong(IngestConfig.VEND_RATE_WINDOW_MS)), clock);
        final Duration timeout = Duration.ofMillis(config.getLong(IngestConfig.VEND_REQUEST_TIMEOUT_MS));
        final VendCredentials credentials;
        try {
            credentials = credentials(config, vertx, ops, timeout, clock);
        } catch (RuntimeException e) {
            ops.close();
            vertx.close();
            throw e;
        }
        final VendApiClient vend = new VendApiClient(vertx, config.getString(IngestConfig.VEND_BASE_URL), credentials, governor,
                timeout, config.getInt(IngestConfig.VEND_MAX_ATTEMPTS), config.backoff(), new VendEdgeStatistics(),
                config.getInt(IngestConfig.INTEGRATION_LOG_BODY_MAX_BYTES), CommonConfig.payloadMasker(config), ops, ops);
        final VendConnection connection = new VendConnection(vertx, ops, governor, vend, credentials);
        try {
            if (explicitBudget == 0) {
                final int registers = vend.countLive("registers", REGISTER_PAGE_SIZE);
                governor.setBudget(RateBudget.share(registers, share));
                connection.vendLimit = RateBudget.vendLimit(registers);
                LOG.info("Store '{}' has {} register(s): Vend allows {} requests per {}; vendsync takes {} ({} share)",
                        domainPrefix, registers, RateBudget.vendLimit(registers), governor.window(), governor.budget(), share);
            } else {
                LOG.info("Rate budget for store '{}': {} requests per {} (configured)", domainPrefix, explicitBudget,
                        governor.window());
            }
        } catch (InterruptedException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private static VendCredentials credentials(final IngestConfig config, final Vertx vertx, final OpsRecorder ops,
                                               final Duration timeout, final Clock clock) {
        final String token = config.getPassword(IngestConfig.VEND_TOKEN).value();
        if (!config.oauth()) {
            return new PersonalToken(token);
        }
        return OAuthCredentials.open(vertx, config.getString(IngestConfig.VEND_BASE_URL), token,
                config.getLong(IngestConfig.VEND_OAUTH_ACCESS_TOKEN_EXPIRES) * 1000L,
                config.getPassword(IngestConfig.VEND_OAUTH_REFRESH_TOKEN).value(),
                config.getPassword(IngestConfig.VEND_OAUTH_CLIENT_ID).value(),
                config.getPassword(IngestConfig.VEND_OAUTH_CLIENT_SECRET).value(),
                new TokenStore(config.oauthTokenStore()), timeout, ops, clock);
    }

    @Override
    public void close() {
        vend.close();
        if (credentials instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Closing the Vend credentials failed", e);
            }
        }
        ops.close();
        vertx.close();
    }
}
