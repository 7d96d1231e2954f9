package io.vendsync.mapper.internals;

import java.util.ArrayList;
import java.util.List;

/**
 * The live Vend product ids that claim one identifier (a SKU or a GTIN), sorted so the serialized form is
 * deterministic (the foreign-key join hashes it) and error records list them in a stable order. For a SKU, the live
 * products Vend marks inactive are kept apart ({@code inactiveIds}): they yield the SKU to an active product, but never
 * write their stock over another's (empty in state written before they were kept).
 */
public record Claimants(List<String> productIds, List<String> inactiveIds) {

    public static final Claimants NONE = new Claimants(List.of(), List.of());

    public Claimants {
        productIds = productIds == null ? List.of() : List.copyOf(productIds);
        inactiveIds = inactiveIds == null ? List.of() : List.copyOf(inactiveIds);
    }

    public Claimants(final List<String> productIds) {
        this(productIds, List.of());
    }

    public Claimants with(final String productId) {
        return productIds.contains(productId) ? this : new Claimants(added(productIds, productId), inactiveIds);
    }

    /** With {@code productId} as an inactive claimant. */
    public Claimants withInactive(final String productId) {
        return inactiveIds.contains(productId) ? this : new Claimants(productIds, added(inactiveIds, productId));
    }

    public Claimants without(final String productId) {
        final List<String> ids = new ArrayList<>(productIds);
        ids.remove(productId);
        final List<String> inactive = new ArrayList<>(inactiveIds);
        inactive.remove(productId);
        return new Claimants(ids, inactive);
    }

    private static List<String> added(final List<String> ids, final String productId) {
        final List<String> all = new ArrayList<>(ids);
        all.add(productId);
        all.sort(null);
        return all;
    }

    public boolean isConflict() {
        return productIds.size() > 1;
    }

    /** Whether anyone but {@code productId} claims it: true also before {@code productId}'s own claim is counted. */
    public boolean isClaimedByOtherThan(final String productId) {
        return productIds.stream().anyMatch(id -> !id.equals(productId));
    }
}
