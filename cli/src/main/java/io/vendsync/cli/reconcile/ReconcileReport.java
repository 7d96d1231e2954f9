package io.vendsync.cli.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One reconciliation run: where, when, what it cost, and each area's comparison.
 *
 * @param since null for the whole store
 */
public record ReconcileReport(String store, String project, Instant startedAt, Duration took, Instant since, Budget budget,
                              List<Comparison> comparisons) {

    public ReconcileReport {
        comparisons = List.copyOf(comparisons);
    }

    /**
     * What the run spent of Vend's rate limit.
     *
     * @param budget    requests per window the run allowed itself
     * @param share     that budget's share of Vend's limit (0 when set as a number)
     * @param vendLimit Vend's limit per window for the whole store (0 when not counted)
     * @param requests  Vend requests sent
     */
    public record Budget(int budget, double share, int vendLimit, Duration window, int requests, int commercetoolsRequests) {
    }

    public List<Mismatch> mismatches() {
        return comparisons.stream().flatMap(c -> c.mismatches().stream()).toList();
    }

    /** Mismatch counts per outlet, then per kind, both sorted. */
    public Map<String, Map<Mismatch.Kind, Integer>> perOutletAndKind() {
        final Map<String, Map<Mismatch.Kind, Integer>> counts = new TreeMap<>();
        mismatches().forEach(m -> counts.computeIfAbsent(m.outlet(), o -> new TreeMap<>()).merge(m.kind(), 1, Integer::sum));
        return counts;
    }

    public long count(final Mismatch.Area area, final Mismatch.Kind kind) {
        return mismatches().stream().filter(m -> m.area() == area && m.kind() == kind).count();
    }
}
