package io.vendsync.mapper.orders.internals;

import io.vendsync.schemas.canonical.v1.Order;
import io.vendsync.schemas.canonical.v1.ValidationError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What mapping one sale gave: the order to publish (null: none, the sale is parked, pending under the wait policy, or
 * waits for a mapping) and the problems found. {@link #fingerprint()} leaves out times, so the same outcome computed
 * again (a context change that did not touch the sale) is not published twice.
 */
public record OrderOutcome(Order order, List<ValidationError> errors) {

    public static final OrderOutcome NOTHING = new OrderOutcome(null, List.of());

    public String fingerprint() {
        final StringBuilder text = new StringBuilder(String.valueOf(order == null ? null : Order.newBuilder(order).setSourceTsMs(0L).build()));
        errors.forEach(e -> text.append('|').append(ValidationError.newBuilder(e).setDetectedTsMs(0L).build()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
