package io.vendsync.ingest.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vendsync.ingest.vend.VendApiClient;
import io.vendsync.ingest.vend.VendApiException;
import io.vendsync.ingest.vend.VendExchange;
import io.vendsync.ingest.vend.Backoff;
import io.vendsync.ingest.vend.RateGovernor;
import io.vendsync.ingest.vend.Redirects;
import io.vendsync.ingest.vend.ThrottleSignals;
import io.vendsync.ingest.vend.VendHttp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Vend's OAuth token endpoint, {@code POST {base}/api/1.0/token} with the form fields {@code refresh_token},
 * {@code client_id}, {@code client_secret} and {@code grant_type=refresh_token} (reference 2.2). Every exchange
 * goes to the integration log without its body, which carries tokens. Vend limits this endpoint apart from the
 * store's API budget, so it does not pass the rate governor. The form carries the app's secret and refresh token, so
 * it goes only to the configured origin: a same-origin 307/308 is followed (the form sent again), any other redirect
 * is refused with a clear error and nothing is sent to its Location.
 */
final class TokenEndpoint implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ATTEMPTS = 3;
    /** The longest a 429 of the token endpoint holds a refresh (and so every request waiting for its token). */
    private static final Duration MAX_THROTTLE_PAUSE = Duration.ofMinutes(1);
    private static final Map<String, String> HEADERS = Map.of("Accept", "application/json",
            "Content-Type", "application/x-www-form-urlencoded");

    private final VendHttp http;
    private final String url;
    private final String clientId;
    private final String clientSecret;
    private final Backoff backoff;
    private final VendExchange.Listener listener;
    private final Clock clock;

    TokenEndpoint(final Vertx vertx, final String baseUrl, final String clientId, final String clientSecret,
                  final Duration timeout, final VendExchange.Listener listener, final Clock clock) {
        this.http = new VendHttp(vertx, timeout);
        this.url = (baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl) + "/api/1.0/token";
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.backoff = new Backoff(Backoff.MINIMUM, Duration.ofSeconds(10));
        this.listener = listener;
        this.clock = clock;
    }

    /**
     * Trades the refresh token for a new grant. Where Vend rotates refresh tokens, the answer's replaces the one sent,
     * which is now revoked; an answer without one (Vend before rotation) leaves the one sent in use.
     */
    OAuthTokens refresh(final String refreshToken, final String origin) throws InterruptedException {
        final String correlationId = UUID.randomUUID().toString();
        final Buffer form = Buffer.buffer(formField("refresh_token", refreshToken) + "&" + formField("client_id", clientId)
                + "&" + formField("client_secret", clientSecret) + "&" + formField("grant_type", "refresh_token"));
        for (int attempt = 1; ; attempt++) {
            final VendHttp.Reply response;
            try {
                response = post(form, attempt, correlationId);
            } catch (VendHttp.Failure failure) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new VendApiException("OAuth refresh at POST " + url + " failed after " + attempt + " attempts: "
                            + failure.getMessage(), -1, failure);
                }
                Thread.sleep(backoff.delay(attempt).toMillis());
                continue;
            }
            final int status = response.status();
            if (status / 100 == 2) {
                return grant(response.body(), refreshToken, origin);
            }
            if (status == 429 && attempt < MAX_ATTEMPTS) {
                // The authorization endpoints have a rate limit of their own (Vend's rate-limiting docs): wait as asked.
                final ThrottleSignals signals = ThrottleSignals.of(response, clock.instant());
                Thread.sleep(RateGovernor.throttlePause(signals.retryAfter(), signals.untilReset(), MAX_THROTTLE_PAUSE).toMillis());
                continue;
            }
            if (status >= 500 && attempt < MAX_ATTEMPTS) {
                Thread.sleep(backoff.delay(attempt).toMillis());
                continue;
            }
            throw refused(status, response.body());
        }
    }

    /** One POST, following same-origin 307/308 only; every hop is recorded without its body. */
    private VendHttp.Reply post(final Buffer form, final int attempt, final String correlationId)
            throws InterruptedException, VendHttp.Failure {
        String target = url;
        for (int hop = 0; ; hop++) {
            final long started = System.nanoTime();
            final VendHttp.Reply reply;
            try {
                reply = http.send(HttpMethod.POST, target, HEADERS, form);
            } catch (VendHttp.Failure failure) {
                listener.onExchange(new VendExchange("POST", target, -1, elapsed(started), attempt, correlationId,
                        failure.kind() + ": " + failure.getMessage(), null, HEADERS, Map.of()));
                throw failure;
            }
            // The body is never recorded: a success carries the new tokens.
            final Map<String, String> received = VendApiClient.headersOf(reply.headers());
            if (!Redirects.isRedirect(reply.status())) {
                listener.onExchange(new VendExchange("POST", target, reply.status(), elapsed(started), attempt, correlationId,
                        null, null, HEADERS, received));
                return reply;
            }
            String refusal;
            String next = null;
            try {
                next = Redirects.sameOriginTarget(target, reply.header("Location"));
                refusal = reply.status() == 307 || reply.status() == 308 ? null
                        : "a " + reply.status() + " redirect, which would turn the POST into a GET";
            } catch (Redirects.Refused refused) {
                refusal = refused.getMessage();
            }
            if (refusal == null && hop >= Redirects.MAX_FOLLOWED) {
                refusal = "more than " + Redirects.MAX_FOLLOWED + " redirects";
            }
            if (refusal != null) {
                final String message = "Vend answered the OAuth refresh at POST " + target + " with " + reply.status() + ", "
                        + refusal + ": not followed, so the client secret and refresh token stay with " + url
                        + ". If the new address is Vend's, set vend.base.url to it.";
                listener.onExchange(new VendExchange("POST", target, reply.status(), elapsed(started), attempt, correlationId,
                        "REDIRECT_REFUSED: " + message, null, HEADERS, received));
                throw new VendApiException(message, reply.status(), null);
            }
            listener.onExchange(new VendExchange("POST", target, reply.status(), elapsed(started), attempt, correlationId,
                    null, null, HEADERS, received));
            target = next;
        }
    }

    private static String formField(final String name, final String value) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private OAuthTokens grant(final String body, final String sentRefreshToken, final String origin) {
        final JsonNode json;
        try {
            json = JSON.readTree(body == null ? "" : body);
        } catch (Exception e) {
            throw new VendApiException("OAuth refresh at POST " + url + " answered 2xx with a body that is not JSON", 200, null);
        }
        final String access = json.path("access_token").asText("");
        final String rotated = json.path("refresh_token").asText("");
        if (access.isEmpty()) {
            throw new VendApiException("OAuth refresh at POST " + url + " answered without access_token", 200, null);
        }
        final String refresh = rotated.isEmpty() ? sentRefreshToken : rotated;
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
        http.close();
    }
}
