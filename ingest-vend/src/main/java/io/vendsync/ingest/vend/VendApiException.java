package io.vendsync.ingest.vend;

/** A Vend request that failed for good, after the retries it deserved. */
public final class VendApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public VendApiException(final String message, final int status, final Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** HTTP status, or -1 when Vend never answered. */
    public int status() {
        return status;
    }
}
