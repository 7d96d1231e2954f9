package io.vendsync.cli.reconcile;

import java.util.List;

/**
 * What one area's check found.
 *
 * @param compared    how many things Vend says commercetools should hold, each compared
 * @param notCompared what was left out on purpose and why (e.g. "withheld by a SKU conflict" -> 2)
 */
public record Comparison(Mismatch.Area area, int compared, List<Mismatch> mismatches, java.util.Map<String, Integer> notCompared) {

    public Comparison {
        mismatches = List.copyOf(mismatches);
        notCompared = java.util.Map.copyOf(notCompared);
    }
}
