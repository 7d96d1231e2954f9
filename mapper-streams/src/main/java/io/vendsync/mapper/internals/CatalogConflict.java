package io.vendsync.mapper.internals;

import java.util.List;

/** Why a Vend product's stock is withheld by the catalog matching: the code, and what to tell the operator. */
public record CatalogConflict(ErrorCode code, String reason, String suggestedFix, List<String> candidates) {

    public CatalogConflict {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }
}
