package io.vendsync.mapper.vend;

/**
 * The fields of a Vend 2.0 inventory record (one product at one outlet) the mapper needs, plus where
 * the envelope says it came from. {@code outletId} is null only when {@code deleted}.
 * {@code fromBom}: not Vend's own record but a kit's stock at an outlet derived from its bill of materials
 * ({@link io.vendsync.mapper.internals.KitStockDerivation}), id {@code <composite id>/<outlet id>}; false in state written before kits were derived.
 */
public record VendInventory(String id, String productId, String outletId, long inventoryLevel, long version,
                            boolean deleted, long sourceTsMs, String domainPrefix, boolean fromBom) {
}
