package io.vendsync.mapper.internals;

import io.vendsync.mapper.vend.VendInventory;

/**
 * An inventory record with everything the joins found for it; {@code product} and {@code channelKey}
 * are null when that mapping is missing.
 */
public record MappingCandidate(VendInventory inventory, ProductState product, String channelKey) {
}
