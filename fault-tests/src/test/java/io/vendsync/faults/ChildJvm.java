package io.vendsync.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * An app's {@code main} in its own JVM, started the way a deployment starts it (a settings file as the only argument),
 * so it can be killed with SIGKILL ({@link Process#destroyForcibly()}): no shutdown hook, no flush, no commit. Each
 * start logs to its own file under the run's directory.
 */
final class ChildJvm implements AutoCloseable {

    private final String name;
    private final String mainClass;
    private final Path settingsFile;
    private final Path dir;
    private Process process;
    private Path log;
    private int starts;
    private int kills;

    ChildJvm(final String name, final String mainClass, final Map<String, String> settings, final Path dir) {
        this.name = name;
        this.mainClass = mainClass;
        this.dir = dir;
        this.settingsFile = dir.resolve(name + ".properties");
        final Properties props = new Properties();
        props.putAll(settings);
        try (OutputStream out = Files.newOutputStream(settingsFile)) {
            props.store(out, "vendsync " + name + " of a fault test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void start() throws IOException {
        starts++;
        log = dir.resolve(name + "-" + starts + ".log");
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Quick start over peak speed: the apps wait on I/O, and every restart is on the clock.
        final ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-XX:+UnlockDiagnosticVMOptions", "-XX:-BytecodeVerificationRemote", "-cp", System.getProperty("java.class.path"), mainClass, settingsFile.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // Only the settings file configures the child: a stray VENDSYNC_* variable would win over it.
        builder.environment().keySet().removeIf(k -> k.startsWith("VENDSYNC_"));
        process = builder.start();
        Steps.log("%s: start %d (pid %d)", name, starts, process.pid());
    }

    /** Waits until this start's log shows {@code text}; fails if the process dies first or time runs out. */
    void awaitLog(final String text, final Duration timeout) throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited (" + process.exitValue() + ") before logging '" + text + "'; see " + log);
            }
            Thread.sleep(100);
        }
        throw new AssertionError(name + " did not log '" + text + "' within " + timeout + "; see " + log);
    }

    /** kill -9. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " survived SIGKILL");
        }
        kills++;
        Steps.log("%s: kill -9 #%d", name, kills);
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    int kills() {
        return kills;
    }

    /** A graceful stop (SIGTERM: the apps' shutdown hooks close them), then SIGKILL if it hangs. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
