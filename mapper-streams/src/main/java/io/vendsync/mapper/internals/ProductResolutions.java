package io.vendsync.mapper.internals;

import io.vendsync.mapper.identity.SkuSource;
import io.vendsync.schemas.mapping.BomComponent;
import io.vendsync.schemas.mapping.ProductResolution;
import java.math.BigDecimal;
import java.util.List;

/**
 * The identity topology's product state as published on {@code mapping.product-resolution}, and back: the inventory
 * topology decides on what the identity topology published, never on identity it derived itself.
 */
public final class ProductResolutions {

    private ProductResolutions() {
    }

    /** The catalog conflict wins over a SKU duplicate: it is decided first and names the commercetools candidates. */
    public static ProductResolution of(final String productId, final ProductState state, final List<BomLine> bom) {
        final ProductResolution.Builder resolution = ProductResolution.newBuilder()
                .setProductId(productId)
                .setSku(state.sku())
                .setSkuSource(state.skuSource() == null ? SkuSource.VEND_SKU.name() : state.skuSource().name())
                .setDeleted(state.deleted())
                .setActive(!state.inactive())
                .setHasInventory(state.hasInventory())
                .setVersion(state.version())
                .setSkuClaimants(state.skuClaimants())
                .setInactiveSkuClaimants(state.inactiveSkuClaimants())
                .setKit(state.kit() == null ? null : state.kit().name())
                .setBillOfMaterials(state.kit() != Kit.BOM_KNOWN ? List.of() : bom.stream()
                        .map(line -> new BomComponent(line.productId(), line.quantity().toPlainString())).toList());
        if (state.catalogConflict() != null) {
            resolution.setConflictCode(state.catalogConflict().code().name())
                    .setCandidates(state.catalogConflict().candidates())
                    .setConflictReason(state.catalogConflict().reason())
                    .setConflictFix(state.catalogConflict().suggestedFix());
        } else if (!state.deleted() && !state.inactive() && state.sku() != null && state.isSkuContested(productId)) {
            // An inactive product claims no SKU: one an active product holds is no duplicate of it (its stock is withheld).
            resolution.setConflictCode(ErrorCode.SKU_DUPLICATE.name()).setCandidates(state.skuClaimants());
        }
        return resolution.build();
    }

    /** A kit's bill of materials as published; empty for any other product. */
    public static List<BomLine> billOfMaterials(final ProductResolution resolution) {
        return resolution.getBillOfMaterials().stream()
                .map(component -> new BomLine(component.getProductId(), new BigDecimal(component.getQuantity()))).toList();
    }

    /** What a published resolution says about the product's stock; null for none (a tombstone). */
    public static ProductState state(final ProductResolution resolution) {
        if (resolution == null) {
            return null;
        }
        return new ProductState(resolution.getSku(), resolution.getDeleted(), resolution.getHasInventory(),
                resolution.getVersion(), resolution.getSkuClaimants(), SkuSource.valueOf(resolution.getSkuSource()),
                catalogConflict(resolution), false, resolution.getKit() == null ? null : Kit.valueOf(resolution.getKit()),
                !resolution.getActive(), resolution.getInactiveSkuClaimants());
    }

    /** A SKU duplicate is not a catalog conflict: {@link ProductState#isSkuContested} reads it from the claimants. */
    private static CatalogConflict catalogConflict(final ProductResolution resolution) {
        final String code = resolution.getConflictCode();
        if (code == null || ErrorCode.SKU_DUPLICATE.name().equals(code)) {
            return null;
        }
        return new CatalogConflict(ErrorCode.valueOf(code),
                resolution.getConflictReason() != null ? resolution.getConflictReason()
                        : "The commercetools catalog matching withholds Vend product " + resolution.getProductId() + " (" + code + ")",
                resolution.getConflictFix() != null ? resolution.getConflictFix()
                        : "See the " + code + " error of the product on errors.validation.",
                resolution.getCandidates());
    }
}
