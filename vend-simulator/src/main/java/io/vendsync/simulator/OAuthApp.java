package io.vendsync.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * The OAuth app a simulated store has authorised (reference 2.2): the client credentials the token endpoint checks,
 * the refresh token handed out at authorisation, and how long each access token lives (Vend: 86 400 s, unconfirmed;
 * tests shorten it to make expiry happen mid-read). The simulator's {@code token} is then the first access token.
 */
public record OAuthApp(String clientId, String clientSecret, String refreshToken, Duration accessTokenTtl) {

    public OAuthApp {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(accessTokenTtl, "accessTokenTtl");
        if (accessTokenTtl.isNegative() || accessTokenTtl.isZero()) {
            throw new IllegalArgumentException("accessTokenTtl must be positive: " + accessTokenTtl);
        }
    }

    /** Keeps the secrets out of logs. */
    @Override
    public String toString() {
        return "OAuthApp[accessTokenTtl=" + accessTokenTtl + "]";
    }
}
