package io.vendsync.mapper.prices.internals;

import io.vendsync.schemas.canonical.v1.ValidationError;
import java.util.List;

/**
 * What pricing one product (or one tax, or the context) gave: the canonical record to publish (null: none, e.g. the
 * product has no usable SKU) and the problems found. {@link #fingerprint()} leaves out detection times, so the same
 * outcome computed again is recognised and not published twice.
 *
 * @param key the output key of {@code record} (the SKU, or the tax category key)
 */
public record PriceOutcome<R>(String key, R record, List<ValidationError> errors) {

    public static <R> PriceOutcome<R> nothing() {
        return new PriceOutcome<>(null, null, List.of());
    }

    /** This outcome with its errors stamped as detected at {@code detectedTsMs} (the record that revealed them). */
    public PriceOutcome<R> detectedAt(final long detectedTsMs) {
        return new PriceOutcome<>(key, record, errors.stream()
                .map(e -> ValidationError.newBuilder(e).setDetectedTsMs(detectedTsMs).build()).toList());
    }

    public String fingerprint() {
        final StringBuilder text = new StringBuilder(String.valueOf(key)).append('|').append(record);
        for (final ValidationError error : errors) {
            text.append('|').append(ValidationError.newBuilder(error).setDetectedTsMs(0L).build());
        }
        try {
            // A digest keeps the emission store small; the text can be the size of a product's whole price list.
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
