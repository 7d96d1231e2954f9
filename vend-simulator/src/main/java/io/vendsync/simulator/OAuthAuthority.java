package io.vendsync.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Issues and checks OAuth tokens the way reference 2.2 describes Vend's: a refresh through {@code /api/1.0/token}
 * returns a new access token and a new refresh token, and revokes the old ones (rotation), so a client that keeps
 * using a rotated refresh token is refused. Only one refresh token is valid at a time.
 */
final class OAuthAuthority {

    /** A successful refresh. */
    record Grant(String accessToken, String refreshToken, Instant expires, long expiresInSeconds) {
    }

    /** Why a refresh was refused: the OAuth error code and a message. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String error;

        Refused(final int status, final String error, final String message) {
            super(message);
            this.status = status;
            this.error = error;
        }

        int status() {
            return status;
        }

        String error() {
            return error;
        }
    }

    private final OAuthApp app;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> accessTokens = new HashMap<>();
    private String refreshToken;
    private int refreshes;

    OAuthAuthority(final OAuthApp app, final String firstAccessToken, final Clock clock) {
        this.app = Objects.requireNonNull(app, "app");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refreshToken = app.refreshToken();
        accessTokens.put(firstAccessToken, clock.instant().plus(app.accessTokenTtl()));
    }

    /** Whether the bearer token is a live access token: issued, not rotated away, not expired. */
    synchronized boolean validAccess(final String presented) {
        for (final Map.Entry<String, Instant> token : accessTokens.entrySet()) {
            if (equal(token.getKey(), presented)) {
                return clock.instant().isBefore(token.getValue());
            }
        }
        return false;
    }

    synchronized Grant refresh(final String grantType, final String clientId, final String clientSecret,
                               final String presentedRefreshToken) throws Refused {
        if (!"refresh_token".equals(grantType)) {
            throw new Refused(400, "unsupported_grant_type", "grant_type must be refresh_token (authorization_code is not simulated)");
        }
        if (!equal(app.clientId(), clientId) || !equal(app.clientSecret(), clientSecret)) {
            throw new Refused(401, "invalid_client", "Unknown client_id or wrong client_secret");
        }
        if (refreshToken == null || !equal(refreshToken, presentedRefreshToken)) {
            throw new Refused(400, "invalid_grant", "The refresh token is invalid, was rotated by an earlier refresh, or was revoked");
        }
        // Rotation: the old refresh token and every earlier access token stop working now.
        accessTokens.clear();
        final String access = token();
        final Instant expires = clock.instant().plus(app.accessTokenTtl());
        accessTokens.put(access, expires);
        refreshToken = token();
        refreshes++;
        return new Grant(access, refreshToken, expires, app.accessTokenTtl().toSeconds());
    }

    /** The store revoked the app (e.g. uninstalled it): no refresh token works any more. */
    synchronized void revoke() {
        refreshToken = null;
        accessTokens.clear();
    }

    synchronized int refreshes() {
        return refreshes;
    }

    /** The refresh token that works now, for tests that play the operator re-authorising the app. */
    synchronized Optional<String> currentRefreshToken() {
        return Optional.ofNullable(refreshToken);
    }

    private String token() {
        final byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean equal(final String expected, final String presented) {
        return presented != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
