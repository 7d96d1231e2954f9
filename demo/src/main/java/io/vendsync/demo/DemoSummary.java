package io.vendsync.demo;

import io.vendsync.sink.SinkStatistics;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The demo's closing table: what the sink did to commercetools per resource, what the mappers reported on
 * errors.validation, and how long each phase took to converge. Pure formatting, so it is tested on its own.
 */
final class DemoSummary {

    /** One phase the demo waited for, with how long commercetools took to match Vend (or until it gave up). */
    record Phase(String name, Duration took, boolean converged) {
    }

    private static final String ROW = "  %-16s %8s %8s %10s %8s %8s%n";

    private DemoSummary() {
    }

    /**
     * @param resources the sink's counters per resource, in the order to print
     * @param rejected  validation errors by code, as the mappers published them
     */
    static String render(final Map<String, SinkStatistics> resources, final Map<String, Long> rejected,
                         final List<Phase> phases, final Duration total) {
        final StringBuilder out = new StringBuilder("\nWhat the sink wrote to commercetools\n");
        out.append(String.format(Locale.ROOT, ROW, "resource", "created", "updated", "unchanged", "stale", "errors"));
        final long[] sums = new long[5];
        for (final Map.Entry<String, SinkStatistics> row : resources.entrySet()) {
            final SinkStatistics s = row.getValue();
            final long[] values = {s.created(), s.updated(), s.unchanged(), s.skippedStale(), s.failed()};
            out.append(row(row.getKey(), values));
            for (int i = 0; i < values.length; i++) {
                sums[i] += values[i];
            }
        }
        out.append(row("total", sums));
        out.append("  (errors: dead-lettered after the retry tiers; `vendsync dlq list` shows them)\n");
        final long held = rejected.values().stream().mapToLong(Long::longValue).sum();
        out.append("\nReported by the mappers on errors.validation: ").append(held);
        if (held > 0) {
            out.append(new java.util.TreeMap<>(rejected).entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", ", " (", ")")));
            out.append("\n  (counted as published: a record the mapper reported and published later, e.g. stock read before its"
                    + "\n  product, is here too)");
        }
        out.append("\n\nTime to converge\n");
        for (final Phase phase : phases) {
            out.append(String.format(Locale.ROOT, "  %-44s %7.1f s%s%n", phase.name(), phase.took().toMillis() / 1000.0,
                    phase.converged() ? "" : "  did NOT converge"));
        }
        out.append(String.format(Locale.ROOT, "  %-44s %7.1f s%n", "total, from start", total.toMillis() / 1000.0));
        return out.toString();
    }

    private static String row(final String name, final long[] values) {
        return String.format(Locale.ROOT, ROW, name, values[0], values[1], values[2], values[3], values[4]);
    }
}
