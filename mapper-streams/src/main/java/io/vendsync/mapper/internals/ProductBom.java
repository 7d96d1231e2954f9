package io.vendsync.mapper.internals;

import io.vendsync.mapper.vend.VendProduct;
import java.util.List;

/**
 * One accepted product version's bill of materials (empty unless it is a kit whose bill Vend sent). The version lets
 * the identity topology publish a resolution only when its state and its bill of materials come from one version.
 */
public record ProductBom(long version, List<BomLine> lines) {

    public ProductBom {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public static ProductBom of(final VendProduct product) {
        return new ProductBom(product.version(), product.kit() == Kit.BOM_KNOWN ? product.bom() : List.of());
    }
}
