package io.vendsync.mapper.products;

/**
 * A family member with what the other inputs say about it: its resolution ({@code mapping.product-resolution}, null
 * until the inventory mapper published one) and the commercetools variant holding its resolved SKU (null when none).
 */
public record MemberState(FamilyMember member, Resolution resolution, CatalogMatch catalog) {

    public MemberState withCatalog(final CatalogMatch match) {
        return new MemberState(member, resolution, match);
    }

    /** The SKU the catalog is looked up by; null without a resolution or a SKU. */
    public String resolvedSku() {
        return resolution == null ? null : resolution.sku();
    }
}
