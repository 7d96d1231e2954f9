package io.vendsync.testkit.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Temporary directories of the local rigs (brokers' logs, Kafka Streams state), removed when their owner closes and, at
 * the latest, when the JVM exits. A demo or benchmark run leaves hundreds of megabytes of RocksDB and log segments;
 * left behind, repeated runs fill the disk.
 */
public final class TempDirs {

    private static final List<Path> ON_EXIT = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            final List<Path> dirs;
            synchronized (ON_EXIT) {
                dirs = List.copyOf(ON_EXIT);
            }
            dirs.forEach(TempDirs::deleteRecursively);
        }, "vendsync-temp-dirs-cleanup"));
    }

    private TempDirs() {
    }

    /** A new directory under the system's temporary directory, deleted at JVM exit if no one deleted it before. */
    public static Path create(final String prefix) {
        try {
            final Path dir = Files.createTempDirectory(prefix);
            synchronized (ON_EXIT) {
                ON_EXIT.add(dir);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory " + prefix + "*", e);
        }
    }

    /** Deletes {@code dir} and everything under it; what cannot be deleted (already gone, in use) is left. */
    public static void deleteRecursively(final Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A leftover temp dir is harmless; its owner is already closed.
        }
        synchronized (ON_EXIT) {
            ON_EXIT.remove(dir);
        }
    }
}
