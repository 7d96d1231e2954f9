package io.vendsync.mapper.internals;

import io.vendsync.mapper.vend.VendProduct;
import io.vendsync.mapper.identity.GtinCheck;
import io.vendsync.mapper.identity.Gtins;
import io.vendsync.mapper.identity.Sku;
import io.vendsync.mapper.identity.Skus;
import io.vendsync.schemas.mapping.ProductIdentity;
import java.util.List;
import java.util.Objects;

/** A Vend product with its identifiers run through the identity rules. */
public record IdentifiedProduct(VendProduct product, Sku sku, List<GtinCheck> gtinChecks) {

    public static IdentifiedProduct of(final VendProduct product, final Skus skus) {
        final List<GtinCheck> checks = product.productCodes().stream()
                .flatMap(code -> Gtins.check(code.type(), code.code()).stream())
                .toList();
        return new IdentifiedProduct(product, skus.normalise(product.sku()), checks);
    }

    /** The valid GTIN-14s of a live product, distinct and sorted; none for a deleted one, which claims nothing. */
    public List<String> gtins() {
        if (product.deleted()) {
            return List.of();
        }
        return gtinChecks.stream().map(GtinCheck::gtin14).filter(Objects::nonNull).distinct().sorted().toList();
    }

    /** The identity with the normalised Vend SKU; an explicit override may replace the SKU later. */
    public ProductIdentity identity() {
        return ProductIdentity.newBuilder()
                .setProductId(product.id())
                .setSku(sku.value())
                .setVersion(product.version())
                // Kept, not removed, so inventory of a deleted product reports PRODUCT_DELETED rather than PRODUCT_UNKNOWN.
                .setDeleted(product.deleted())
                .setActive(product.active())
                .setHasInventory(product.tracksStock())
                .setGtins(gtins())
                .setKit(product.kit() == null ? null : product.kit().name())
                .build();
    }
}
