package io.vendsync.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * A vendsync app's {@code main} in a JVM of its own, configured only through {@code VENDSYNC_*} variables as in a pod,
 * with this JVM's classpath, logging to a file. What a test needs to do to it what Kubernetes does to a pod on every
 * rollout and drain: SIGTERM ({@link #terminate(Duration)}), then SIGKILL ({@link #close()}) after the grace period.
 */
public final class AppProcess implements AutoCloseable {

    /** The exit status of a JVM that ran its shutdown hooks after SIGTERM (128 + 15). */
    public static final int SIGTERM_EXIT = 143;
    private static final String ENV_PREFIX = "VENDSYNC_";

    private final String name;
    private final Process process;
    private final Path log;

    private AppProcess(final String name, final Process process, final Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** How a SIGTERM ended: whether the JVM exited within the grace period, its exit status, and how long it took. */
    public record Stop(boolean exited, int exitValue, Duration took) {
    }

    /**
     * Starts {@code mainClass} with {@code settings} (config keys such as {@code kafka.bootstrap.servers}) passed as the
     * variables {@code variableOf} names (the apps' {@code ConfigSource::environmentVariable}); any {@code VENDSYNC_*}
     * variable of this JVM is left out so only these settings count. Quick start over peak speed: the apps wait on I/O,
     * and a restart is on the test's clock.
     */
    public static AppProcess start(final String name, final Class<?> mainClass, final Map<String, String> settings,
                                   final Function<String, String> variableOf) {
        final Path log;
        try {
            log = Files.createTempFile("vendsync-" + name + "-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                // The app's own lines at INFO whatever the test classpath's slf4j-simple settings: the test reads them.
                "-Dorg.slf4j.simpleLogger.log.io.vendsync=info",
                "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        builder.environment().keySet().removeIf(variable -> variable.startsWith(ENV_PREFIX));
        settings.forEach((key, value) -> builder.environment().put(variableOf.apply(key), value));
        try {
            return new AppProcess(name, builder.redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + " (" + mainClass.getName() + ")", e);
        }
    }

    /** The child's stdout and stderr. */
    public Path log() {
        return log;
    }

    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until the log shows {@code text}; fails if the process exits first or time runs out. */
    public void awaitLog(final String text, final Duration timeout) throws InterruptedException {
        await(name + " logging '" + text + "'", () -> {
            if (!process.isAlive() && !logText().contains(text)) {
                throw new AssertionError(name + " exited (" + process.exitValue() + ") before logging '" + text + "'; its log: " + log);
            }
            return logText().contains(text);
        }, timeout);
    }

    /** SIGTERM, as the kubelet sends it, then waits up to {@code grace} for the JVM to exit. */
    public Stop terminate(final Duration grace) throws InterruptedException {
        final long signalled = System.nanoTime();
        process.destroy();
        final boolean exited = process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        final Duration took = Duration.ofNanos(System.nanoTime() - signalled);
        return new Stop(exited, exited ? process.exitValue() : -1, took);
    }

    /** SIGKILL if still running: what follows the grace period. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Polls {@code condition} until it holds; an {@link AssertionError} naming {@code what} when {@code timeout} passes. */
    public static void await(final String what, final BooleanSupplier condition, final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(200);
        }
    }
}
