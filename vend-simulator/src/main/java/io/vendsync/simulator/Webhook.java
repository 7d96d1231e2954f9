package io.vendsync.simulator;

/** A webhook subscription in the API 0.9 shape {@code {id, retailer_id, active, type, url}}. */
public record Webhook(String id, String retailerId, boolean active, String type, String url) {
}
