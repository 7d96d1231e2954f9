package io.vendsync.mapper.orders.internals;

/** The customer that owns a withheld duplicate's email: its customer key and that email (null for a placeholder). */
public record BuyerOwner(String key, String email) {
}
