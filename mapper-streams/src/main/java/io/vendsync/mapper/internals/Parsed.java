package io.vendsync.mapper.internals;

import io.vendsync.schemas.canonical.v1.ValidationError;

/** A raw record after parsing: the value, or the error record that reports why it could not be read. */
public record Parsed<T>(T value, ValidationError error) {

    public static <T> Parsed<T> ok(final T value) {
        return new Parsed<>(value, null);
    }

    public static <T> Parsed<T> failed(final ValidationError error) {
        return new Parsed<>(null, error);
    }

    public boolean isOk() {
        return error == null;
    }
}
