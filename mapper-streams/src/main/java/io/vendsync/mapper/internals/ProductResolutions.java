package io.vendsync.mapper.internals;

import io.vendsync.schemas.mapping.ProductResolution;

/** Turns the mapper's product state into the published {@link ProductResolution}. */
public final class ProductResolutions {

    private ProductResolutions() {
    }

    /** The catalog conflict wins over a SKU duplicate: it is decided first and names the commercetools candidates. */
    public static ProductResolution of(final String productId, final ProductState state) {
        final ProductResolution.Builder resolution = ProductResolution.newBuilder()
                .setProductId(productId)
                .setSku(state.sku())
                .setSkuSource(state.skuSource() == null ? "VEND_SKU" : state.skuSource().name())
                .setDeleted(state.deleted())
                .setHasInventory(state.hasInventory())
                .setVersion(state.version());
        if (state.catalogConflict() != null) {
            resolution.setConflictCode(state.catalogConflict().code().name())
                    .setCandidates(state.catalogConflict().candidates());
        } else if (!state.deleted() && state.sku() != null && state.isSkuContested(productId)) {
            resolution.setConflictCode(ErrorCode.SKU_DUPLICATE.name()).setCandidates(state.skuClaimants());
        }
        return resolution.build();
    }
}
