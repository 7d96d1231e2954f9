package io.vendsync.sink.internals;

import io.vendsync.runtime.logging.HeaderRedaction;
import io.vendsync.runtime.logging.PayloadMasker;
import io.vendsync.schemas.ops.IntegrationLogEntry;
import io.vrap.rmf.base.client.ApiHttpException;
import io.vrap.rmf.base.client.ApiHttpRequest;
import io.vrap.rmf.base.client.ApiHttpResponse;
import io.vrap.rmf.base.client.http.TelemetryMiddleware;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SDK middleware that turns every commercetools API request of the sink into an {@link IntegrationLogEntry}:
 * method, URL, status (or -1 with the error when no answer came), latency, attempt, correlation id and the
 * first {@code bodyMaxBytes} of both bodies. Headers are recorded with credentials redacted, so the {@code Authorization} bearer
 * never reaches the log. (OAuth token requests use the SDK's separate token client and do not pass here.)
 *
 * <p>Registered as the SDK's telemetry middleware, the innermost one, so every attempt (the SDK's own retries of 5xx
 * included) is one entry; {@link CommercetoolsClient#build} does that.
 *
 * <p>Callers pass the correlation id and attempt as the internal headers {@link #CORRELATION_HEADER} and
 * {@link #ATTEMPT_HEADER}; this middleware removes them before the request leaves the JVM.
 */
public final class IntegrationLogMiddleware implements TelemetryMiddleware {

    public static final String SYSTEM = "commercetools";
    public static final String CORRELATION_HEADER = "X-Vendsync-Correlation-Id";
    public static final String ATTEMPT_HEADER = "X-Vendsync-Attempt";

    private static final Logger LOG = LoggerFactory.getLogger(IntegrationLogMiddleware.class);

    private final IntegrationLog log;
    private final int bodyMaxBytes;
    private final PayloadMasker masker;
    /** Null until commercetools first answered; then whether its last answer took the token (not a 401 or 403). */
    private volatile Boolean authenticated;

    public IntegrationLogMiddleware(final IntegrationLog log, final int bodyMaxBytes) {
        this(log, bodyMaxBytes, PayloadMasker.none());
    }

    /** @param masker masks personal data in the bodies before they are cut and logged */
    public IntegrationLogMiddleware(final IntegrationLog log, final int bodyMaxBytes, final PayloadMasker masker) {
        this.log = Objects.requireNonNull(log, "log");
        this.bodyMaxBytes = Math.max(0, bodyMaxBytes);
        this.masker = Objects.requireNonNull(masker, "masker");
    }

    @Override
    public CompletableFuture<ApiHttpResponse<byte[]>> invoke(final ApiHttpRequest request,
            final Function<ApiHttpRequest, CompletableFuture<ApiHttpResponse<byte[]>>> next) {
        final String correlationId = request.getHeaders().getFirst(CORRELATION_HEADER);
        final String attemptHeader = request.getHeaders().getFirst(ATTEMPT_HEADER);
        final ApiHttpRequest outgoing = request.withoutHeader(CORRELATION_HEADER).withoutHeader(ATTEMPT_HEADER);
        final long start = System.nanoTime();
        final CompletableFuture<ApiHttpResponse<byte[]>> result;
        try {
            result = next.apply(outgoing);
        } catch (RuntimeException e) {
            record(outgoing, correlationId, attemptHeader, start, null, e);
            throw e;
        }
        // whenComplete: the entry is recorded before the caller's blocking call returns.
        return result.whenComplete((response, error) -> record(outgoing, correlationId, attemptHeader, start, response, error));
    }

    /** Whether commercetools' last answer accepted the client's token; false before it answered at all (readiness). */
    public boolean authenticated() {
        return Boolean.TRUE.equals(authenticated);
    }

    private void record(final ApiHttpRequest request, final String correlationId, final String attemptHeader,
                        final long start, final ApiHttpResponse<byte[]> response, final Throwable error) {
        try {
            final long latencyMs = (System.nanoTime() - start) / 1_000_000;
            int status = -1;
            Map<String, String> responseHeaders = Map.of();
            String responseBody = null;
            String errorText = null;
            if (response != null) {
                status = response.getStatusCode();
                responseHeaders = headers(response.getHeaders());
                responseBody = truncate(response.getBody());
            } else if (error != null) {
                final ApiHttpException http = httpException(error);
                if (http != null) {
                    status = http.getStatusCode();
                    final String body = http.getBody();
                    responseBody = body == null ? null : truncate(body.getBytes(StandardCharsets.UTF_8));
                    errorText = http.getClass().getSimpleName();
                } else {
                    final Throwable root = unwrap(error);
                    errorText = root.getClass().getName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
                }
            }
            if (status == 401 || status == 403) {
                authenticated = false;
            } else if (status > 0 && status < 500) {
                authenticated = true; // answered, and not about the token (a 404 or 409 is an answer too)
            }
            final IntegrationLogEntry entry = IntegrationLogEntry.newBuilder()
                    .setSystem(SYSTEM)
                    .setMethod(request.getMethod().name())
                    .setUrl(request.getUri().toString())
                    .setStatus(status)
                    .setLatencyMs(latencyMs)
                    .setAttempt(parseAttempt(attemptHeader))
                    .setCorrelationId(correlationId)
                    .setError(errorText)
                    .setRequestHeaders(HeaderRedaction.redact(headers(request.getHeaders())))
                    .setResponseHeaders(HeaderRedaction.redact(responseHeaders))
                    .setRequestBody(truncate(request.getBody()))
                    .setResponseBody(responseBody)
                    .setTsMs(System.currentTimeMillis())
                    .build();
            log.record(correlationId == null ? SYSTEM : correlationId, entry);
        } catch (RuntimeException e) {
            LOG.warn("Cannot record an integration-log entry for {} {}: {}", request.getMethod(), request.getUri(), e.toString());
        }
    }

    private static int parseAttempt(final String header) {
        if (header == null) {
            return 1;
        }
        try {
            return Integer.parseInt(header.trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static Throwable unwrap(final Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static ApiHttpException httpException(final Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ApiHttpException) {
                return (ApiHttpException) t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static Map<String, String> headers(final io.vrap.rmf.base.client.ApiHttpHeaders headers) {
        final Map<String, String> out = new java.util.LinkedHashMap<>();
        if (headers != null) {
            headers.getHeaders().forEach(h -> out.putIfAbsent(h.getKey(), h.getValue()));
        }
        return out;
    }

    /** The first {@code bodyMaxBytes} bytes as UTF-8 (a multi-byte character cut in half is dropped); null for no body. */
    String truncate(final byte[] raw) {
        if (raw == null || raw.length == 0 || bodyMaxBytes == 0) {
            return null;
        }
        // Masked before it is cut: a cut body is no longer JSON and could not be masked field by field.
        final byte[] body = masker.masksAnything()
                ? masker.mask(new String(raw, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8) : raw;
        final int length = Math.min(body.length, bodyMaxBytes);
        final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        final CharBuffer out = CharBuffer.allocate(length);
        // endOfInput=false: an incomplete trailing sequence stays unconsumed instead of becoming U+FFFD.
        decoder.decode(ByteBuffer.wrap(body, 0, length), out, false);
        out.flip();
        return out.toString();
    }
}
