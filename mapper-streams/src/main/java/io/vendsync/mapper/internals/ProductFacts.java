package io.vendsync.mapper.internals;

import io.vendsync.mapper.vend.VendProduct;
import java.util.List;

/**
 * What one accepted product version says that identity does not decide, for its published resolution: the bill of
 * materials ({@code lines}, empty unless it is a kit whose bill Vend sent) and whether Vend marks it inactive. The
 * version lets the identity topology publish a resolution only when its state and these facts come from one version.
 *
 * @param inactive Vend's {@code active} flag is false (false in state written before it was kept: active, as it was read)
 */
public record ProductFacts(long version, List<BomLine> lines, boolean inactive) {

    public ProductFacts {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    public static ProductFacts of(final VendProduct product) {
        return new ProductFacts(product.version(), product.kit() == Kit.BOM_KNOWN ? product.bom() : List.of(), !product.active());
    }
}
