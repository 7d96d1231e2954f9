package io.vendsync.sink.internals;

/** One inventory level could not be applied (after the bounded conflict retries, or for a non-retryable reason). */
public final class SinkWriteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String correlationId;

    public SinkWriteException(final String correlationId, final String message, final Throwable cause) {
        super(correlationId + ": " + message, cause);
        this.correlationId = correlationId;
    }

    /** {@code <channel_key>/<sku>@<source_version>}. */
    public String correlationId() {
        return correlationId;
    }
}
