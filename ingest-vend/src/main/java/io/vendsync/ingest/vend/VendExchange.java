package io.vendsync.ingest.vend;

/**
 * One request to Vend and what came back, for the integration log. The URL never carries credentials (tokens
 * travel in a header or a form body, neither of which is recorded); {@code correlationId} is shared by every
 * attempt of one logical request; {@code responseBody} is already truncated to the configured size.
 */
public record VendExchange(String method, String url, int status, long latencyMillis, int attempt, String correlationId,
                           String error, String responseBody) {

    /** Receives every exchange, successful or not. */
    @FunctionalInterface
    public interface Listener {
        void onExchange(VendExchange exchange);

        Listener NONE = exchange -> { };
    }
}
