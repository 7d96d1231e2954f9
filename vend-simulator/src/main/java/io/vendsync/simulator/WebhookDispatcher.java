package io.vendsync.simulator;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers webhooks the way Vend does: an asynchronous form-encoded POST whose {@code payload} field
 * holds the 1.0-shaped JSON. One attempt per event; Vend's retries (up to 20 over 48 h) are not
 * simulated, which also models its "reliable but not guaranteed" delivery.
 */
final class WebhookDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    /** Vend gives the receiver 5 s to answer. */
    static final long RECEIVER_TIMEOUT_MS = 5_000;

    private final WebClient client;
    private final WebhookRegistry registry;
    private final String domainPrefix;
    private final WebhookSigner signer;
    private final Clock clock;
    private final List<WebhookDelivery> deliveries = new CopyOnWriteArrayList<>();

    /** @param signer null for unsigned deliveries */
    WebhookDispatcher(final WebClient client, final WebhookRegistry registry, final String domainPrefix,
                      final WebhookSigner signer, final Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.domainPrefix = Objects.requireNonNull(domainPrefix, "domainPrefix");
        this.signer = signer;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Starts one delivery per active subscription of {@code type}; never waits for the receivers. */
    void fire(final String type, final String payloadJson) {
        for (final Webhook webhook : registry.activeFor(type)) {
            deliver(webhook, payloadJson);
        }
    }

    List<WebhookDelivery> deliveries() {
        return List.copyOf(deliveries);
    }

    int deliveryCount() {
        return deliveries.size();
    }

    /**
     * Sends an earlier delivery again, exactly (same body, signed again): Vend retries a delivery it thinks failed, so
     * receivers see duplicates, and a retry that arrives after a newer delivery is an out-of-order (older) one.
     */
    void redeliver(final WebhookDelivery previous) {
        send(previous.webhookId(), previous.type(), previous.url(), previous.payload(), previous.body());
    }

    private void deliver(final Webhook webhook, final String payloadJson) {
        send(webhook.id(), webhook.type(), webhook.url(), payloadJson, formBody(webhook.type(), payloadJson));
    }

    private void send(final String webhookId, final String type, final String url, final String payloadJson,
                      final String body) {
        final Instant attemptedAt = clock.instant();
        final var request = client.postAbs(url)
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .putHeader("User-Agent", "vendsync-vend-simulator")
                .timeout(RECEIVER_TIMEOUT_MS);
        if (signer != null) {
            request.putHeader(WebhookSigner.HEADER, signer.headerValue(body));
        }
        request.sendBuffer(Buffer.buffer(body, "UTF-8")).onComplete(result -> {
            if (result.succeeded()) {
                deliveries.add(new WebhookDelivery(webhookId, type, url, payloadJson, body,
                        attemptedAt, result.result().statusCode(), null));
            } else {
                final String error = String.valueOf(result.cause());
                LOG.debug("webhook {} to {} failed: {}", type, url, error);
                deliveries.add(new WebhookDelivery(webhookId, type, url, payloadJson, body, attemptedAt, -1, error));
            }
        });
    }

    private String formBody(final String type, final String payloadJson) {
        return field("domain_prefix", domainPrefix)
                + '&' + field("environment", "production")
                + '&' + field("payload", payloadJson)
                // Unconfirmed: the docs do not promise a "type" form field; receivers should route by URL.
                + '&' + field("type", type);
    }

    private static String field(final String name, final String value) {
        return name + '=' + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
