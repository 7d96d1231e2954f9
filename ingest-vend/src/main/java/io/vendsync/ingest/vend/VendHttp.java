package io.vendsync.ingest.vend;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One HTTP exchange with Vend under a total deadline: connecting, the headers and the whole body must arrive within
 * it, so a server that trickles a body forever is cut off like one that never answers. Redirects are never followed
 * here (whoever calls decides, see {@link Redirects}), so credentials never go where the caller did not send them.
 * Calls block the calling thread, never a Vert.x event loop.
 */
public final class VendHttp implements AutoCloseable {

    public static final String USER_AGENT = "vendsync/0.1 (+https://github.com/vendsync)";
    /**
     * A page of 10,000 products is a few MB; a declared length near this is not a Vend page. A chunked body has no
     * declared length; the deadline bounds it.
     */
    static final int MAX_BODY_BYTES = 256 * 1024 * 1024;

    /** A complete answer. */
    public record Reply(int status, MultiMap headers, String body) {
        public String header(final String name) {
            return headers.get(name);
        }
    }

    /** Why a request got no complete answer: the failure class, and what happened. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final VendFailure kind;

        Failure(final VendFailure kind, final String message, final Throwable cause) {
            super(message, cause);
            this.kind = kind;
        }

        public VendFailure kind() {
            return kind;
        }
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final Context context;
    private final long deadlineMillis;

    public VendHttp(final Vertx vertx, final Duration deadline) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.deadlineMillis = deadline.toMillis();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, deadlineMillis)));
    }

    public long deadlineMillis() {
        return deadlineMillis;
    }

    /** Sends the request and waits for the whole answer, at most the deadline. */
    public Reply send(final HttpMethod method, final String url, final Map<String, String> headers, final Buffer body)
            throws InterruptedException, Failure {
        final CompletableFuture<Reply> done = new CompletableFuture<>();
        final AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        final AtomicBoolean answered = new AtomicBoolean();
        final RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(url)
                .setFollowRedirects(false).setConnectTimeout(deadlineMillis);
        options.putHeader("User-Agent", USER_AGENT);
        headers.forEach(options::putHeader);
        final long timer = vertx.setTimer(deadlineMillis, id -> {
            if (done.completeExceptionally(new Failure(VendFailure.TIMEOUT, answered.get()
                    ? "the body did not end within the " + deadlineMillis + " ms deadline"
                    : "no answer within the " + deadlineMillis + " ms deadline", null))) {
                abort(sent.get());
            }
        });
        // Everything runs on one event loop, and the body is asked for in the same step that sees the headers
        // (the idiom Vert.x documents): a chunk can then never arrive before anyone listens for it.
        context.runOnContext(go -> client.request(options).compose(request -> {
            sent.set(request);
            if (done.isDone()) {
                abort(request);
                return Future.failedFuture("deadline passed before the request was sent");
            }
            final Future<HttpClientResponse> response = body == null ? request.send() : request.send(body);
            return response.transform(answer -> {
                if (answer.failed()) {
                    return Future.failedFuture(new Failure(VendFailure.CONNECTION_FAILED,
                            "no answer: " + answer.cause(), answer.cause()));
                }
                answered.set(true);
                return read(answer.result());
            });
        }).onComplete(result -> {
            if (result.succeeded()) {
                done.complete(result.result());
            } else if (result.cause() instanceof Failure failure) {
                done.completeExceptionally(failure);
            } else {
                done.completeExceptionally(new Failure(VendFailure.CONNECTION_FAILED, "no answer: " + result.cause(),
                        result.cause()));
            }
            if (done.isCompletedExceptionally()) {
                abort(sent.get());
            }
        }));
        try {
            // The timer above ends it; this bound only guards against a timer that never ran.
            return done.get(deadlineMillis + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Failure failure) {
                throw failure;
            }
            throw new Failure(VendFailure.CONNECTION_FAILED, String.valueOf(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            abort(sent.get());
            throw new Failure(VendFailure.TIMEOUT, "no answer within the " + deadlineMillis + " ms deadline", e);
        } catch (InterruptedException e) {
            abort(sent.get());
            throw e;
        } finally {
            vertx.cancelTimer(timer);
        }
    }

    private static Future<Reply> read(final HttpClientResponse response) {
        final long declared = contentLength(response.getHeader("Content-Length"));
        if (declared > MAX_BODY_BYTES) {
            return Future.failedFuture(new Failure(VendFailure.BODY_INCOMPLETE,
                    "a body of " + declared + " bytes, over the " + MAX_BODY_BYTES + " a Vend answer may have", null));
        }
        return response.body().transform(body -> body.succeeded()
                ? Future.succeededFuture(new Reply(response.statusCode(), response.headers(),
                        body.result().toString(StandardCharsets.UTF_8)))
                : Future.failedFuture(new Failure(VendFailure.BODY_INCOMPLETE, "the body broke off: " + body.cause(),
                        body.cause())));
    }

    private static long contentLength(final String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Resetting closes an HTTP/1.1 connection, so a server still writing cannot hold a pooled connection. */
    private static void abort(final HttpClientRequest request) {
        if (request != null) {
            request.reset();
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
