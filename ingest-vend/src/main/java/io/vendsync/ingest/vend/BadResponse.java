package io.vendsync.ingest.vend;

/**
 * A 2xx answer from Vend the ingest cannot use (a body that is not JSON, a collection without a data array),
 * kept so a proxy's maintenance page or an API change is visible rather than a silent retry.
 *
 * @param code   RESPONSE_NOT_JSON or RESPONSE_NO_DATA, the ingest-error code
 * @param entity the collection the request read, or null when the path names none
 */
public record BadResponse(String code, String url, String entity, int status, String contentType, String body,
                          String reason) {

    /** Receives every bad response. */
    @FunctionalInterface
    public interface Listener {
        void onBadResponse(BadResponse response);

        Listener NONE = response -> { };
    }
}
