package io.vendsync.simulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds Vend's {@code X-Signature: signature=<sig>,algorithm=HMAC-SHA256}. The docs leave the key,
 * the encoding and the signed bytes unconfirmed; the simulator picks the likeliest reading: the
 * configured secret, base64, over the raw form-encoded body.
 */
final class WebhookSigner {
    static final String HEADER = "X-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    WebhookSigner(final String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    String headerValue(final String body) {
        return "signature=" + sign(body) + ",algorithm=HMAC-SHA256";
    }

    String sign(final String body) {
        try {
            final Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (final GeneralSecurityException e) {
            // HmacSHA256 is mandatory in every JRE, so this is a broken runtime, not a caller error.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
