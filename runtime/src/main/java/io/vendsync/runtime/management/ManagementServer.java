package io.vendsync.runtime.management;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vendsync.runtime.CommonConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.common.config.AbstractConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP management endpoint of an app, for Kubernetes probes and Prometheus:
 * <ul>
 *   <li>{@code GET /health/live}: 200 while the process serves requests (a hung JVM stops answering, and is restarted);</li>
 *   <li>{@code GET /health/ready}: 200 when every {@link Readiness} check passes, else 503; the body names each check
 *       (started from the app's settings, it also checks that Kafka answers: {@link KafkaReachable});</li>
 *   <li>{@code GET /metrics}: the registry in the Prometheus text format.</li>
 * </ul>
 * The JDK's own HTTP server on one small thread pool: no framework for three read-only routes.
 */
public final class ManagementServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final PrometheusMeterRegistry registry;
    private final Readiness readiness;
    private KafkaReachable kafka;

    private ManagementServer(final HttpServer server, final ExecutorService executor, final PrometheusMeterRegistry registry,
                             final Readiness readiness) {
        this.server = server;
        this.executor = executor;
        this.registry = registry;
        this.readiness = readiness;
    }

    /** Starts serving on {@code host:port} (port 0: any free one, see {@link #port()}). */
    public static ManagementServer start(final String host, final int port, final PrometheusMeterRegistry registry,
                                         final Readiness readiness) throws IOException {
        final HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            final Thread thread = new Thread(runnable, "vendsync-management");
            thread.setDaemon(true);
            return thread;
        });
        final ManagementServer management = new ManagementServer(server, executor, registry, readiness);
        server.createContext("/health/live", exchange -> management.respond(exchange, 200, "text/plain", "live\n"));
        server.createContext("/health/ready", management::ready);
        server.createContext("/metrics", exchange -> management.respond(exchange, 200,
                "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        server.setExecutor(executor);
        server.start();
        LOG.info("Management endpoint on http://{}:{} (/health/live, /health/ready, /metrics)", host, management.port());
        return management;
    }

    /**
     * Starts the endpoint where the app's settings say ({@code management.host}, {@code management.port}), with the
     * JVM's own meters bound; null when {@code management.port} is -1. A port that cannot be bound is an
     * {@link UncheckedIOException} naming it.
     */
    public static ManagementServer start(final AbstractConfig config, final PrometheusMeterRegistry registry,
                                         final Readiness readiness) {
        final int port = config.getInt(CommonConfig.MANAGEMENT_PORT);
        if (port < 0) {
            return null;
        }
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        // Every app needs its brokers: not ready while they do not answer, whatever its clients' own state says.
        final KafkaReachable kafka = new KafkaReachable(CommonConfig.kafkaClientProperties(config), Duration.ofSeconds(3),
                Duration.ofSeconds(2));
        readiness.check("kafka reachable", kafka);
        try {
            final ManagementServer management = start(config.getString(CommonConfig.MANAGEMENT_HOST), port, registry, readiness);
            management.kafka = kafka;
            return management;
        } catch (IOException e) {
            kafka.close();
            throw new UncheckedIOException("cannot serve the management endpoint on port " + port + " ("
                    + CommonConfig.MANAGEMENT_PORT + "): " + e.getMessage(), e);
        }
    }

    /** A registry for an app's meters, scraped at {@code /metrics}. */
    public static PrometheusMeterRegistry newRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    private void ready(final HttpExchange exchange) throws IOException {
        final Map<String, Boolean> checks = readiness.evaluate();
        final boolean ready = checks.values().stream().allMatch(Boolean::booleanValue);
        final StringBuilder body = new StringBuilder(ready ? "ready\n" : "not ready\n");
        checks.forEach((name, passed) -> body.append(name).append(": ").append(passed ? "ok" : "failing").append('\n'));
        respond(exchange, ready ? 200 : 503, "text/plain", body.toString());
    }

    private void respond(final HttpExchange exchange, final int status, final String contentType, final String body)
            throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, "HEAD".equals(exchange.getRequestMethod()) ? -1 : bytes.length);
            if (!"HEAD".equals(exchange.getRequestMethod())) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        if (kafka != null) {
            kafka.close();
        }
    }
}
