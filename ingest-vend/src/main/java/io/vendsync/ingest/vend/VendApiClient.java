package io.vendsync.ingest.vend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a Vend store through API 2.0. Calls block the calling thread (the ingest's reader thread, never
 * a Vert.x event loop). Every request passes the store's {@link RateGovernor}; 429 waits for Vend's
 * HTTP-date Retry-After, 5xx and timeouts back off with jitter, other 4xx fail at once.
 */
public final class VendApiClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LOGGED_BODY_CHARS = 4096;

    private final WebClient client;
    private final String baseUrl;
    private final String token;
    private final RateGovernor governor;
    private final long timeoutMillis;
    private final int maxAttempts;
    private final VendExchange.Listener listener;
    private final Clock clock;

    public VendApiClient(final Vertx vertx, final String baseUrl, final String token, final RateGovernor governor,
                         final Duration timeout, final int maxAttempts, final VendExchange.Listener listener) {
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setUserAgent("vendsync/0.1 (+https://github.com/vendsync)")
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = Objects.requireNonNull(token, "token");
        this.governor = governor;
        this.timeoutMillis = timeout.toMillis();
        this.maxAttempts = maxAttempts;
        this.listener = listener;
        this.clock = Clock.systemUTC();
    }

    /** One page of {@code /api/2.0/<entity>} after the given version, deleted records included. */
    public VendPage readPage(final String entity, final long after, final int pageSize) throws InterruptedException {
        final String path = "/api/2.0/" + entity;
        final Map<String, String> query = "inventory".equals(entity)
                // inventory has no deleted parameter in 2.0
                ? Map.of("after", Long.toString(after), "page_size", Integer.toString(pageSize))
                : Map.of("after", Long.toString(after), "page_size", Integer.toString(pageSize), "deleted", "true");
        final JsonNode body = get(path, query);
        final JsonNode data = body.path("data");
        if (!data.isArray()) {
            throw new VendApiException("Vend answered " + path + " without a data array", 200, null);
        }
        final List<JsonNode> records = new ArrayList<>(data.size());
        data.forEach(records::add);
        final JsonNode max = body.path("version").path("max");
        return new VendPage(records, max.canConvertToLong() ? max.asLong() : after);
    }

    /** GET a Vend path and return the parsed JSON body. */
    public JsonNode get(final String path, final Map<String, String> query) throws InterruptedException {
        final String url = baseUrl + path;
        for (int attempt = 1; ; attempt++) {
            governor.acquire();
            final HttpRequest<Buffer> request = client.getAbs(url)
                    .putHeader("Authorization", "Bearer " + token)
                    .putHeader("Accept", "application/json")
                    .timeout(timeoutMillis);
            query.forEach(request::addQueryParam);
            final String loggedUrl = url + queryString(query);
            final long started = System.nanoTime();
            final HttpResponse<Buffer> response;
            try {
                response = request.send().toCompletionStage().toCompletableFuture()
                        .get(timeoutMillis + 5_000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                final Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                listener.onExchange(new VendExchange("GET", loggedUrl, -1, elapsed(started), attempt, cause.toString(), null));
                if (attempt >= maxAttempts) {
                    throw new VendApiException("GET " + loggedUrl + " failed after " + attempt + " attempts", -1, cause);
                }
                Thread.sleep(backoff(attempt).toMillis());
                continue;
            }
            final int status = response.statusCode();
            final String text = response.bodyAsString() == null ? "" : response.bodyAsString();
            listener.onExchange(new VendExchange("GET", loggedUrl, status, elapsed(started), attempt, null, truncate(text)));
            final String remaining = response.getHeader("X-RateLimit-Remaining");
            if (remaining != null) {
                try {
                    governor.observeRemaining(Long.parseLong(remaining.trim()));
                } catch (NumberFormatException ignored) {
                    // A header we cannot read must not stop the sync; the governor's own budget still holds.
                }
            }
            if (status == 429) {
                final Instant now = clock.instant();
                governor.pauseUntil(now.plus(RetryAfter.parse(response.getHeader("Retry-After"), now)));
            } else if (status >= 500) {
                if (attempt < maxAttempts) {
                    Thread.sleep(backoff(attempt).toMillis());
                }
            } else if (status / 100 == 2) {
                try {
                    return JSON.readTree(text);
                } catch (JsonProcessingException e) {
                    throw new VendApiException("Vend answered GET " + loggedUrl + " with a body that is not JSON: "
                            + truncate(text), status, e);
                }
            } else {
                throw new VendApiException("Vend answered GET " + loggedUrl + " with " + status + ": " + truncate(text), status, null);
            }
            if (attempt >= maxAttempts) {
                throw new VendApiException("GET " + loggedUrl + " still answered " + status + " after " + attempt + " attempts", status, null);
            }
        }
    }

    static Duration backoff(final int attempt) {
        final long capped = Math.min(30_000L, 500L << Math.min(attempt - 1, 16));
        // Full jitter between half and all of the step, so many readers do not retry in step.
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private static long elapsed(final long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private static String truncate(final String text) {
        return text.length() <= LOGGED_BODY_CHARS ? text : text.substring(0, LOGGED_BODY_CHARS) + "...";
    }

    private static String queryString(final Map<String, String> query) {
        final StringBuilder out = new StringBuilder();
        query.forEach((k, v) -> out.append(out.length() == 0 ? '?' : '&').append(k).append('=').append(v));
        return out.toString();
    }

    @Override
    public void close() {
        client.close();
    }
}
