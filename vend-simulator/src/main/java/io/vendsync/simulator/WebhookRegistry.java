package io.vendsync.simulator;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Webhook subscriptions of the simulated retailer (API 0.9 {@code /api/webhooks}). */
final class WebhookRegistry {
    /** The seven documented types; Vend has no create or delete events. */
    static final Set<String> TYPES = Set.of(
            "product.update", "inventory.update", "sale.update", "customer.update",
            "register_closure.create", "consignment.send", "consignment.receive");

    private final String retailerId;
    private final Map<String, Webhook> byId = new LinkedHashMap<>();

    WebhookRegistry(final String retailerId) {
        this.retailerId = retailerId;
    }

    /** @throws IllegalArgumentException for an unknown type or a URL that is not absolute http(s) */
    synchronized Webhook create(final String url, final boolean active, final String type) {
        final Webhook webhook = new Webhook(UUID.randomUUID().toString(), retailerId, active, validType(type), validUrl(url));
        byId.put(webhook.id(), webhook);
        return webhook;
    }

    synchronized Optional<Webhook> get(final String id) {
        return Optional.ofNullable(byId.get(id));
    }

    synchronized boolean delete(final String id) {
        return byId.remove(id) != null;
    }

    synchronized List<Webhook> all() {
        return new ArrayList<>(byId.values());
    }

    synchronized List<Webhook> activeFor(final String type) {
        final List<Webhook> matching = new ArrayList<>();
        for (final Webhook webhook : byId.values()) {
            if (webhook.active() && webhook.type().equals(type)) {
                matching.add(webhook);
            }
        }
        return matching;
    }

    private static String validType(final String type) {
        if (type == null || !TYPES.contains(type.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("invalid webhook type: " + type + "; expected one of " + TYPES);
        }
        return type.toLowerCase(Locale.ROOT);
    }

    private static String validUrl(final String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("url is required");
        }
        try {
            final URI uri = new URI(url);
            final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("url must be an absolute http(s) URL: " + url);
            }
            return url;
        } catch (final URISyntaxException e) {
            throw new IllegalArgumentException("url is not a valid URL: " + url, e);
        }
    }
}
