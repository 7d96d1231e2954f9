package io.vendsync.mapper.products;

import io.vendsync.mapper.identity.Skus;
import io.vendsync.mapper.internals.IdentifiedProduct;
import io.vendsync.mapper.vend.VariantOption;
import io.vendsync.mapper.vend.VendProduct;
import java.util.List;

/**
 * A Vend product as a member of its variant family: what the product mapper needs of it.
 *
 * @param productId   Vend product id
 * @param familyId    {@code variant_parent_id}, or the product's own id for a family parent or a standalone product
 * @param name        Vend {@code name}: the family name, shared by every variant ({@code variant_name} adds the options)
 * @param handle      Vend {@code handle}, shared by the family; the slug is made from it
 * @param options     {@code variant_options} in Vend order
 * @param gtins       valid GTIN-14s of its product codes, distinct and sorted
 * @param active      Vend {@code active}; an inactive product is not sold, so it is not offered as a variant either
 * @param sourceTsMs  {@code source.ts_ms} of the raw change this version came from
 */
public record FamilyMember(String productId, String familyId, String name, String handle, String description,
                           String variantName, List<VariantOption> options, List<String> gtins, boolean active,
                           boolean deleted, long version, long sourceTsMs) {

    public FamilyMember {
        options = options == null ? List.of() : List.copyOf(options);
        gtins = gtins == null ? List.of() : List.copyOf(gtins);
    }

    /** The family fields of a product; its GTINs as the identity rules read them. */
    public static FamilyMember of(final VendProduct product, final Skus skus) {
        return new FamilyMember(product.id(), product.familyId(), product.name(), product.handle(), product.description(),
                product.variantName(), product.variantOptions(), IdentifiedProduct.of(product, skus).gtins(), product.active(),
                product.deleted(), product.version(), product.tsMs());
    }

    /** Whether it is the family's parent (or a standalone product): its name, handle and tax stand for the family. */
    public boolean isParent() {
        return productId.equals(familyId);
    }

    /** Not deleted and active: a variant commercetools should offer. */
    public boolean isLive() {
        return !deleted && active;
    }
}
