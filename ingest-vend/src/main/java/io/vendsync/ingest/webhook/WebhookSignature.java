package io.vendsync.ingest.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies Vend's {@code X-Signature: signature=<sig>,algorithm=HMAC-SHA256}: an HMAC-SHA256 of the raw
 * request body. Vend's docs leave the digest encoding open (their example looks like base64), so both
 * base64 and hex are accepted; comparison is constant-time.
 */
public final class WebhookSignature {

    private static final String ALGORITHM = "HMAC-SHA256";

    private final byte[] secret;

    public WebhookSignature(final String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public boolean verify(final String header, final byte[] body) {
        if (header == null || header.isBlank()) {
            return false;
        }
        String signature = null;
        String algorithm = null;
        for (final String part : header.split(",")) {
            final int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            final String name = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            final String value = part.substring(eq + 1).trim();
            if ("signature".equals(name)) {
                signature = value;
            } else if ("algorithm".equals(name)) {
                algorithm = value;
            }
        }
        if (signature == null || !ALGORITHM.equalsIgnoreCase(algorithm == null ? ALGORITHM : algorithm)) {
            return false;
        }
        final byte[] expected = mac(body);
        final byte[] base64 = Base64.getEncoder().encodeToString(expected).getBytes(StandardCharsets.US_ASCII);
        final byte[] hex = HexFormat.of().formatHex(expected).getBytes(StandardCharsets.US_ASCII);
        final byte[] given = signature.getBytes(StandardCharsets.US_ASCII);
        final byte[] givenLower = signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(base64, given) | MessageDigest.isEqual(hex, givenLower);
    }

    /** The header Vend would send for this body; used by tests and the simulator's counterpart. */
    public String sign(final byte[] body) {
        return "signature=" + Base64.getEncoder().encodeToString(mac(body)) + ",algorithm=" + ALGORITHM;
    }

    private byte[] mac(final byte[] body) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
