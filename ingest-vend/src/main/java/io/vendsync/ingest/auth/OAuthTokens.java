package io.vendsync.ingest.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One OAuth grant: the access token, when it expires (epoch millis, 0 when unknown) and the refresh token that
 * replaces both. {@code origin} is the SHA-256 of the configured refresh token this chain of rotations started
 * from, so a token store left over from an earlier authorisation is recognised and not used.
 */
public record OAuthTokens(String accessToken, long expiresAtMillis, String refreshToken, String origin) {

    public OAuthTokens {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(origin, "origin");
    }

    /** Hex SHA-256 of a configured refresh token: identifies it in the store without keeping it twice. */
    public static String originOf(final String configuredRefreshToken) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(configuredRefreshToken.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** Never prints a token. */
    @Override
    public String toString() {
        return "OAuthTokens[expiresAtMillis=" + expiresAtMillis + ", redacted]";
    }
}
