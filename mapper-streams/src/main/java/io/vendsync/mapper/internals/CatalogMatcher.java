package io.vendsync.mapper.internals;

import io.vendsync.mapper.identity.CatalogMatchPolicy;
import io.vendsync.mapper.identity.SkuSource;
import java.util.List;
import java.util.Objects;

/**
 * Decides a Vend product's commercetools SKU against the catalog, so existing commercetools variants are matched,
 * never duplicated, and a conflict is reported, never guessed. Precedence:
 * <ol>
 *   <li>an explicit override (the operator knows best; no catalog check);</li>
 *   <li>a commercetools variant with the Vend SKU; if two variants report it, {@code CT_SKU_AMBIGUOUS};</li>
 *   <li>else the commercetools variants carrying a GTIN of the product: exactly one, and its SKU is used (so stock
 *       lands on the existing entry); more than one, {@code CT_GTIN_AMBIGUOUS};</li>
 *   <li>else the Vend SKU under policy {@code create}, or {@code CT_NO_MATCH} under {@code match-only}.</li>
 * </ol>
 * A deleted product is not matched (it has no stock to place). The GTIN index holds SKUs only, so a GTIN match is
 * checked once more against the variant of the SKU it found ({@link #checkGtinTarget}): two variants reporting that
 * SKU is {@code CT_SKU_AMBIGUOUS} too.
 */
public final class CatalogMatcher {

    private final CatalogMatchPolicy policy;
    private final String overridesTopic;

    public CatalogMatcher(final CatalogMatchPolicy policy, final String overridesTopic) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.overridesTopic = Objects.requireNonNull(overridesTopic, "overridesTopic");
    }

    /** Null when the product is not known. */
    public ResolvedProduct resolve(final SkuSelection selection, final GtinMatches gtins) {
        if (selection == null) {
            return null;
        }
        if (selection.explicitSku() != null) {
            return resolved(selection, selection.explicitSku(), SkuSource.EXPLICIT, null);
        }
        if (selection.deleted()) {
            return resolved(selection, selection.vendSku(), SkuSource.VEND_SKU, null);
        }
        final CatalogVariant bySku = selection.catalogBySku();
        if (bySku != null) {
            return resolved(selection, selection.vendSku(), SkuSource.CATALOG_SKU, bySku.isSkuShared() ? skuAmbiguous(selection, bySku) : null);
        }
        if (!(gtins == null ? GtinMatches.NONE : gtins).hasAnswered(selection.gtins())) {
            return new ResolvedProduct(selection.productId(), selection.vendSku(), SkuSource.VEND_SKU, selection.version(),
                    selection.deleted(), selection.hasInventory(), null, true, selection.kit(), selection.inactive());
        }
        final List<String> byGtin = gtins == null ? List.of() : gtins.catalogSkus();
        if (byGtin.size() == 1) {
            return resolved(selection, byGtin.get(0), SkuSource.CATALOG_GTIN, null);
        }
        if (byGtin.size() > 1) {
            return resolved(selection, selection.vendSku(), SkuSource.CATALOG_GTIN, gtinAmbiguous(selection, gtins, byGtin));
        }
        if (policy == CatalogMatchPolicy.MATCH_ONLY) {
            return resolved(selection, selection.vendSku(), SkuSource.VEND_SKU, noMatch(selection));
        }
        // Policy create: stock flows under the Vend SKU, and the product mapper creates the product in commercetools.
        return resolved(selection, selection.vendSku(), SkuSource.VEND_SKU, null);
    }

    /** The SKU a GTIN match found, to look up its variant; null otherwise (no lookup). */
    public static String gtinMatchedSku(final ResolvedProduct product) {
        return product.skuSource() == SkuSource.CATALOG_GTIN && product.conflict() == null ? product.sku() : null;
    }

    /** Withholds a GTIN match whose SKU several commercetools variants report; {@code target}: the variant of that SKU. */
    public ResolvedProduct checkGtinTarget(final ResolvedProduct product, final CatalogVariant target) {
        if (product == null || gtinMatchedSku(product) == null || target == null || !target.isSkuShared()) {
            return product;
        }
        final CatalogConflict conflict = new CatalogConflict(ErrorCode.CT_SKU_AMBIGUOUS,
                "Vend product " + product.productId() + " matches commercetools SKU '" + product.sku() + "' by GTIN, but variants "
                        + target.variantRefs() + " (product id/variant id) all report that SKU; its stock is withheld until one does",
                "Give all but one of the commercetools variants " + target.variantRefs() + " another SKU, or map Vend product "
                        + product.productId() + " explicitly (vendsync mapping import with vend_product_id,commercetools_sku; topic "
                        + overridesTopic + ").",
                target.variantRefs());
        return new ResolvedProduct(product.productId(), product.sku(), product.skuSource(), product.version(), product.deleted(),
                product.hasInventory(), conflict, false, product.kit(), product.inactive());
    }

    private static ResolvedProduct resolved(final SkuSelection selection, final String sku, final SkuSource source,
                                            final CatalogConflict conflict) {
        return new ResolvedProduct(selection.productId(), sku, source, selection.version(), selection.deleted(),
                selection.hasInventory(), conflict, false, selection.kit(), selection.inactive());
    }

    private CatalogConflict skuAmbiguous(final SkuSelection selection, final CatalogVariant variant) {
        return new CatalogConflict(ErrorCode.CT_SKU_AMBIGUOUS,
                "Vend product " + selection.productId() + " has SKU '" + selection.vendSku() + "', which commercetools variants "
                        + variant.variantRefs() + " (product id/variant id) all report; its stock is withheld until one does",
                "Give all but one of the commercetools variants " + variant.variantRefs() + " another SKU (commercetools "
                        + "normally refuses duplicate SKUs, so this is broken data), or map Vend product " + selection.productId()
                        + " explicitly (vendsync mapping import with vend_product_id,commercetools_sku; topic " + overridesTopic + ").",
                variant.variantRefs());
    }

    private CatalogConflict gtinAmbiguous(final SkuSelection selection, final GtinMatches gtins, final List<String> skus) {
        return new CatalogConflict(ErrorCode.CT_GTIN_AMBIGUOUS,
                "Vend product " + selection.productId() + " (SKU '" + selection.vendSku() + "') matches no commercetools SKU, and its "
                        + "GTINs " + gtins.matchedGtins() + " are carried by several commercetools variants " + skus + " ("
                        + gtins.catalogSkusByGtin() + "); its stock is withheld rather than guessed",
                "Keep each GTIN on one commercetools variant only, give the Vend product the SKU of the variant it is ("
                        + String.join(" or ", skus) + "), or map Vend product " + selection.productId()
                        + " explicitly (vendsync mapping import with vend_product_id,commercetools_sku; topic " + overridesTopic + ").",
                skus);
    }

    private CatalogConflict noMatch(final SkuSelection selection) {
        return new CatalogConflict(ErrorCode.CT_NO_MATCH,
                "Vend product " + selection.productId() + " (SKU '" + selection.vendSku() + "') matches no commercetools variant by "
                        + "SKU or GTIN, and catalog.match.policy=match-only forbids creating it; its stock is withheld",
                "Give the Vend product the SKU of its commercetools variant, add its barcode to the variant's GTIN attribute, map it "
                        + "explicitly (vendsync mapping import; topic " + overridesTopic + "), or set catalog.match.policy=create.",
                List.of());
    }
}
