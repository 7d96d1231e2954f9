package io.vendsync.cli.reconcile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code --keep N}: past reports beside the latest, for a reports volume that outlives the Job (the CronJob's PVC).
 * Each run's files go to {@code runs/<start, UTC>/} (e.g. {@code runs/20261203T033000Z/}), names that sort by time;
 * folders beyond the newest N are removed, so the volume does not fill up.
 */
final class ReportHistory {

    static final String RUNS = "runs";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String STAMP_PATTERN = "\\d{8}T\\d{6}Z";

    private ReportHistory() {
    }

    /** Writes the report into its run folder under {@code dir}, then prunes to the newest {@code keep}; returns the folder. */
    static Path keep(final ReconcileReport report, final Path dir, final int keep) throws IOException {
        final Path run = dir.resolve(RUNS).resolve(STAMP.format(report.startedAt()));
        ReportFiles.write(report, run);
        prune(dir.resolve(RUNS), keep);
        return run;
    }

    /** Removes run folders beyond the newest {@code keep}; anything else in {@code runs} is left alone. */
    static List<Path> prune(final Path runs, final int keep) throws IOException {
        final List<Path> folders;
        try (Stream<Path> children = Files.list(runs)) {
            folders = children.filter(Files::isDirectory).filter(p -> p.getFileName().toString().matches(STAMP_PATTERN))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
        }
        final List<Path> removed = new ArrayList<>();
        for (final Path old : folders.subList(Math.min(keep, folders.size()), folders.size())) {
            try (Stream<Path> walk = Files.walk(old)) {
                for (final Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
            removed.add(old);
        }
        return removed;
    }
}
