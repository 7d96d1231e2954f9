package io.vendsync.cli.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportHistoryTest {

    @TempDir
    Path reports;

    @Test
    void shouldKeepEachRunInAFolderNamedByItsStartAndPruneAllButTheNewest() throws Exception {
        Files.createDirectories(reports.resolve("runs").resolve("notes")); // not a run: left alone
        for (final String start : List.of("2026-12-01T03:30:00Z", "2026-12-03T03:30:00Z", "2026-12-02T03:30:00Z")) {
            ReportHistory.keep(report(Instant.parse(start)), reports, 2);
        }

        try (Stream<Path> runs = Files.list(reports.resolve("runs"))) {
            assertThat(runs.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("20261203T033000Z", "20261202T033000Z", "notes");
        }
        assertThat(reports.resolve("runs/20261203T033000Z/reconcile.html")).exists();
        assertThat(reports.resolve("runs/20261202T033000Z/reconcile.csv")).exists();
        assertThat(reports.resolve("runs/20261203T033000Z/reconcile.json")).content().contains("\"startedAt\" : \"2026-12-03T03:30:00Z\"");
    }

    private static ReconcileReport report(final Instant started) {
        return new ReconcileReport("store", "project", started, Duration.ofSeconds(3), null,
                new ReconcileReport.Budget(30, 0.1, 350, Duration.ofMinutes(5), 4, 2), List.of());
    }
}
