package io.vendsync.demo;

import io.vendsync.simulator.InventoryRecord;
import io.vendsync.simulator.Product;
import io.vendsync.simulator.VendSimulator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares what commercetools holds with what the Vend simulator says is true, level by level: the
 * demo's convergence check and the end-to-end tests' final assertion.
 */
public final class ExpectedInventory {

    /** How far commercetools is from Vend. */
    public record Comparison(int expected, int matched, List<String> mismatches) {
        public boolean converged() {
            return expected > 0 && matched == expected && mismatches.isEmpty();
        }
    }

    private ExpectedInventory() {
    }

    /**
     * @param channelKeyOfOutlet the outlet-to-channel rule the mapper applies
     */
    public static Comparison compare(final VendSimulator vend, final List<CommercetoolsInventoryReader.Entry> actual,
                                     final Function<String, String> channelKeyOfOutlet) {
        final Map<String, String> skuOfProduct = vend.products().stream()
                .filter(p -> p.sku() != null && !p.sku().isBlank())
                .collect(Collectors.toMap(Product::id, p -> p.sku().trim()));
        final Map<String, Long> want = new HashMap<>();
        for (final InventoryRecord record : vend.inventory()) {
            final String sku = skuOfProduct.get(record.productId());
            if (sku != null) {
                // Outlets mapped to one channel: the mapper publishes the sum of their stock there.
                want.merge(channelKeyOfOutlet.apply(record.outletId()) + "/" + sku, Math.max(0, record.inventoryLevel()), Long::sum);
            }
        }
        final Map<String, List<CommercetoolsInventoryReader.Entry>> have = actual.stream()
                .collect(Collectors.groupingBy(e -> e.channelKey() + "/" + e.sku()));
        final List<String> mismatches = new ArrayList<>();
        int matched = 0;
        for (final Map.Entry<String, Long> level : want.entrySet()) {
            final List<CommercetoolsInventoryReader.Entry> entries = have.getOrDefault(level.getKey(), List.of());
            if (entries.size() > 1) {
                mismatches.add(level.getKey() + ": " + entries.size() + " inventory entries (duplicates)");
            } else if (entries.isEmpty()) {
                mismatches.add(level.getKey() + ": missing (want " + level.getValue() + ")");
            } else if (entries.get(0).quantityOnStock() != level.getValue()) {
                mismatches.add(level.getKey() + ": quantity " + entries.get(0).quantityOnStock() + ", want " + level.getValue());
            } else {
                matched++;
            }
        }
        return new Comparison(want.size(), matched, mismatches);
    }
}
