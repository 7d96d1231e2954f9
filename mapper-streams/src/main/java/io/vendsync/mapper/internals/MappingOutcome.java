package io.vendsync.mapper.internals;

import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.schemas.canonical.v1.ValidationError;

/** Either a canonical inventory level or the reason there is none; exactly one is set. */
public record MappingOutcome(InventoryLevel level, ValidationError error) {

    public static MappingOutcome mapped(final InventoryLevel level) {
        return new MappingOutcome(level, null);
    }

    public static MappingOutcome failed(final ValidationError error) {
        return new MappingOutcome(null, error);
    }

    public boolean isMapped() {
        return level != null;
    }
}
