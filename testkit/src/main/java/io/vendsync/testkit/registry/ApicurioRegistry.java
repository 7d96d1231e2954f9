package io.vendsync.testkit.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real schema registry for tests and the demo: the Apicurio Registry server (Maven Central
 * {@code io.apicurio:apicurio-registry-app:<version>:tar.gz:all}) in a child JVM of Java 21 or later, in-memory
 * storage, on free loopback ports. It serves the Confluent Schema Registry API at {@link #confluentUrl()}, the URL
 * vendsync's {@code schema.registry.url} takes, with the global compatibility set to {@code BACKWARD} as an operator
 * would set it.
 *
 * <p>The distribution is unpacked once per version (see {@link ApicurioDistribution}); the child is started through a
 * small shell that kills it when this JVM's end of its stdin pipe closes, so it never outlives the JVM, even a killed one.
 */
public final class ApicurioRegistry implements AutoCloseable {

    /** Confluent-compatible API under the registry's base URL. */
    public static final String CONFLUENT_PATH = "/apis/ccompat/v7";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern LISTENING = Pattern.compile(
            "Listening on: http://127\\.0\\.0\\.1:(\\d+)\\. Management interface listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final Logger LOG = LoggerFactory.getLogger(ApicurioRegistry.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static ApicurioRegistry shared;

    private final Process process;
    private final int port;
    private final Path log;
    private final Duration startup;
    private final boolean owner;

    private ApicurioRegistry(final Process process, final int port, final Path log, final Duration startup, final boolean owner) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.startup = startup;
        this.owner = owner;
    }

    /** Unpacks the distribution if needed and starts a new server; the caller closes it. */
    public static ApicurioRegistry start() {
        final ApicurioDistribution distribution = ApicurioDistribution.locate();
        final Path home = distribution.unpacked();
        final Path java = JavaHomes.javaOfAtLeast(ApicurioDistribution.MIN_JAVA);
        final Path log;
        try {
            log = Files.createTempFile("vendsync-apicurio-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        final List<String> command = new ArrayList<>(List.of("sh", "-c",
                // The server dies with this JVM: when the pipe on stdin closes, cat returns and the shell kills it.
                "\"$@\" </dev/null & server=$!; cat >/dev/null; kill $server 2>/dev/null; wait $server", "apicurio"));
        command.addAll(List.of(java.toString(), "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                // A class-data archive kept beside the unpacked server: the second start takes about half the time.
                "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + home.resolve("vendsync-cds.jsa"),
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=0",
                "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=0",
                "-jar", home.resolve("quarkus-run.jar").toString()));
        final long began = System.nanoTime();
        final Process process;
        try {
            process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the Apicurio Registry with " + java, e);
        }
        try {
            final int[] ports = awaitListening(process, log);
            awaitReady(process, ports[1], log);
            final Duration startup = Duration.ofNanos(System.nanoTime() - began);
            final ApicurioRegistry registry = new ApicurioRegistry(process, ports[0], log, startup, true);
            registry.setGlobalCompatibility("BACKWARD");
            LOG.info("Apicurio Registry {} ready on {} in {} ms (log {})", distribution.version(), registry.confluentUrl(),
                    startup.toMillis(), log);
            return registry;
        } catch (RuntimeException e) {
            stop(process);
            throw e;
        }
    }

    /** One server per JVM, started on first use and stopped when the JVM exits; its {@link #close()} does nothing. */
    public static synchronized ApicurioRegistry shared() {
        if (shared == null || !shared.process.isAlive()) {
            final ApicurioRegistry started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started.process), "apicurio-shutdown"));
            shared = new ApicurioRegistry(started.process, started.port, started.log, started.startup, false);
        }
        return shared;
    }

    /** The server's base URL, e.g. {@code http://127.0.0.1:41973}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The Confluent Schema Registry API: what {@code schema.registry.url} takes. */
    public String confluentUrl() {
        return baseUrl() + CONFLUENT_PATH;
    }

    /** How long the server took from launch to ready. */
    public Duration startup() {
        return startup;
    }

    /** The server's own log. */
    public Path log() {
        return log;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (owner) {
            stop(process);
        }
    }

    private void setGlobalCompatibility(final String level) {
        final HttpRequest request = HttpRequest.newBuilder(URI.create(confluentUrl() + "/config"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"" + level + "\"}")).build();
        final HttpResponse<String> response = send(request);
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("The registry refused compatibility " + level + ": " + response.statusCode()
                    + " " + response.body());
        }
    }

    private static int[] awaitListening(final Process process, final Path log) {
        final long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            final Matcher matcher = LISTENING.matcher(read(log));
            if (matcher.find()) {
                return new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))};
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("The Apicurio Registry exited before it listened; its log " + log + ":\n" + tail(log));
            }
            sleep();
        }
        throw new IllegalStateException("The Apicurio Registry did not listen within " + START_TIMEOUT + "; its log " + log
                + ":\n" + tail(log));
    }

    private static void awaitReady(final Process process, final int managementPort, final Path log) {
        final HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        final long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not serving yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the registry", e);
            }
            sleep();
        }
        throw new IllegalStateException("The Apicurio Registry did not become ready; its log " + log + ":\n" + tail(log));
    }

    private static HttpResponse<String> send(final HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Registry call " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted calling the registry", e);
        }
    }

    /** Closes the shell's stdin (it then kills the server and waits for it), then makes sure. */
    private static void stop(final Process process) {
        if (!process.isAlive()) {
            return;
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static String read(final Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(final Path log) {
        final String all = read(log);
        return all.length() <= 4_000 ? all : all.substring(all.length() - 4_000);
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the registry", e);
        }
    }

    /** The Apicurio Registry version this testkit runs (the root pom's apicurio.version, through the filtered apicurio.properties). */
    public static String version() {
        try (InputStream in = ApicurioRegistry.class.getResourceAsStream("apicurio.properties")) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource apicurio.properties beside " + ApicurioRegistry.class);
            }
            final Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
