package io.vendsync.cli.reconcile;

import java.io.PrintStream;
import java.util.Locale;

/** The few lines an operator reads in a terminal or a CronJob's log. */
final class TerminalSummary {

    private static final int LISTED = 20;

    private TerminalSummary() {
    }

    static void print(final ReconcileReport report, final PrintStream out) {
        final ReconcileReport.Budget budget = report.budget();
        out.println(String.format(Locale.ROOT, "Reconciled Vend store '%s' with commercetools project '%s' (%s) in %.1f s",
                report.store(), report.project(), report.since() == null ? "whole store" : "since " + report.since(),
                report.took().toMillis() / 1000.0));
        out.println(String.format(Locale.ROOT, "Vend rate budget: %d requests per %d s (%s); used %d; commercetools requests: %d",
                budget.budget(), budget.window().toSeconds(), budget.vendLimit() > 0
                        ? String.format(Locale.ROOT, "%.0f%% of Vend's %d for this store", budget.share() * 100, budget.vendLimit())
                        : "configured", budget.requests(), budget.commercetoolsRequests()));
        out.println(String.format(Locale.ROOT, "%-10s %9s %8s %6s %10s %10s", "area", "compared", "missing", "extra", "different",
                "duplicate"));
        for (final Comparison comparison : report.comparisons()) {
            out.println(String.format(Locale.ROOT, "%-10s %9d %8d %6d %10d %10d", comparison.area().label(), comparison.compared(),
                    report.count(comparison.area(), Mismatch.Kind.MISSING), report.count(comparison.area(), Mismatch.Kind.EXTRA),
                    report.count(comparison.area(), Mismatch.Kind.DIFFERENT), report.count(comparison.area(), Mismatch.Kind.DUPLICATE)));
            comparison.notCompared().forEach((reason, count) -> out.println(String.format(Locale.ROOT, "%12s not compared: %d %s",
                    "", count, reason)));
        }
        report.mismatches().stream().limit(LISTED).forEach(m -> out.println(String.format(Locale.ROOT, "  %-9s %-9s %-20s %s: %s%s%s",
                m.area().label(), m.kind().label(), m.outlet(), m.key(), m.detail(),
                m.expected().isEmpty() ? "" : "; Vend " + m.expected(), m.actual().isEmpty() ? "" : "; commercetools " + m.actual())));
        if (report.mismatches().size() > LISTED) {
            out.println("  ... and " + (report.mismatches().size() - LISTED) + " more (see the report)");
        }
        out.println(report.mismatches().isEmpty() ? "No mismatches." : report.mismatches().size() + " mismatch(es).");
    }
}
