package io.vendsync.testkit.fault;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback HTTP proxy in front of one target (e.g. the commercetools mock) that forwards every request
 * unchanged unless a {@link FaultRule} claims it. Point a client's base URL at {@link #url()}; the first
 * matching rule wins. Injected answers and drops are counted, so a test can prove a fault really happened.
 */
public final class FaultProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FaultProxy.class);
    /** Headers java.net.http sets itself (or refuses), and hop-by-hop headers that must not be copied. */
    private static final Set<String> SKIPPED_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding", "keep-alive", "te", "trailer", "proxy-connection", "http2-settings");

    private final URI target;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        final Thread thread = new Thread(r, "fault-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<FaultRule> rules = new CopyOnWriteArrayList<>();
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong injected = new AtomicLong();

    private FaultProxy(final URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a proxy on a free loopback port forwarding to {@code targetBaseUrl} (e.g. {@code http://127.0.0.1:41234}). */
    public static FaultProxy start(final String targetBaseUrl) {
        Objects.requireNonNull(targetBaseUrl, "targetBaseUrl");
        try {
            return new FaultProxy(URI.create(targetBaseUrl.endsWith("/") ? targetBaseUrl.substring(0, targetBaseUrl.length() - 1)
                    : targetBaseUrl));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the fault proxy", e);
        }
    }

    /** Base URL of the proxy, no trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Adds a rule (checked after the ones added before); returns it so the test can read its hits. */
    public FaultRule inject(final FaultRule rule) {
        rules.add(Objects.requireNonNull(rule, "rule"));
        return rule;
    }

    /** Removes every rule: from now on everything is forwarded. */
    public void heal() {
        rules.clear();
    }

    public long forwarded() {
        return forwarded.get();
    }

    /** Requests answered or dropped by a rule. */
    public long injected() {
        return injected.get();
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            final byte[] body = exchange.getRequestBody().readAllBytes();
            final String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            final String path = exchange.getRequestURI().getRawPath();
            final String text = new String(body, StandardCharsets.UTF_8);
            for (final FaultRule rule : rules) {
                if (rule.claim(method, path, text)) {
                    injected.incrementAndGet();
                    LOG.debug("Injecting '{}' for {} {}", rule, method, path);
                    if (rule.hang() != null) {
                        sleep(rule.hang());
                        // Closing the exchange before any response header closes the connection: no answer at all.
                        return;
                    }
                    final byte[] answer = rule.body().getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(rule.status(), answer.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(answer);
                    }
                    return;
                }
            }
            forward(exchange, method, body);
        }
    }

    private void forward(final HttpExchange exchange, final String method, final byte[] body) throws IOException {
        final String rawQuery = exchange.getRequestURI().getRawQuery();
        final URI uri = URI.create(target + exchange.getRequestURI().getRawPath() + (rawQuery == null ? "" : "?" + rawQuery));
        final HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (final Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            if (!SKIPPED_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                header.getValue().forEach(value -> request.header(header.getKey(), value));
            }
        }
        final HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding", e);
        }
        forwarded.incrementAndGet();
        final byte[] answer;
        try (InputStream in = response.body()) {
            answer = in.readAllBytes();
        }
        response.headers().map().forEach((name, values) -> {
            if (!SKIPPED_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !":status".equals(name)) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    private static void sleep(final Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
