package io.vendsync.mapper.orders.internals;

import io.vendsync.schemas.canonical.v1.Order;
import io.vendsync.schemas.canonical.v1.ValidationError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/**
 * What mapping one sale gave: the order to publish (null: none, the sale is parked, pending under the wait policy, or
 * waits for a mapping), for an exchange the order of its new items ({@link ExchangeSplit}; null otherwise), and the
 * problems found. {@link #fingerprint()} leaves out times, so the same outcome computed
 * again (a context change that did not touch the sale) is not published twice.
 */
public record OrderOutcome(Order order, Order exchange, List<ValidationError> errors) {

    public static final OrderOutcome NOTHING = new OrderOutcome(null, List.of());

    public OrderOutcome(final Order order, final List<ValidationError> errors) {
        this(order, null, errors);
    }

    /** The records to publish, by key: the order under the sale id, an exchange's new items under {@link ExchangeSplit#key}. */
    public List<KeyValue<String, Order>> records(final String saleId) {
        if (order == null) {
            return List.of();
        }
        return exchange == null ? List.of(KeyValue.pair(saleId, order))
                : List.of(KeyValue.pair(saleId, order), KeyValue.pair(ExchangeSplit.key(saleId), exchange));
    }

    public String fingerprint() {
        final StringBuilder text = new StringBuilder(String.valueOf(order == null ? null : Order.newBuilder(order).setSourceTsMs(0L).build()));
        if (exchange != null) {
            text.append('|').append(Order.newBuilder(exchange).setSourceTsMs(0L).build());
        }
        errors.forEach(e -> text.append('|').append(ValidationError.newBuilder(e).setDetectedTsMs(0L).build()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
