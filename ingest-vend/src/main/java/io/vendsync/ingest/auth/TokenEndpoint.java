package io.vendsync.ingest.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vendsync.ingest.vend.VendApiClient;
import io.vendsync.ingest.vend.VendApiException;
import io.vendsync.ingest.vend.VendExchange;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Vend's OAuth token endpoint, {@code POST {base}/api/1.0/token} with the form fields {@code refresh_token},
 * {@code client_id}, {@code client_secret} and {@code grant_type=refresh_token} (reference 2.2). Every exchange
 * goes to the integration log without its body, which carries tokens. Vend limits this endpoint apart from the
 * store's API budget, so it does not pass the rate governor.
 */
final class TokenEndpoint implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ATTEMPTS = 3;

    private final WebClient client;
    private final String url;
    private final String clientId;
    private final String clientSecret;
    private final long timeoutMillis;
    private final VendExchange.Listener listener;
    private final Clock clock;

    TokenEndpoint(final Vertx vertx, final String baseUrl, final String clientId, final String clientSecret,
                  final Duration timeout, final VendExchange.Listener listener, final Clock clock) {
        this.client = WebClient.create(vertx, new WebClientOptions().setUserAgent("vendsync/0.1 (+https://github.com/vendsync)"));
        this.url = (baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl) + "/api/1.0/token";
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.timeoutMillis = timeout.toMillis();
        this.listener = listener;
        this.clock = clock;
    }

    /** Trades the refresh token for a new grant; the answer's refresh token replaces the one sent, which is now revoked. */
    OAuthTokens refresh(final String refreshToken, final String origin) throws InterruptedException {
        final String correlationId = UUID.randomUUID().toString();
        for (int attempt = 1; ; attempt++) {
            final MultiMap form = MultiMap.caseInsensitiveMultiMap()
                    .add("refresh_token", refreshToken)
                    .add("client_id", clientId)
                    .add("client_secret", clientSecret)
                    .add("grant_type", "refresh_token");
            final long started = System.nanoTime();
            final HttpResponse<Buffer> response;
            try {
                response = client.postAbs(url).putHeader("Accept", "application/json").timeout(timeoutMillis)
                        .sendForm(form).toCompletionStage().toCompletableFuture().get(timeoutMillis + 5_000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                final Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                listener.onExchange(new VendExchange("POST", url, -1, elapsed(started), attempt, correlationId,
                        cause.toString(), null, Map.of("Accept", "application/json"), Map.of()));
                if (attempt >= MAX_ATTEMPTS) {
                    throw new VendApiException("OAuth refresh at POST " + url + " failed after " + attempt + " attempts", -1, cause);
                }
                Thread.sleep(500L * attempt);
                continue;
            }
            final int status = response.statusCode();
            // The body is never recorded: a success carries the new tokens.
            listener.onExchange(new VendExchange("POST", url, status, elapsed(started), attempt, correlationId, null, null,
                    Map.of("Accept", "application/json"), VendApiClient.headersOf(response.headers())));
            if (status / 100 == 2) {
                return grant(response.bodyAsString(), origin);
            }
            if (status >= 500 && attempt < MAX_ATTEMPTS) {
                Thread.sleep(500L * attempt);
                continue;
            }
            throw refused(status, response.bodyAsString());
        }
    }

    private OAuthTokens grant(final String body, final String origin) {
        final JsonNode json;
        try {
            json = JSON.readTree(body == null ? "" : body);
        } catch (Exception e) {
            throw new VendApiException("OAuth refresh at POST " + url + " answered 2xx with a body that is not JSON", 200, null);
        }
        final String access = json.path("access_token").asText("");
        final String refresh = json.path("refresh_token").asText("");
        if (access.isEmpty() || refresh.isEmpty()) {
            throw new VendApiException("OAuth refresh at POST " + url + " answered without access_token or refresh_token", 200, null);
        }
        // expires_in is relative, so a clock that differs from Vend's does not matter; expires (Vend's clock) otherwise.
        final long expiresAt;
        if (json.path("expires_in").canConvertToLong() && json.path("expires_in").asLong() > 0) {
            expiresAt = clock.millis() + TimeUnit.SECONDS.toMillis(json.path("expires_in").asLong());
        } else if (json.path("expires").canConvertToLong() && json.path("expires").asLong() > 0) {
            expiresAt = TimeUnit.SECONDS.toMillis(json.path("expires").asLong());
        } else {
            expiresAt = 0;
        }
        return new OAuthTokens(access, expiresAt, refresh, origin);
    }

    /** Only Vend's error code and message are quoted: they name the problem and never carry a token. */
    private VendApiException refused(final int status, final String body) {
        String error = "";
        String message = "";
        try {
            final JsonNode json = JSON.readTree(body == null ? "" : body);
            error = json.path("error").asText("");
            message = json.path("message").asText(json.path("error_description").asText(""));
        } catch (Exception ignored) {
            // Not JSON: the status alone says enough.
        }
        final String hint = "invalid_grant".equals(error) || status == 400
                ? " The refresh token was revoked or already rotated: re-authorise the app, then set vend.oauth.refresh.token"
                        + " to the new refresh token (it replaces what vend.oauth.token.store holds)."
                : status == 401 ? " Check vend.oauth.client.id and vend.oauth.client.secret." : "";
        return new VendApiException("Vend refused the OAuth refresh at POST " + url + " with " + status
                + (error.isEmpty() ? "" : " " + error) + (message.isEmpty() ? "" : " (" + message + ")") + "." + hint,
                status, null);
    }

    private static long elapsed(final long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    @Override
    public void close() {
        client.close();
    }
}
