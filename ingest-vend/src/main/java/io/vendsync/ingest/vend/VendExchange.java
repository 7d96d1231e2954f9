package io.vendsync.ingest.vend;

/**
 * One request to Vend and what came back, for the integration log. The URL never carries credentials
 * (the token travels in a header, which is not recorded).
 */
public record VendExchange(String method, String url, int status, long latencyMillis, int attempt,
                           String error, String responseBody) {

    /** Receives every exchange, successful or not. */
    @FunctionalInterface
    public interface Listener {
        void onExchange(VendExchange exchange);

        Listener NONE = exchange -> { };
    }
}
