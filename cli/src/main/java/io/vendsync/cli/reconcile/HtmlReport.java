package io.vendsync.cli.reconcile;

import java.util.Locale;
import java.util.Map;

/**
 * The report as one self-contained HTML page: a summary, a chart of mismatches per outlet and kind (inline SVG, no
 * script, nothing fetched), what was left out and why, and every mismatch in a table. Opens from a file or a bucket.
 */
final class HtmlReport {

    /** At most this many rows in the page; the CSV and JSON hold all. */
    static final int MAX_ROWS = 5_000;

    private static final Map<Mismatch.Kind, String> COLOURS = Map.of(Mismatch.Kind.MISSING, "#d62728", Mismatch.Kind.EXTRA,
            "#ff7f0e", Mismatch.Kind.DIFFERENT, "#1f77b4", Mismatch.Kind.DUPLICATE, "#9467bd");
    private static final int LABEL_WIDTH = 200;
    private static final int BAR_WIDTH = 520;
    private static final int ROW_HEIGHT = 26;

    private HtmlReport() {
    }

    static String render(final ReconcileReport report) {
        final StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>vendsync reconciliation: ").append(escape(report.store())).append("</title>")
                .append("<style>body{font-family:system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 20px}")
                .append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;font-size:13px}th{background:#f2f2f2}")
                .append("td.n{text-align:right}.ok{color:#2a7a2a}.bad{color:#b00020}.muted{color:#666;font-size:13px}</style></head><body>\n");
        html.append("<h1>Vend ↔ commercetools reconciliation</h1>\n<p class=\"muted\">Store <b>").append(escape(report.store()))
                .append("</b>, project <b>").append(escape(report.project())).append("</b>, ")
                .append(report.since() == null ? "whole store" : "since " + escape(report.since().toString()))
                .append(", started ").append(escape(report.startedAt().toString()))
                .append(String.format(Locale.ROOT, ", took %.1f s. ", report.took().toMillis() / 1000.0));
        final ReconcileReport.Budget budget = report.budget();
        html.append(String.format(Locale.ROOT, "Vend rate budget %d requests per %d s", budget.budget(), budget.window().toSeconds()));
        if (budget.vendLimit() > 0) {
            html.append(String.format(Locale.ROOT, " (%.0f%% of Vend's %d)", budget.share() * 100, budget.vendLimit()));
        }
        html.append(", used ").append(budget.requests()).append("; commercetools requests ").append(budget.commercetoolsRequests())
                .append(".</p>\n");
        final int total = report.mismatches().size();
        html.append("<h2 class=\"").append(total == 0 ? "ok\">No mismatches" : "bad\">" + total + " mismatch" + (total == 1 ? "" : "es"))
                .append("</h2>\n");
        summary(report, html);
        chart(report, html);
        notCompared(report, html);
        rows(report, html);
        return html.append("</body></html>\n").toString();
    }

    private static void summary(final ReconcileReport report, final StringBuilder html) {
        html.append("<table><tr><th>area</th><th>compared</th>");
        for (final Mismatch.Kind kind : Mismatch.Kind.values()) {
            html.append("<th>").append(kind.label()).append("</th>");
        }
        html.append("</tr>\n");
        for (final Comparison comparison : report.comparisons()) {
            html.append("<tr><td>").append(comparison.area().label()).append("</td><td class=\"n\">").append(comparison.compared())
                    .append("</td>");
            for (final Mismatch.Kind kind : Mismatch.Kind.values()) {
                html.append("<td class=\"n\">").append(report.count(comparison.area(), kind)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    /** A horizontal bar per outlet, stacked by kind, scaled to the largest. */
    private static void chart(final ReconcileReport report, final StringBuilder html) {
        final Map<String, Map<Mismatch.Kind, Integer>> counts = report.perOutletAndKind();
        html.append("<h2>Mismatches per outlet and kind</h2>\n");
        if (counts.isEmpty()) {
            html.append("<p class=\"ok\">Nothing to chart.</p>\n");
            return;
        }
        final int max = counts.values().stream().mapToInt(k -> k.values().stream().mapToInt(Integer::intValue).sum()).max().orElse(1);
        final int height = (counts.size() + 1) * ROW_HEIGHT + 10;
        html.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\" "
                + "aria-label=\"mismatches per outlet and kind\" font-family=\"sans-serif\" font-size=\"12\">\n",
                LABEL_WIDTH + BAR_WIDTH + 60, height));
        int x = LABEL_WIDTH;
        for (final Mismatch.Kind kind : Mismatch.Kind.values()) {
            html.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"4\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"14\">%s</text>\n", x, COLOURS.get(kind), x + 16, kind.label()));
            x += 100;
        }
        int y = ROW_HEIGHT;
        for (final Map.Entry<String, Map<Mismatch.Kind, Integer>> outlet : counts.entrySet()) {
            html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n", LABEL_WIDTH - 8,
                    y + 15, escape(outlet.getKey())));
            int offset = LABEL_WIDTH;
            int sum = 0;
            for (final Mismatch.Kind kind : Mismatch.Kind.values()) {
                final int count = outlet.getValue().getOrDefault(kind, 0);
                if (count == 0) {
                    continue;
                }
                final int width = Math.max(2, (int) Math.round((double) count * BAR_WIDTH / max));
                html.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" fill=\"%s\">"
                        + "<title>%s, %s: %d</title></rect>\n", offset, y + 2, width, COLOURS.get(kind), escape(outlet.getKey()),
                        kind.label(), count));
                offset += width;
                sum += count;
            }
            html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%d</text>\n", offset + 6, y + 15, sum));
            y += ROW_HEIGHT;
        }
        html.append("</svg>\n");
    }

    private static void notCompared(final ReconcileReport report, final StringBuilder html) {
        if (report.comparisons().stream().allMatch(c -> c.notCompared().isEmpty())) {
            return;
        }
        html.append("<h2>Not compared</h2>\n<table><tr><th>area</th><th>why</th><th>records</th></tr>\n");
        for (final Comparison comparison : report.comparisons()) {
            comparison.notCompared().forEach((reason, count) -> html.append("<tr><td>").append(comparison.area().label())
                    .append("</td><td>").append(escape(reason)).append("</td><td class=\"n\">").append(count).append("</td></tr>\n"));
        }
        html.append("</table>\n");
    }

    private static void rows(final ReconcileReport report, final StringBuilder html) {
        if (report.mismatches().isEmpty()) {
            return;
        }
        html.append("<h2>Every mismatch</h2>\n<table><tr><th>area</th><th>kind</th><th>outlet</th><th>key</th><th>Vend</th>")
                .append("<th>commercetools</th><th>detail</th></tr>\n");
        report.mismatches().stream().limit(MAX_ROWS).forEach(m -> html.append("<tr><td>").append(m.area().label())
                .append("</td><td style=\"color:").append(COLOURS.get(m.kind())).append("\">").append(m.kind().label())
                .append("</td><td>").append(escape(m.outlet())).append("</td><td>").append(escape(m.key())).append("</td><td>")
                .append(escape(m.expected())).append("</td><td>").append(escape(m.actual())).append("</td><td>")
                .append(escape(m.detail())).append("</td></tr>\n"));
        html.append("</table>\n");
        if (report.mismatches().size() > MAX_ROWS) {
            html.append("<p class=\"muted\">The first ").append(MAX_ROWS).append(" of ").append(report.mismatches().size())
                    .append("; reconcile.csv and reconcile.json hold every one.</p>\n");
        }
    }

    static String escape(final String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
