package io.vendsync.cli.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the report as CSV (one row per mismatch, RFC 4180), JSON (everything) and HTML ({@link HtmlReport}). */
final class ReportFiles {

    static final String CSV = "reconcile.csv";
    static final String JSON = "reconcile.json";
    static final String HTML = "reconcile.html";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportFiles() {
    }

    /** Writes the three files into {@code dir} (created when missing); returns their paths. */
    static List<Path> write(final ReconcileReport report, final Path dir) throws IOException {
        Files.createDirectories(dir);
        final Path csv = dir.resolve(CSV);
        final Path json = dir.resolve(JSON);
        final Path html = dir.resolve(HTML);
        Files.writeString(csv, csv(report), StandardCharsets.UTF_8);
        MAPPER.writeValue(json.toFile(), json(report));
        Files.writeString(html, HtmlReport.render(report), StandardCharsets.UTF_8);
        return List.of(html, csv, json);
    }

    static String csv(final ReconcileReport report) {
        final StringBuilder out = new StringBuilder("area,kind,outlet,key,vend,commercetools,detail\r\n");
        for (final Mismatch m : report.mismatches()) {
            out.append(String.join(",", List.of(m.area().label(), m.kind().label(), quote(m.outlet()), quote(m.key()),
                    quote(m.expected()), quote(m.actual()), quote(m.detail())))).append("\r\n");
        }
        return out.toString();
    }

    static ObjectNode json(final ReconcileReport report) {
        final ObjectNode root = MAPPER.createObjectNode();
        root.put("store", report.store());
        root.put("project", report.project());
        root.put("startedAt", report.startedAt().toString());
        root.put("tookMs", report.took().toMillis());
        root.put("since", report.since() == null ? null : report.since().toString());
        final ObjectNode budget = root.putObject("vendRateBudget");
        budget.put("requestsPerWindow", report.budget().budget());
        budget.put("windowSeconds", report.budget().window().toSeconds());
        budget.put("share", report.budget().share());
        budget.put("vendLimit", report.budget().vendLimit());
        budget.put("requestsUsed", report.budget().requests());
        root.put("commercetoolsRequests", report.budget().commercetoolsRequests());
        root.put("mismatchCount", report.mismatches().size());
        final ArrayNode areas = root.putArray("areas");
        for (final Comparison comparison : report.comparisons()) {
            final ObjectNode area = areas.addObject();
            area.put("area", comparison.area().label());
            area.put("compared", comparison.compared());
            final ObjectNode kinds = area.putObject("mismatches");
            for (final Mismatch.Kind kind : Mismatch.Kind.values()) {
                kinds.put(kind.label(), report.count(comparison.area(), kind));
            }
            final ObjectNode skipped = area.putObject("notCompared");
            comparison.notCompared().forEach(skipped::put);
        }
        final ArrayNode mismatches = root.putArray("mismatches");
        for (final Mismatch m : report.mismatches()) {
            mismatches.addObject().put("area", m.area().label()).put("kind", m.kind().label()).put("outlet", m.outlet())
                    .put("key", m.key()).put("vend", m.expected()).put("commercetools", m.actual()).put("detail", m.detail());
        }
        return root;
    }

    private static String quote(final String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
