package io.vendsync.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * Start-up settings of a {@link VendSimulator}.
 *
 * @param domainPrefix       the store subdomain the simulator pretends to be
 * @param token              the personal token clients must send as {@code Authorization: Bearer <token>}
 * @param port               TCP port on 127.0.0.1; 0 picks an ephemeral port
 * @param rateLimitPerWindow requests allowed per fixed window (Vend: 300 x registers + 50)
 * @param rateWindow         length of the fixed rate-limit window (Vend: 5 minutes)
 * @param maxPageSize        largest {@code page_size} honoured; larger values are clamped to it
 * @param webhookSecret      HMAC key for {@code X-Signature}; {@code null} sends unsigned webhooks
 *                           (as Vend does for personal-token and manual webhooks)
 * @param oauth              the authorised OAuth app, whose access tokens expire and rotate on refresh; {@code null}
 *                           makes {@code token} a personal token that never expires
 */
public record SimulatorOptions(
        String domainPrefix,
        String token,
        int port,
        int rateLimitPerWindow,
        Duration rateWindow,
        int maxPageSize,
        String webhookSecret,
        OAuthApp oauth) {

    /** One register: 300 x 1 + 50 requests per 5 minutes, per the Vend rate-limit docs. */
    public static final int SINGLE_REGISTER_LIMIT = 300 + 50;

    public SimulatorOptions {
        Objects.requireNonNull(domainPrefix, "domainPrefix");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(rateWindow, "rateWindow");
        if (domainPrefix.isBlank()) {
            throw new IllegalArgumentException("domainPrefix must not be blank");
        }
        if (token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (rateLimitPerWindow < 1) {
            throw new IllegalArgumentException("rateLimitPerWindow must be >= 1: " + rateLimitPerWindow);
        }
        if (rateWindow.isNegative() || rateWindow.isZero()) {
            throw new IllegalArgumentException("rateWindow must be positive: " + rateWindow);
        }
        if (maxPageSize < 1) {
            throw new IllegalArgumentException("maxPageSize must be >= 1: " + maxPageSize);
        }
    }

    public SimulatorOptions(final String domainPrefix, final String token, final int port, final int rateLimitPerWindow,
                            final Duration rateWindow, final int maxPageSize, final String webhookSecret) {
        this(domainPrefix, token, port, rateLimitPerWindow, rateWindow, maxPageSize, webhookSecret, null);
    }

    /** Prefix "demo", token "sim-token", ephemeral port, 350 requests per 300 s, page size cap 10 000, unsigned. */
    public static SimulatorOptions defaults() {
        return new SimulatorOptions("demo", "sim-token", 0, SINGLE_REGISTER_LIMIT, Duration.ofSeconds(300), 10_000, null);
    }

    public SimulatorOptions withDomainPrefix(final String value) {
        return new SimulatorOptions(value, token, port, rateLimitPerWindow, rateWindow, maxPageSize, webhookSecret, oauth);
    }

    public SimulatorOptions withToken(final String value) {
        return new SimulatorOptions(domainPrefix, value, port, rateLimitPerWindow, rateWindow, maxPageSize, webhookSecret, oauth);
    }

    public SimulatorOptions withPort(final int value) {
        return new SimulatorOptions(domainPrefix, token, value, rateLimitPerWindow, rateWindow, maxPageSize, webhookSecret, oauth);
    }

    public SimulatorOptions withRateLimitPerWindow(final int value) {
        return new SimulatorOptions(domainPrefix, token, port, value, rateWindow, maxPageSize, webhookSecret, oauth);
    }

    public SimulatorOptions withRateWindow(final Duration value) {
        return new SimulatorOptions(domainPrefix, token, port, rateLimitPerWindow, value, maxPageSize, webhookSecret, oauth);
    }

    /** Vend's formula: 300 requests per register plus 50, per window. */
    public SimulatorOptions withRegisters(final int registers) {
        if (registers < 1) {
            throw new IllegalArgumentException("registers must be >= 1: " + registers);
        }
        return withRateLimitPerWindow(300 * registers + 50);
    }

    public SimulatorOptions withMaxPageSize(final int value) {
        return new SimulatorOptions(domainPrefix, token, port, rateLimitPerWindow, rateWindow, value, webhookSecret, oauth);
    }

    public SimulatorOptions withWebhookSecret(final String value) {
        return new SimulatorOptions(domainPrefix, token, port, rateLimitPerWindow, rateWindow, maxPageSize, value, oauth);
    }

    /**
     * Makes {@code token} the first OAuth access token of {@code app}: it expires after the app's TTL, and
     * {@code POST /api/1.0/token} rotates it.
     */
    public SimulatorOptions withOAuth(final OAuthApp app) {
        return new SimulatorOptions(domainPrefix, token, port, rateLimitPerWindow, rateWindow, maxPageSize, webhookSecret, app);
    }

    /** Keeps the token out of logs. */
    @Override
    public String toString() {
        return "SimulatorOptions[domainPrefix=" + domainPrefix + ", port=" + port
                + ", rateLimitPerWindow=" + rateLimitPerWindow + ", rateWindow=" + rateWindow
                + ", maxPageSize=" + maxPageSize + ", signed=" + (webhookSecret != null) + ", oauth=" + (oauth != null) + "]";
    }
}
