package io.vendsync.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fault table the issue asks for: one row per fault test, printed once after the whole suite (the root store
 * closes its resources when the engine finishes) and written to {@code target/fault-table.txt} for CI artifacts.
 */
public final class FaultTable implements BeforeAllCallback {

    /** One fault test's ledger; {@code lost} and {@code duplicated} (resources beyond one per key) must be 0. */
    public record Row(String fault, long eventsSent, long retried, long deadLettered, long replayed, long landed, long lost,
                      long duplicated, double seconds) {
    }

    private static final List<Row> ROWS = new ArrayList<>();
    private static final String HEADER = String.format(Locale.ROOT, "| %-66s | %11s | %7s | %13s | %8s | %6s | %4s | %10s | %6s |",
            "fault", "events sent", "retried", "dead-lettered", "replayed", "landed", "lost", "duplicated", "time s");

    public static synchronized void add(final Row row) {
        ROWS.add(row);
        System.out.println(HEADER + System.lineSeparator() + line(row));
    }

    @Override
    public void beforeAll(final ExtensionContext context) {
        // One printer per engine run, whichever fault test class starts first.
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Printer.class, k -> new Printer(), Printer.class);
    }

    static synchronized String render() {
        final StringBuilder out = new StringBuilder("Fault table (vendsync fault suite)").append(System.lineSeparator())
                .append(HEADER).append(System.lineSeparator())
                .append(HEADER.replaceAll("[^|]", "-")).append(System.lineSeparator());
        ROWS.forEach(row -> out.append(line(row)).append(System.lineSeparator()));
        return out.toString();
    }

    private static String line(final Row row) {
        return String.format(Locale.ROOT, "| %-66s | %11d | %7d | %13d | %8d | %6d | %4d | %10d | %6.1f |", row.fault(),
                row.eventsSent(), row.retried(), row.deadLettered(), row.replayed(), row.landed(), row.lost(), row.duplicated(),
                row.seconds());
    }

    /** Prints and saves the table when the test engine closes the root store. */
    private static final class Printer implements AutoCloseable {
        @Override
        public void close() {
            final String table = render();
            System.out.println(table);
            try {
                Files.writeString(Path.of("target", "fault-table.txt"), table, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
