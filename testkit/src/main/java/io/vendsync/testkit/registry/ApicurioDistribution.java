package io.vendsync.testkit.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the Apicurio Registry server comes from: the Maven Central artifact
 * {@code io.apicurio:apicurio-registry-app:<version>:tar.gz:all} (a Quarkus fast-jar, about 160 MB), unpacked once per
 * version into {@code ${user.home}/.cache/vendsync/apicurio-<version>} (override: {@value #DIR_VARIABLE}).
 *
 * <p>The archive is found, in this order: the system property {@value #DIST_PROPERTY} or variable
 * {@value #DIST_VARIABLE} (the test builds set it from Maven's own resolution), the local Maven repository, or else it
 * is fetched there with {@code mvn dependency:get}.
 */
record ApicurioDistribution(String version, Path archive) {

    static final int MIN_JAVA = 21;
    static final String DIST_PROPERTY = "vendsync.apicurio.dist";
    static final String DIST_VARIABLE = "VENDSYNC_APICURIO_DIST";
    static final String DIR_VARIABLE = "VENDSYNC_APICURIO_DIR";
    private static final Logger LOG = LoggerFactory.getLogger(ApicurioDistribution.class);

    static ApicurioDistribution locate() {
        final String version = ApicurioRegistry.version();
        final String given = setting(DIST_PROPERTY, DIST_VARIABLE);
        if (given != null) {
            final Path archive = Path.of(given);
            if (!Files.isRegularFile(archive)) {
                throw new IllegalStateException(DIST_PROPERTY + " names " + archive + ", which is not a file");
            }
            return new ApicurioDistribution(version, archive);
        }
        final Path archive = localRepository().resolve("io/apicurio/apicurio-registry-app/" + version
                + "/apicurio-registry-app-" + version + "-all.tar.gz");
        if (!Files.isRegularFile(archive)) {
            fetch(version, archive);
        }
        return new ApicurioDistribution(version, archive);
    }

    /** The unpacked server (the folder holding {@code quarkus-run.jar}); unpacks it on first use. */
    Path unpacked() {
        final String dirSetting = setting(DIR_VARIABLE.toLowerCase(java.util.Locale.ROOT).replace('_', '.'), DIR_VARIABLE);
        final Path dir = dirSetting != null ? Path.of(dirSetting)
                : Path.of(System.getProperty("user.home"), ".cache", "vendsync", "apicurio-" + version);
        final Path server = dir.resolve("server");
        if (Files.isRegularFile(server.resolve("quarkus-run.jar"))) {
            return server;
        }
        synchronized (ApicurioDistribution.class) {
            try {
                Files.createDirectories(dir);
                // Other JVMs (parallel builds) may unpack at the same time: one does it, the others wait and reuse it.
                try (FileChannel channel = FileChannel.open(dir.resolve(".unpack.lock"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                     FileLock ignored = channel.lock()) {
                    if (Files.isRegularFile(server.resolve("quarkus-run.jar"))) {
                        return server;
                    }
                    final Path partial = dir.resolve(".partial-" + UUID.randomUUID());
                    Files.createDirectories(partial);
                    LOG.info("Unpacking {} into {} (once per version)", archive, server);
                    try {
                        run(List.of("tar", "-xzf", archive.toString(), "-C", partial.toString()), "unpack " + archive);
                        if (!Files.isRegularFile(partial.resolve("quarkus-run.jar"))) {
                            throw new IllegalStateException(archive + " holds no quarkus-run.jar at its top");
                        }
                        // Renamed whole, so a server folder is always complete.
                        Files.move(partial, server);
                        return server;
                    } finally {
                        deleteQuietly(partial);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot unpack the Apicurio Registry into " + dir, e);
            }
        }
    }

    private static void fetch(final String version, final Path archive) {
        final String coordinates = "io.apicurio:apicurio-registry-app:" + version + ":tar.gz:all";
        LOG.info("Fetching {} (about 160 MB) into the local Maven repository", coordinates);
        run(List.of("mvn", "-B", "-q", "dependency:get", "-Dartifact=" + coordinates, "-Dtransitive=false"),
                "fetch " + coordinates + " with Maven (is mvn on the PATH?)");
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("Maven fetched " + coordinates + " but it is not at " + archive
                    + "; set " + DIST_VARIABLE + " to the archive's path");
        }
    }

    private static Path localRepository() {
        final String local = System.getProperty("maven.repo.local");
        return local != null && !local.isBlank() ? Path.of(local)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static String setting(final String property, final String variable) {
        final String fromProperty = System.getProperty(property);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return fromProperty;
        }
        final String fromVariable = System.getenv(variable);
        return fromVariable == null || fromVariable.isBlank() ? null : fromVariable;
    }

    private static void run(final List<String> command, final String what) {
        try {
            final Path output = Files.createTempFile("vendsync-apicurio-", ".out");
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("Cannot " + what + ": " + String.join(" ", command) + " failed:\n"
                        + Files.readString(output));
            }
            Files.deleteIfExists(output);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + what, e);
        }
    }

    /** Removes a half-unpacked folder (after a failure; a no-op once it was renamed). */
    private static void deleteQuietly(final Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
