package io.vendsync.sink.internals;

import java.util.Objects;

/**
 * Why one record could not be applied, as the {@link FailureClassifier} read it.
 *
 * @param kind whether trying again later can help
 * @param errorClass fully qualified class of the exception that says most
 * @param message human-readable reason
 * @param httpStatus status of the commercetools answer, or -1 without one
 * @param ctCode first commercetools error code, or null
 * @param ctBody commercetools answer body (truncated), or null
 */
public record Failure(Kind kind, String errorClass, String message, int httpStatus, String ctCode, String ctBody) {

    /** Whether the failure may pass by itself. */
    public enum Kind {
        /** Throttling, server errors, timeouts, lost connections, lasting write conflicts: retry later. */
        TRANSIENT,
        /** The request or the record is wrong: retrying cannot help; dead-letter it for a human. */
        PERMANENT
    }

    public Failure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(errorClass, "errorClass");
        message = message == null ? "" : message;
    }

    public boolean isTransient() {
        return kind == Kind.TRANSIENT;
    }
}
