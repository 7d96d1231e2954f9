package io.vendsync.mapper.internals;

import java.util.ArrayList;
import java.util.List;

/**
 * The live Vend product ids that claim one identifier (a SKU or a GTIN), sorted so the serialized form is
 * deterministic (the foreign-key join hashes it) and error records list them in a stable order.
 */
public record Claimants(List<String> productIds) {

    public static final Claimants NONE = new Claimants(List.of());

    public Claimants {
        productIds = productIds == null ? List.of() : List.copyOf(productIds);
    }

    public Claimants with(final String productId) {
        if (productIds.contains(productId)) {
            return this;
        }
        final List<String> ids = new ArrayList<>(productIds);
        ids.add(productId);
        ids.sort(null);
        return new Claimants(ids);
    }

    public Claimants without(final String productId) {
        final List<String> ids = new ArrayList<>(productIds);
        ids.remove(productId);
        return new Claimants(ids);
    }

    public boolean isConflict() {
        return productIds.size() > 1;
    }

    /** Whether anyone but {@code productId} claims it: true also before {@code productId}'s own claim is counted. */
    public boolean isClaimedByOtherThan(final String productId) {
        return productIds.stream().anyMatch(id -> !id.equals(productId));
    }
}
