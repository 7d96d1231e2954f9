package io.vendsync.ingest.vend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vendsync.ingest.auth.VendCredentials;
import io.vendsync.runtime.logging.PayloadMasker;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Vend store through API 2.0. Calls block the calling thread (the ingest's reader thread, never a Vert.x
 * event loop). Every request passes the store's {@link RateGovernor} and has a total deadline (headers and body).
 * Credentials go only to the configured origin: a same-origin redirect is followed a few times, any other is refused,
 * recorded and counted. A 429 pauses the store for Vend's most specific signal; every other failure class (see
 * {@link VendFailure}) backs off at least a second, growing, jittered and capped, then asks again; a 401 first renews
 * the credentials once (an expired OAuth access token). Each logical request gets a correlation id that every
 * attempt's integration-log entry carries.
 */
public final class VendApiClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VendApiClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the integration log keeps of a body unless configured (integration.log.body.max.bytes). */
    public static final int DEFAULT_LOGGED_BODY_BYTES = 4096;
    /** Attempts for failures a retry rarely mends (a refused token, a record of the wrong shape). */
    static final int FEW_ATTEMPTS = 3;

    /** What is wrong with a 2xx body; {@code soft} ones are accepted as they are once the attempts run out. */
    private record Problem(VendFailure failure, String code, String reason, boolean soft) {
    }

    private final VendHttp http;
    private final String baseUrl;
    private final VendCredentials credentials;
    private final int loggedBodyBytes;
    private final RateGovernor governor;
    private final int maxAttempts;
    private final Backoff backoff;
    private final VendEdgeStatistics statistics;
    private final VendExchange.Listener listener;
    private final BadResponse.Listener badResponses;
    private final Clock clock;
    private final PayloadMasker masker;
    /** The page_size each collection was refused above (see {@link #readPage}); the reader thread and a snapshot share it. */
    private final Map<String, Integer> pageCaps = new ConcurrentHashMap<>();

    /**
     * @param timeout         the total deadline of one request: connecting, headers and body
     * @param loggedBodyBytes how many UTF-8 bytes of a response body the integration log and error messages keep
     * @param masker          masks personal data in every body this client logs or puts in an error message
     */
    public VendApiClient(final Vertx vertx, final String baseUrl, final VendCredentials credentials,
                         final RateGovernor governor, final Duration timeout, final int maxAttempts, final Backoff backoff,
                         final VendEdgeStatistics statistics, final int loggedBodyBytes, final PayloadMasker masker,
                         final VendExchange.Listener listener, final BadResponse.Listener badResponses) {
        this.http = new VendHttp(vertx, timeout);
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.loggedBodyBytes = loggedBodyBytes;
        this.masker = Objects.requireNonNull(masker, "masker");
        this.governor = Objects.requireNonNull(governor, "governor");
        this.maxAttempts = maxAttempts;
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        this.listener = listener;
        this.badResponses = badResponses;
        this.clock = governor.clock();
    }

    /**
     * One page of {@code /api/2.0/<entity>} after the given version, soft-deleted records included where the
     * collection supports {@code deleted=true}.
     */
    public VendPage readPage(final String entity, final long after, final int pageSize) throws InterruptedException {
        return readPage(entity, after, pageSize, VendCollections.supportsDeleted(entity));
    }

    /**
     * One page of {@code /api/2.0/<entity>} after the given version. Vend documents no 2.0 maximum of {@code page_size}
     * (0.9's was 200, the date-versioned inventory's 5,000), nor how long a page takes: a store that answers 400 to the
     * size asked, or whose page of that size timed out in its last attempt (or came as a 504), is asked again with a
     * smaller one (5,000, 1,000, 200), and that collection keeps the size that served a page in this process. Otherwise a
     * page too big to serve in time would stop the collection at that cursor for good.
     */
    public VendPage readPage(final String entity, final long after, final int pageSize, final boolean includeDeleted)
            throws InterruptedException {
        final int asked = Math.min(pageSize, pageCaps.getOrDefault(entity, Integer.MAX_VALUE));
        try {
            return readPageOfSize(entity, after, asked, includeDeleted);
        } catch (VendApiException e) {
            final int smaller = smallerPageSize(asked);
            final boolean refused = e.status() == 400;
            final boolean tooSlow = e.status() == 504
                    || e.getCause() instanceof VendHttp.Failure failure && failure.kind() == VendFailure.TIMEOUT;
            if (!(refused || tooSlow) || smaller == asked) {
                throw e;
            }
            LOG.warn("Vend {} page_size={} of {}; asking for {}", refused ? "answered 400 to" : "did not serve in time",
                    asked, entity, smaller);
            final VendPage page = readPage(entity, after, smaller, includeDeleted);
            // Kept only once a page of it came: a store that was down (every attempt timing out) shrinks nothing for good.
            pageCaps.merge(entity, smaller, Math::min);
            return page;
        }
    }

    private static int smallerPageSize(final int size) {
        for (final int step : new int[] {5_000, 1_000, 200}) {
            if (size > step) {
                return step;
            }
        }
        return size;
    }

    private VendPage readPageOfSize(final String entity, final long after, final int pageSize, final boolean includeDeleted)
            throws InterruptedException {
        final Map<String, String> query = includeDeleted
                ? Map.of("after", Long.toString(after), "page_size", Integer.toString(pageSize), "deleted", "true")
                : Map.of("after", Long.toString(after), "page_size", Integer.toString(pageSize));
        final JsonNode body = get("/api/2.0/" + entity, query, json -> pageProblem(entity, json, after));
        final JsonNode data = body.path("data");
        final List<JsonNode> records = new ArrayList<>(data.size());
        data.forEach(records::add);
        final JsonNode max = body.path("version").path("max");
        return new VendPage(records, max.canConvertToLong() ? Math.max(after, max.asLong()) : after);
    }

    /** What makes a collection page unusable, or null when it is fine. */
    private Problem pageProblem(final String entity, final JsonNode body, final long after) {
        final JsonNode data = body.path("data");
        if (!data.isArray()) {
            return new Problem(VendFailure.NO_DATA, "RESPONSE_NO_DATA", "without a data array", false);
        }
        Problem shape = null;
        for (final JsonNode record : data) {
            final JsonNode version = record.path("version");
            if (!record.isObject() || !(version.isMissingNode() || version.isNull() || version.isIntegralNumber())) {
                shape = shape != null ? shape : new Problem(VendFailure.RECORD_SHAPE, "RESPONSE_RECORD_SHAPE",
                        "with a " + entity + " record that is not an object with an integer version: "
                                + abbreviate(masker.mask(record.toString())), true);
            } else if (version.isIntegralNumber() && version.asLong() < after) {
                return backwards(version.asLong(), after);
            }
        }
        final JsonNode max = body.path("version").path("max");
        if (!data.isEmpty() && max.isIntegralNumber() && max.asLong() < after) {
            return backwards(max.asLong(), after);
        }
        return shape;
    }

    private static Problem backwards(final long version, final long after) {
        return new Problem(VendFailure.VERSION_BACKWARDS, "RESPONSE_VERSION_BACKWARDS",
                "with version " + version + ", below the after=" + after + " it was asked for (a stale replica or cache?)",
                false);
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
        return get(path, query, json -> null);
    }

    public VendEdgeStatistics statistics() {
        return statistics;
    }

    private JsonNode get(final String path, final Map<String, String> query, final Function<JsonNode, Problem> check)
            throws InterruptedException {
        final String url = baseUrl + path + queryString(query);
        final String correlationId = UUID.randomUUID().toString();
        boolean renewed = false;
        for (int attempt = 1; ; attempt++) {
            final String token = credentials.accessToken();
            final VendHttp.Reply reply;
            try {
                reply = followSameOrigin(url, token, attempt, correlationId, entityOf(path));
            } catch (VendHttp.Failure failure) {
                retryOrThrow(failure.kind(), attempt, maxAttempts, "GET " + url + ": " + failure.getMessage(), -1, failure);
                continue;
            }
            final int status = reply.status();
            final ThrottleSignals signals = ThrottleSignals.of(reply, clock.instant());
            if (status == 429) {
                statistics.failed(VendFailure.THROTTLED);
                final Duration pause = governor.throttled(signals.retryAfter(), signals.untilReset());
                LOG.warn("Vend answered GET {} with 429 (Retry-After {}, X-RateLimit-Reset {}): every request to the store "
                        + "waits {} ms", url, reply.header("Retry-After"), reply.header("X-RateLimit-Reset"), pause.toMillis());
                if (attempt >= maxAttempts) {
                    throw new VendApiException("GET " + url + " still answered 429 after " + attempt + " attempts", 429, null);
                }
                continue;
            }
            observeRemaining(reply.header("X-RateLimit-Remaining"), signals.untilReset());
            final String text = reply.body();
            if (status == 401) {
                if (!renewed && credentials.renewAfterRejection(token)) {
                    // An OAuth access token expired or was rotated: one more attempt with the renewed token.
                    renewed = true;
                    continue;
                }
                retryOrThrow(VendFailure.UNAUTHORIZED, attempt, Math.min(FEW_ATTEMPTS, maxAttempts),
                        "Vend answered GET " + url + " with 401: " + truncate(text), 401, null);
                continue;
            }
            if (status / 100 == 2) {
                statistics.authenticated();
            }
            if (status >= 500) {
                retryOrThrow(VendFailure.SERVER_ERROR, attempt, maxAttempts,
                        "Vend answered GET " + url + " with " + status + ": " + truncate(text), status, null);
                continue;
            }
            if (status / 100 != 2) {
                statistics.failed(VendFailure.CLIENT_ERROR);
                throw new VendApiException("Vend answered GET " + url + " with " + status + ": " + truncate(text), status, null);
            }
            final JsonNode json = text.isBlank() ? null : parse(text);
            final Problem problem = text.isBlank()
                    ? new Problem(VendFailure.BODY_EMPTY, "RESPONSE_EMPTY", "with an empty body", false)
                    : json == null ? new Problem(VendFailure.NOT_JSON, "RESPONSE_NOT_JSON", "with a body that is not JSON", false)
                    : check.apply(json);
            if (problem == null) {
                return json;
            }
            // Usually a proxy or maintenance page, a stale cache or a mangled page in front of Vend: recorded, then
            // asked again like a 5xx, since the next answer is likely the real one.
            final String reason = "Vend answered GET " + url + " with " + status + " " + problem.reason();
            badResponses.onBadResponse(new BadResponse(problem.code(), url, entityOf(path), status,
                    reply.header("Content-Type"), truncate(text), reason));
            final int limit = problem.soft() ? Math.min(FEW_ATTEMPTS, maxAttempts) : maxAttempts;
            if (problem.soft() && attempt >= limit) {
                statistics.failed(problem.failure());
                // The page is Vend's as it stands: its unusable records go to the ingest-error topic, the read goes on.
                return json;
            }
            retryOrThrow(problem.failure(), attempt, limit, reason + ": " + truncate(text), status, null);
        }
    }

    /**
     * Sends one attempt, following same-origin redirects up to {@link Redirects#MAX_FOLLOWED}; each hop passes the
     * rate governor and is recorded. A redirect elsewhere is refused before anything is sent there.
     */
    private VendHttp.Reply followSameOrigin(final String url, final String token, final int attempt,
                                            final String correlationId, final String entity)
            throws InterruptedException, VendHttp.Failure {
        String target = url;
        for (int hop = 0; ; hop++) {
            final Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Authorization", "Bearer " + token);
            headers.put("Accept", "application/json");
            final RateGovernor.Permit permit = governor.acquire();
            final long started = System.nanoTime();
            final VendHttp.Reply reply;
            try {
                reply = http.send(HttpMethod.GET, target, headers, null);
            } catch (VendHttp.Failure failure) {
                permit.ended();
                listener.onExchange(new VendExchange("GET", target, -1, elapsed(started), attempt, correlationId,
                        failure.kind() + ": " + failure.getMessage(), null, headers, Map.of()));
                throw failure;
            }
            permit.ended();
            final Map<String, String> responseHeaders = headersOf(reply.headers());
            if (!Redirects.isRedirect(reply.status())) {
                listener.onExchange(new VendExchange("GET", target, reply.status(), elapsed(started), attempt, correlationId,
                        null, truncate(reply.body()), headers, responseHeaders));
                return reply;
            }
            final String location = reply.header("Location");
            final String next;
            try {
                next = Redirects.sameOriginTarget(target, location);
            } catch (Redirects.Refused refused) {
                final String message = "Vend answered GET " + target + " with " + reply.status() + ", " + refused.getMessage()
                        + ": not followed, so the store's credentials stay with " + baseUrl
                        + ". If the new address is Vend's, set vend.base.url to it.";
                listener.onExchange(new VendExchange("GET", target, reply.status(), elapsed(started), attempt, correlationId,
                        "REDIRECT_REFUSED: " + message, truncate(reply.body()), headers, responseHeaders));
                statistics.failed(VendFailure.REDIRECT_REFUSED);
                badResponses.onBadResponse(new BadResponse("REDIRECT_REFUSED", target, entity, reply.status(),
                        reply.header("Content-Type"), "Location: " + location, message));
                throw new VendApiException(message, reply.status(), null);
            }
            listener.onExchange(new VendExchange("GET", target, reply.status(), elapsed(started), attempt, correlationId,
                    null, truncate(reply.body()), headers, responseHeaders));
            if (hop >= Redirects.MAX_FOLLOWED) {
                throw new VendApiException("GET " + url + " was redirected more than " + Redirects.MAX_FOLLOWED
                        + " times (last to " + next + ")", reply.status(), null);
            }
            statistics.redirectFollowed();
            target = next;
        }
    }

    /** Counts the failure, then backs off for the next attempt, or throws when {@code limit} attempts are spent. */
    private void retryOrThrow(final VendFailure failure, final int attempt, final int limit, final String message,
                              final int status, final Throwable cause) throws InterruptedException {
        statistics.failed(failure);
        if (attempt >= limit) {
            throw new VendApiException(message + " (" + failure + ", gave up after " + attempt + " attempts)", status, cause);
        }
        final Duration wait = backoff.delay(attempt);
        LOG.warn("{} ({}); attempt {} of {}, next in {} ms", message, failure, attempt, limit, wait.toMillis());
        statistics.backedOff(wait.toMillis());
        Thread.sleep(wait.toMillis());
    }

    private void observeRemaining(final String remaining, final Optional<Duration> untilReset) {
        if (remaining == null) {
            return;
        }
        try {
            governor.observeRemaining(Long.parseLong(remaining.trim()), untilReset);
        } catch (NumberFormatException ignored) {
            // A header we cannot read must not stop the sync; the governor's own budget still holds.
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

    /** One value per header name (the first); repeated headers are rare in Vend's answers. */
    public static Map<String, String> headersOf(final io.vertx.core.MultiMap headers) {
        final Map<String, String> out = new LinkedHashMap<>();
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

    private static String abbreviate(final String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private static String queryString(final Map<String, String> query) {
        final StringBuilder out = new StringBuilder();
        // Sorted, so the logged URL of a page is the same on every attempt.
        new java.util.TreeMap<>(query).forEach((k, v) -> out.append(out.length() == 0 ? '?' : '&')
                .append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }

    @Override
    public void close() {
        http.close();
    }
}
