package io.vendsync.ingest.auth;

/**
 * Where the bearer token of each Vend request comes from: a personal token, or an OAuth access token that is
 * refreshed before it expires and when Vend rejects it. Implementations never log or print a token.
 */
public interface VendCredentials {

    /** The token to send now; an OAuth token about to expire is refreshed first. */
    String accessToken() throws InterruptedException;

    /**
     * Vend answered 401 to a request sent with {@code rejected}.
     *
     * @return true when a different token is now available and the request is worth sending again
     */
    boolean renewAfterRejection(String rejected) throws InterruptedException;
}
