package io.vendsync.ingest.vend;

import java.util.Map;

/**
 * One request to Vend and what came back, for the integration log. The URL never carries credentials (tokens
 * travel in a header, redacted before recording, or a form body, never recorded); {@code correlationId} is shared by every
 * attempt of one logical request; {@code responseBody} is already truncated to the configured size.
 */
public record VendExchange(String method, String url, int status, long latencyMillis, int attempt, String correlationId,
                           String error, String responseBody, Map<String, String> requestHeaders,
                           Map<String, String> responseHeaders) {

    /** Headers are kept as sent and received; whoever records them redacts credentials. */
    public VendExchange {
        requestHeaders = requestHeaders == null ? Map.of() : Map.copyOf(requestHeaders);
        responseHeaders = responseHeaders == null ? Map.of() : Map.copyOf(responseHeaders);
    }

    /** Receives every exchange, successful or not. */
    @FunctionalInterface
    public interface Listener {
        void onExchange(VendExchange exchange);

        Listener NONE = exchange -> { };
    }
}
