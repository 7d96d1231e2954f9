package io.vendsync.ingest.vend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vendsync.ingest.auth.PersonalToken;
import io.vendsync.ingest.auth.VendCredentials;
import io.vendsync.runtime.logging.PayloadMasker;
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
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a Vend store through API 2.0. Calls block the calling thread (the ingest's reader thread, never
 * a Vert.x event loop). Every request passes the store's {@link RateGovernor}; 429 waits for Vend's
 * HTTP-date Retry-After, 5xx and timeouts back off with jitter, a 401 renews the credentials once (an expired
 * OAuth access token), other 4xx fail at once. Each logical request gets a correlation id that every attempt's
 * integration-log entry carries.
 */
public final class VendApiClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the integration log keeps of a body unless configured (integration.log.body.max.bytes). */
    public static final int DEFAULT_LOGGED_BODY_BYTES = 4096;

    private final WebClient client;
    private final String baseUrl;
    private final VendCredentials credentials;
    private final int loggedBodyBytes;
    private final RateGovernor governor;
    private final long timeoutMillis;
    private final int maxAttempts;
    private final VendExchange.Listener listener;
    private final BadResponse.Listener badResponses;
    private final Clock clock;
    private final PayloadMasker masker;

    public VendApiClient(final Vertx vertx, final String baseUrl, final String token, final RateGovernor governor,
                         final Duration timeout, final int maxAttempts, final VendExchange.Listener listener) {
        this(vertx, baseUrl, token, governor, timeout, maxAttempts, listener, BadResponse.Listener.NONE);
    }

    public VendApiClient(final Vertx vertx, final String baseUrl, final String token, final RateGovernor governor,
                         final Duration timeout, final int maxAttempts, final VendExchange.Listener listener,
                         final BadResponse.Listener badResponses) {
        this(vertx, baseUrl, new PersonalToken(token), governor, timeout, maxAttempts, DEFAULT_LOGGED_BODY_BYTES,
                PayloadMasker.none(), listener, badResponses);
    }

    /**
     * @param loggedBodyBytes how many UTF-8 bytes of a response body the integration log and error messages keep
     * @param masker masks personal data in every body this client logs or puts in an error message
     */
    public VendApiClient(final Vertx vertx, final String baseUrl, final VendCredentials credentials,
                         final RateGovernor governor, final Duration timeout, final int maxAttempts,
                         final int loggedBodyBytes, final PayloadMasker masker, final VendExchange.Listener listener,
                         final BadResponse.Listener badResponses) {
        this.client = WebClient.create(vertx, new WebClientOptions()
                .setUserAgent("vendsync/0.1 (+https://github.com/vendsync)")
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.loggedBodyBytes = loggedBodyBytes;
        this.masker = Objects.requireNonNull(masker, "masker");
        this.governor = governor;
        this.timeoutMillis = timeout.toMillis();
        this.maxAttempts = maxAttempts;
        this.listener = listener;
        this.badResponses = badResponses;
        this.clock = Clock.systemUTC();
    }

    /**
     * One page of {@code /api/2.0/<entity>} after the given version, soft-deleted records included where the
     * collection supports {@code deleted=true}.
     */
    public VendPage readPage(final String entity, final long after, final int pageSize) throws InterruptedException {
        return readPage(entity, after, pageSize, VendCollections.supportsDeleted(entity));
    }

    /** One page of {@code /api/2.0/<entity>} after the given version. */
    public VendPage readPage(final String entity, final long after, final int pageSize, final boolean includeDeleted)
            throws InterruptedException {
        final String path = "/api/2.0/" + entity;
        final Map<String, String> query = includeDeleted
                ? Map.of("after", Long.toString(after), "page_size", Integer.toString(pageSize), "deleted", "true")
                : Map.of("after", Long.toString(after), "page_size", Integer.toString(pageSize));
        final JsonNode body = get(path, query);
        final JsonNode data = body.path("data");
        if (!data.isArray()) {
            final String reason = "Vend answered GET " + path + " without a data array";
            badResponses.onBadResponse(new BadResponse("RESPONSE_NO_DATA", baseUrl + path + queryString(query), entity, 200,
                    "application/json", truncate(body.toString()), reason));
            throw new VendApiException(reason, 200, null);
        }
        final List<JsonNode> records = new ArrayList<>(data.size());
        data.forEach(records::add);
        final JsonNode max = body.path("version").path("max");
        return new VendPage(records, max.canConvertToLong() ? max.asLong() : after);
    }

    /** How many live (not deleted) records a collection holds, read to its end; e.g. the store's registers. */
    public int countLive(final String entity, final int pageSize) throws InterruptedException {
        int count = 0;
        long after = 0;
        while (true) {
            final VendPage page = readPage(entity, after, pageSize, false);
            if (page.isEmpty() || page.maxVersion() <= after) {
                return count;
            }
            count += page.records().size();
            after = page.maxVersion();
        }
    }

    /** GET a Vend path and return the parsed JSON body. */
    public JsonNode get(final String path, final Map<String, String> query) throws InterruptedException {
        final String url = baseUrl + path;
        final String correlationId = UUID.randomUUID().toString();
        boolean renewed = false;
        for (int attempt = 1; ; attempt++) {
            final String token = credentials.accessToken();
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
                listener.onExchange(new VendExchange("GET", loggedUrl, -1, elapsed(started), attempt, correlationId,
                        cause.toString(), null, headersOf(request.headers()), Map.of()));
                if (attempt >= maxAttempts) {
                    throw new VendApiException("GET " + loggedUrl + " failed after " + attempt + " attempts", -1, cause);
                }
                Thread.sleep(backoff(attempt).toMillis());
                continue;
            }
            final int status = response.statusCode();
            final String text = response.bodyAsString() == null ? "" : response.bodyAsString();
            listener.onExchange(new VendExchange("GET", loggedUrl, status, elapsed(started), attempt, correlationId, null,
                    truncate(text), headersOf(request.headers()), headersOf(response.headers())));
            final String remaining = response.getHeader("X-RateLimit-Remaining");
            if (remaining != null) {
                try {
                    governor.observeRemaining(Long.parseLong(remaining.trim()));
                } catch (NumberFormatException ignored) {
                    // A header we cannot read must not stop the sync; the governor's own budget still holds.
                }
            }
            if (status == 401 && !renewed && credentials.renewAfterRejection(token)) {
                // An OAuth access token expired or was rotated: one more attempt with the renewed token.
                renewed = true;
                continue;
            } else if (status == 429) {
                final Instant now = clock.instant();
                governor.pauseUntil(now.plus(RetryAfter.parse(response.getHeader("Retry-After"), now)));
            } else if (status >= 500) {
                if (attempt < maxAttempts) {
                    Thread.sleep(backoff(attempt).toMillis());
                }
            } else if (status / 100 == 2) {
                final JsonNode json = parse(text);
                if (json != null) {
                    return json;
                }
                // A 200 that is not JSON is usually a proxy or maintenance page in front of Vend: record it, then
                // retry like a 5xx, since the next answer is likely the real one.
                final String reason = "Vend answered GET " + loggedUrl + " with " + status + " and a body that is not JSON";
                badResponses.onBadResponse(new BadResponse("RESPONSE_NOT_JSON", loggedUrl, entityOf(path), status,
                        response.getHeader("Content-Type"), truncate(text), reason));
                if (attempt >= maxAttempts) {
                    throw new VendApiException(reason + ": " + truncate(text), status, null);
                }
                Thread.sleep(backoff(attempt).toMillis());
                continue;
            } else {
                throw new VendApiException("Vend answered GET " + loggedUrl + " with " + status + ": " + truncate(text), status, null);
            }
            if (attempt >= maxAttempts) {
                throw new VendApiException("GET " + loggedUrl + " still answered " + status + " after " + attempt + " attempts", status, null);
            }
        }
    }

    private static JsonNode parse(final String text) {
        try {
            final JsonNode json = JSON.readTree(text);
            return json == null || json.isMissingNode() ? null : json;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The collection a 2.0 path reads, e.g. "sales" for /api/2.0/sales/abc; null for other paths. */
    private static String entityOf(final String path) {
        final String prefix = "/api/2.0/";
        if (!path.startsWith(prefix)) {
            return null;
        }
        final String rest = path.substring(prefix.length());
        final int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    static Duration backoff(final int attempt) {
        final long capped = Math.min(30_000L, 500L << Math.min(attempt - 1, 16));
        // Full jitter between half and all of the step, so many readers do not retry in step.
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    /** One value per header name (the first); repeated headers are rare in Vend's answers. */
    public static Map<String, String> headersOf(final io.vertx.core.MultiMap headers) {
        final Map<String, String> out = new java.util.LinkedHashMap<>();
        headers.forEach(entry -> out.putIfAbsent(entry.getKey(), entry.getValue()));
        return out;
    }

    private static long elapsed(final long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    private String truncate(final String text) {
        // Masked before it is cut: a cut body is no longer JSON and could not be masked field by field.
        return BodyTruncation.truncate(masker.mask(text), loggedBodyBytes);
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
