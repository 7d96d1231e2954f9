package io.vendsync.simulator;

import java.time.Instant;

/**
 * One attempted webhook delivery.
 *
 * @param statusCode HTTP status the receiver answered, or -1 when no response arrived
 * @param error      transport error text when no response arrived, else null
 * @param payload    the JSON sent in the {@code payload} form field
 * @param body       the exact form-encoded request body (what {@code X-Signature} signs)
 */
public record WebhookDelivery(
        String webhookId,
        String type,
        String url,
        String payload,
        String body,
        Instant attemptedAt,
        int statusCode,
        String error) {

    /** Vend treats any 2xx as delivered. */
    public boolean succeeded() {
        return statusCode >= 200 && statusCode < 300;
    }
}
