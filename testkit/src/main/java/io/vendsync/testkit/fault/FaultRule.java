package io.vendsync.testkit.fault;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One fault the {@link FaultProxy} injects: answer with a status (and body) instead of forwarding, or hold the
 * request and then drop the connection without an answer (a timeout as the client sees it). Which requests it
 * hits: a method, a path fragment and a request-body fragment (each optional), then at most {@link #times(int)}
 * requests, a seeded {@link #fraction(double, long)} of them, and only inside {@link #during(Duration)}.
 * Immutable settings, thread-safe counters; build with the static factories and the {@code with}-style methods.
 */
public final class FaultRule {

    private final int status;
    private final String body;
    private final Duration hang;
    private final String method;
    private final String pathContains;
    private final String bodyContains;
    private final int times;
    private final double fraction;
    private final Random random;
    private final long activeFromNanos;
    private final long activeUntilNanos;
    private final AtomicInteger hits = new AtomicInteger();

    private FaultRule(final int status, final String body, final Duration hang, final String method, final String pathContains,
                      final String bodyContains, final int times, final double fraction, final Random random,
                      final long activeFromNanos, final long activeUntilNanos) {
        this.status = status;
        this.body = body;
        this.hang = hang;
        this.method = method;
        this.pathContains = pathContains;
        this.bodyContains = bodyContains;
        this.times = times;
        this.fraction = fraction;
        this.random = random;
        this.activeFromNanos = activeFromNanos;
        this.activeUntilNanos = activeUntilNanos;
    }

    /** Answers {@code status} with a commercetools-style error body. */
    public static FaultRule status(final int status) {
        final String code = status == 429 ? "TooManyRequests" : status >= 500 ? "ServiceUnavailable" : "InvalidInput";
        return status(status, "{\"statusCode\":" + status + ",\"message\":\"injected by FaultProxy\",\"errors\":[{\"code\":\""
                + code + "\",\"message\":\"injected by FaultProxy\"}]}");
    }

    /** Answers {@code status} with this JSON body. */
    public static FaultRule status(final int status, final String jsonBody) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        return new FaultRule(status, Objects.requireNonNull(jsonBody, "jsonBody"), null, null, null, null, Integer.MAX_VALUE,
                1.0, null, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** Holds the request for {@code hang}, never forwards it, then closes the connection without an answer. */
    public static FaultRule hangThenDrop(final Duration hang) {
        return new FaultRule(-1, null, Objects.requireNonNull(hang, "hang"), null, null, null, Integer.MAX_VALUE, 1.0, null,
                Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** Only requests with this HTTP method (e.g. POST). */
    public FaultRule method(final String httpMethod) {
        return new FaultRule(status, body, hang, httpMethod.toUpperCase(Locale.ROOT), pathContains, bodyContains, times, fraction,
                random, activeFromNanos, activeUntilNanos);
    }

    /** Only requests whose path (without the query) contains this text, e.g. {@code /inventory}. */
    public FaultRule pathContains(final String fragment) {
        return new FaultRule(status, body, hang, method, fragment, bodyContains, times, fraction, random, activeFromNanos,
                activeUntilNanos);
    }

    /** Only requests whose body contains this text, e.g. a SKU. */
    public FaultRule bodyContains(final String fragment) {
        return new FaultRule(status, body, hang, method, pathContains, fragment, times, fraction, random, activeFromNanos,
                activeUntilNanos);
    }

    /** Hits at most {@code n} matching requests, then lets everything through. */
    public FaultRule times(final int n) {
        if (n < 0) {
            throw new IllegalArgumentException("times must be >= 0");
        }
        return new FaultRule(status, body, hang, method, pathContains, bodyContains, n, fraction, random, activeFromNanos,
                activeUntilNanos);
    }

    /** Hits each matching request with probability {@code p}, from a seeded generator so a run repeats. */
    public FaultRule fraction(final double p, final long seed) {
        if (p < 0 || p > 1) {
            throw new IllegalArgumentException("fraction must be within 0..1");
        }
        return new FaultRule(status, body, hang, method, pathContains, bodyContains, times, p, new Random(seed), activeFromNanos,
                activeUntilNanos);
    }

    /** Active from now for {@code window}, then lets everything through. */
    public FaultRule during(final Duration window) {
        final long now = System.nanoTime();
        return new FaultRule(status, body, hang, method, pathContains, bodyContains, times, fraction, random, now,
                now + window.toNanos());
    }

    /** How many requests this rule answered (or dropped) so far. */
    public int hits() {
        return hits.get();
    }

    int status() {
        return status;
    }

    String body() {
        return body;
    }

    Duration hang() {
        return hang;
    }

    /** True when this request is hit; counts the hit. */
    boolean claim(final String requestMethod, final String path, final String requestBody) {
        final long now = System.nanoTime();
        if (now < activeFromNanos || now > activeUntilNanos
                || (method != null && !method.equals(requestMethod))
                || (pathContains != null && !path.contains(pathContains))
                || (bodyContains != null && (requestBody == null || !requestBody.contains(bodyContains)))) {
            return false;
        }
        synchronized (this) {
            if (hits.get() >= times) {
                return false;
            }
            if (random != null && random.nextDouble() >= fraction) {
                return false;
            }
            hits.incrementAndGet();
            return true;
        }
    }

    @Override
    public String toString() {
        return (hang != null ? "hang " + hang.toMillis() + " ms then drop" : "answer " + status)
                + (method == null ? "" : " " + method) + (pathContains == null ? "" : " *" + pathContains + "*")
                + (bodyContains == null ? "" : " body~" + bodyContains);
    }
}
