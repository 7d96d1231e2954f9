package io.vendsync.ingest.vend;

/**
 * The ways a Vend call fails. Each is counted ({@link VendEdgeStatistics}); all but {@link #REDIRECT_REFUSED} and
 * {@link #CLIENT_ERROR} back off (at least a second, growing, jittered, capped) and try again.
 */
public enum VendFailure {
    /** 429: paused for Retry-After, else X-RateLimit-Reset, else the rate window. */
    THROTTLED,
    /** 5xx. */
    SERVER_ERROR,
    /** 401 after any credential renewal. */
    UNAUTHORIZED,
    /** No complete answer within the request deadline (headers or body). */
    TIMEOUT,
    /** Connecting failed, or the connection was closed or reset before an answer. */
    CONNECTION_FAILED,
    /** The body broke off (connection closed before Content-Length bytes, or a broken chunk). */
    BODY_INCOMPLETE,
    /** A 2xx with an empty body. */
    BODY_EMPTY,
    /** A 2xx whose body is not JSON (a proxy's maintenance page). */
    NOT_JSON,
    /** A collection page without a data array ({@code "data": null}). */
    NO_DATA,
    /** A page whose versions are below the {@code after} it was asked for. */
    VERSION_BACKWARDS,
    /** A page with a record that is not a JSON object, or whose version is not an integer. */
    RECORD_SHAPE,
    /** A redirect to another origin (or https to http): not followed, never retried. */
    REDIRECT_REFUSED,
    /** Another 4xx: not retried. */
    CLIENT_ERROR
}
