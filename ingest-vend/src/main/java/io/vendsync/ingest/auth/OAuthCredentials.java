package io.vendsync.ingest.auth;

import io.vendsync.ingest.vend.VendExchange;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth2 access to one store (reference 2.2): the access token is refreshed through {@code /api/1.0/token} shortly
 * before it expires and whenever Vend answers 401. Vend rotates refresh tokens (each refresh returns a new one and
 * revokes the old), so each new grant is written to the {@link TokenStore} before it is used: a restart then
 * continues with the newest refresh token instead of the revoked one it was configured with.
 */
public final class OAuthCredentials implements VendCredentials, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OAuthCredentials.class);
    /** Refresh this long before the expiry Vend announced, at most; a fifth of a short lifetime otherwise. */
    private static final long MAX_MARGIN_MILLIS = Duration.ofMinutes(1).toMillis();

    private final TokenEndpoint endpoint;
    private final TokenStore store;
    private final Clock clock;
    private OAuthTokens tokens;
    private long issuedAtMillis;
    /** The tokens in use are not in the store yet (saving them failed): they are saved again on every use until it works. */
    private boolean unsaved;

    private OAuthCredentials(final TokenEndpoint endpoint, final TokenStore store, final Clock clock, final OAuthTokens tokens) {
        this.endpoint = endpoint;
        this.store = store;
        this.clock = clock;
        this.tokens = tokens;
        this.issuedAtMillis = clock.millis();
    }

    /**
     * Starts from the token store when it continues the configured refresh token's chain of rotations, else from the
     * configured tokens (first start, or the operator re-authorised and configured a new refresh token).
     *
     * @param expiresAtMillis when the configured access token expires, 0 when unknown (refreshed on the first 401)
     */
    public static OAuthCredentials open(final Vertx vertx, final String baseUrl, final String accessToken,
                                        final long expiresAtMillis, final String refreshToken, final String clientId,
                                        final String clientSecret, final TokenStore store, final Duration timeout,
                                        final VendExchange.Listener listener, final Clock clock) {
        final String origin = OAuthTokens.originOf(refreshToken);
        final OAuthTokens start;
        try (AutoCloseable ignored = store.lock()) {
            final Optional<OAuthTokens> stored = store.load().filter(t -> t.origin().equals(origin));
            if (stored.isPresent()) {
                start = stored.get();
                LOG.info("OAuth: continuing with the rotated tokens in {}", store.file());
            } else {
                start = new OAuthTokens(accessToken, expiresAtMillis, refreshToken, origin);
                store.save(start);
                LOG.info("OAuth: starting from the configured tokens; rotations are kept in {}", store.file());
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot release the OAuth token store lock " + store.file(), e);
        }
        return new OAuthCredentials(new TokenEndpoint(vertx, baseUrl, clientId, clientSecret, timeout, listener, clock),
                store, clock, start);
    }

    @Override
    public synchronized String accessToken() throws InterruptedException {
        if (unsaved) {
            saveUnderLock();
        }
        if (tokens.expiresAtMillis() > 0 && clock.millis() >= tokens.expiresAtMillis() - margin()) {
            refresh(tokens.accessToken());
        }
        return tokens.accessToken();
    }

    @Override
    public synchronized boolean renewAfterRejection(final String rejected) throws InterruptedException {
        if (!tokens.accessToken().equals(rejected)) {
            // Another request refreshed meanwhile: try again with the newer token.
            return true;
        }
        refresh(rejected);
        return true;
    }

    /** Refreshes under the store's lock; adopts instead a grant another process stored after rotating ours. */
    private void refresh(final String stale) throws InterruptedException {
        try (AutoCloseable ignored = store.lock()) {
            final Optional<OAuthTokens> stored = unsaved ? Optional.empty() // ours are newer than what the store holds
                    : stored().filter(t -> t.origin().equals(tokens.origin()));
            if (stored.isPresent() && !stored.get().refreshToken().equals(tokens.refreshToken())
                    && !stored.get().accessToken().equals(stale)) {
                tokens = stored.get();
                issuedAtMillis = clock.millis();
                LOG.info("OAuth: another process refreshed; using its tokens from {}", store.file());
                return;
            }
            final OAuthTokens fresh = endpoint.refresh(tokens.refreshToken(), tokens.origin());
            // Adopted before it is saved: the old refresh token is revoked from here on, so a failed save must not leave
            // this process holding it (it could never refresh again); the save is then tried again on every use.
            tokens = fresh;
            issuedAtMillis = clock.millis();
            unsaved = true;
            save();
            LOG.info("OAuth: access token refreshed, valid until {} (epoch ms){}", fresh.expiresAtMillis(),
                    unsaved ? "" : "; rotated refresh token saved to " + store.file());
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot release the OAuth token store lock " + store.file(), e);
        }
    }

    /** What the store holds; nothing when it cannot be read (the refresh goes on with the tokens in use). */
    private Optional<OAuthTokens> stored() {
        try {
            return store.load();
        } catch (RuntimeException e) {
            LOG.warn("OAuth: cannot read the token store {}; refreshing with the tokens in use", store.file(), e);
            return Optional.empty();
        }
    }

    private void saveUnderLock() {
        try (AutoCloseable ignored = store.lock()) {
            save();
        } catch (Exception e) {
            LOG.error("OAuth: cannot lock the token store {} to save the rotated refresh token; tried again on the next request",
                    store.file(), e);
        }
    }

    /** Saves the tokens in use, or says loudly that a restart now would need the app re-authorised. */
    private void save() {
        try {
            store.save(tokens);
            if (unsaved) {
                LOG.info("OAuth: rotated refresh token saved to {}", store.file());
            }
            unsaved = false;
        } catch (RuntimeException e) {
            LOG.error("OAuth: the rotated refresh token is in use but not saved to {} (tried again on every request): a restart "
                    + "now would start from a revoked token and need the app re-authorised", store.file(), e);
        }
    }

    private long margin() {
        final long lifetime = Math.max(0, tokens.expiresAtMillis() - issuedAtMillis);
        return Math.min(MAX_MARGIN_MILLIS, lifetime / 5);
    }

    @Override
    public void close() {
        endpoint.close();
    }

    @Override
    public String toString() {
        return "OAuthCredentials[store=" + store.file() + ", redacted]";
    }
}
