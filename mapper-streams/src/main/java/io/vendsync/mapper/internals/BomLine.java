package io.vendsync.mapper.internals;

import java.math.BigDecimal;

/**
 * One line of a composite product's bill of materials: {@code quantity} (positive; Vend allows fractions) units of the
 * component product {@code productId} make one unit of the composite.
 */
public record BomLine(String productId, BigDecimal quantity) {
}
