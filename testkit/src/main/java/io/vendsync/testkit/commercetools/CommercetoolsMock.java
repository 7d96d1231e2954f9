package io.vendsync.testkit.commercetools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code @labdigital/commercetools-mock} (npm, pinned by the bundled {@code package-lock.json}) run as a
 * loopback HTTP server in a child {@code node} process.
 *
 * <p>The npm files are copied from the classpath into {@code ${user.home}/.cache/vendsync/ctmock-<hash>}
 * (override: system property or environment variable {@value #DIR_PROPERTY}) and {@code npm ci} runs there
 * once per lock-file hash. The server binds 127.0.0.1 on a free port, requires a bearer token issued by
 * itself ({@code POST /oauth/token} with HTTP Basic, any client id/secret) and isolates data by the project
 * key in the URL, so tests sharing one server stay independent by choosing unique project keys.
 *
 * <p>The child's stdin is a pipe held by this JVM; the server exits when it closes, so it never outlives
 * the JVM even when the JVM is killed.
 */
public final class CommercetoolsMock implements AutoCloseable {

    public static final String DIR_PROPERTY = "VENDSYNC_CTMOCK_DIR";
    public static final String DEFAULT_PROJECT_KEY = "vendsync-test";
    static final String RESOURCE_DIR = "/io/vendsync/testkit/ctmock/";
    static final List<String> FILES = List.of("package.json", "package-lock.json", "server.mjs");
    private static final String MARKER = "node_modules/@labdigital/commercetools-mock/package.json";
    private static final long START_TIMEOUT_MS = 60_000;
    private static final long INSTALL_TIMEOUT_MS = 600_000;
    private static final Logger LOG = LoggerFactory.getLogger(CommercetoolsMock.class);

    private static CommercetoolsMock shared;

    private final Process process;
    private final int port;
    private final String projectKey;
    private final boolean owner;

    private CommercetoolsMock(final Process process, final int port, final String projectKey, final boolean owner) {
        this.process = process;
        this.port = port;
        this.projectKey = projectKey;
        this.owner = owner;
    }

    /** Installs the mock if needed and starts a new server; the caller closes it. */
    public static CommercetoolsMock start() {
        final Path dir = installDir();
        install(dir);
        return launch(dir);
    }

    /**
     * One server per JVM, started on first use and stopped by a shutdown hook. Its {@link #close()} does
     * nothing, so tests may use it in try-with-resources. Use {@link #withProjectKey(String)} or
     * {@link #withUniqueProjectKey()} to keep a test's data apart.
     */
    public static synchronized CommercetoolsMock shared() {
        if (shared == null || !shared.process.isAlive()) {
            final CommercetoolsMock started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "ctmock-shutdown"));
            shared = new CommercetoolsMock(started.process, started.port, DEFAULT_PROJECT_KEY, false);
        }
        return shared;
    }

    /** The same server, seen through another project key (the mock keeps each project's data apart). */
    public CommercetoolsMock withProjectKey(final String key) {
        Objects.requireNonNull(key, "key");
        return new CommercetoolsMock(process, port, key, false);
    }

    /** The same server with a fresh random project key, e.g. {@code t-3f2a9c1b0d4e}. */
    public CommercetoolsMock withUniqueProjectKey() {
        return withProjectKey("t-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    public int port() {
        return port;
    }

    /** API base URL, e.g. {@code http://127.0.0.1:41234}. */
    public String apiUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Full token URL, e.g. {@code http://127.0.0.1:41234/oauth/token}. */
    public String authUrl() {
        return apiUrl() + "/oauth/token";
    }

    public String projectKey() {
        return projectKey;
    }

    /** Any client id works; the mock never checks it. */
    public String clientId() {
        return "vendsync-test-client";
    }

    /** Any secret works; the mock never checks it. */
    public String clientSecret() {
        return "vendsync-test-secret";
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the server this instance started; a no-op for {@link #shared()} and project-key views. */
    @Override
    public void close() {
        if (owner) {
            stop();
        }
    }

    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // destroy() below
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    // ---- installation -------------------------------------------------------------------------------

    static Path installDir() {
        String override = System.getProperty(DIR_PROPERTY);
        if (override == null || override.isBlank()) {
            override = System.getenv(DIR_PROPERTY);
        }
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath();
        }
        final String hash = HexFormat.of().formatHex(sha256(resource("package-lock.json"))).substring(0, 12);
        return Path.of(System.getProperty("user.home"), ".cache", "vendsync", "ctmock-" + hash);
    }

    /** Synchronized: a FileLock guards other JVMs only; two threads of one JVM would get OverlappingFileLockException. */
    private static synchronized void install(final Path dir) {
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(dir.resolve(".install.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                for (final String name : FILES) {
                    final byte[] content = resource(name);
                    final Path target = dir.resolve(name);
                    if (!Files.exists(target) || !java.util.Arrays.equals(Files.readAllBytes(target), content)) {
                        final Path tmp = dir.resolve(name + ".tmp");
                        Files.write(tmp, content);
                        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    }
                }
                if (Files.exists(dir.resolve(MARKER))) {
                    return;
                }
                LOG.info("Installing @labdigital/commercetools-mock into {} (npm ci, once per lock file)", dir);
                run(dir, List.of(npmCommand(), "ci", "--no-audit", "--no-fund"));
                if (!Files.exists(dir.resolve(MARKER))) {
                    throw new IllegalStateException("npm ci in " + dir + " finished but " + MARKER + " is missing");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the commercetools mock in " + dir, e);
        }
    }

    private static void run(final Path dir, final List<String> command) {
        final Path log = dir.resolve("npm-ci.log");
        final Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run '" + String.join(" ", command) + "' in " + dir
                    + ": is Node.js (npm) installed and on the PATH? " + e.getMessage(), e);
        }
        try {
            p.getOutputStream().close();
            if (!p.waitFor(INSTALL_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("'" + String.join(" ", command) + "' in " + dir + " timed out; output:\n"
                        + readQuietly(log));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("'" + String.join(" ", command) + "' in " + dir + " failed with exit code "
                        + p.exitValue() + "; output:\n" + readQuietly(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("Interrupted while running " + command, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- launch -------------------------------------------------------------------------------------

    private static CommercetoolsMock launch(final Path dir) {
        final List<String> command = List.of(nodeCommand(), "server.mjs", "0");
        final Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run '" + String.join(" ", command) + "' in " + dir
                    + ": is Node.js installed and on the PATH? " + e.getMessage(), e);
        }
        final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(1);
        final List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
        final Thread out = new Thread(() -> pump(p.getInputStream(), output, ready), "ctmock-stdout");
        final Thread err = new Thread(() -> pump(p.getErrorStream(), output, null), "ctmock-stderr");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
        final Object result;
        try {
            result = ready.poll(START_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("Interrupted while starting the commercetools mock", e);
        }
        if (!(result instanceof Integer)) {
            p.destroyForcibly();
            final String why = result == null ? "did not print 'LISTENING <port>' within " + START_TIMEOUT_MS + " ms"
                    : "exited before it was ready";
            throw new IllegalStateException("'" + String.join(" ", command) + "' in " + dir + " " + why + "; output:\n"
                    + String.join("\n", output));
        }
        final int port = (Integer) result;
        LOG.info("commercetools mock listening on http://127.0.0.1:{} (pid {})", port, p.pid());
        return new CommercetoolsMock(p, port, DEFAULT_PROJECT_KEY, true);
    }

    /** Reads lines until EOF; the first {@code LISTENING <port>} line (stdout only) is handed over. */
    private static void pump(final InputStream in, final List<String> output, final BlockingQueue<Object> ready) {
        boolean signalled = false;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (ready != null && !signalled && line.startsWith("LISTENING ")) {
                    ready.offer(Integer.parseInt(line.substring("LISTENING ".length()).trim()));
                    signalled = true;
                } else if (!signalled || ready == null) {
                    if (output.size() < 200) {
                        output.add(line);
                    }
                    LOG.debug("ctmock: {}", line);
                } else {
                    LOG.debug("ctmock: {}", line);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("ctmock output closed: {}", e.toString());
        }
        if (ready != null && !signalled) {
            ready.offer("exited");
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static boolean windows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win");
    }

    private static String npmCommand() {
        return windows() ? "npm.cmd" : "npm";
    }

    private static String nodeCommand() {
        return windows() ? "node.exe" : "node";
    }

    static byte[] resource(final String name) {
        try (InputStream in = CommercetoolsMock.class.getResourceAsStream(RESOURCE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + RESOURCE_DIR + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(final byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readQuietly(final Path file) {
        try {
            final String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.length() > 8000 ? "…" + text.substring(text.length() - 8000) : text;
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
