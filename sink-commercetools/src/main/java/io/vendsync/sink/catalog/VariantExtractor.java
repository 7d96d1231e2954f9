package io.vendsync.sink.catalog;

import com.commercetools.api.models.product.Attribute;
import com.commercetools.api.models.product.ProductProjection;
import com.commercetools.api.models.product.ProductVariant;
import io.vendsync.schemas.mapping.CommercetoolsVariant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Turns a (staged) product projection into one {@link CommercetoolsVariant} per variant that has a SKU.
 * GTINs come from the attribute named {@code gtinAttribute}: a text, a number or a set of either; values that are
 * not valid GTINs are counted and left out.
 */
public final class VariantExtractor {

    private final String gtinAttribute;

    public VariantExtractor(final String gtinAttribute) {
        this.gtinAttribute = Objects.requireNonNull(gtinAttribute, "gtinAttribute");
    }

    /** The variants of {@code product} that have a SKU; {@code invalidGtins} collects the refused GTIN values. */
    public List<CommercetoolsVariant> variants(final ProductProjection product, final Collection<String> invalidGtins) {
        final List<ProductVariant> all = new ArrayList<>();
        if (product.getMasterVariant() != null) {
            all.add(product.getMasterVariant());
        }
        if (product.getVariants() != null) {
            all.addAll(product.getVariants());
        }
        final long lastModifiedMs = product.getLastModifiedAt() == null ? 0L : product.getLastModifiedAt().toInstant().toEpochMilli();
        final List<CommercetoolsVariant> out = new ArrayList<>(all.size());
        for (final ProductVariant variant : all) {
            if (variant.getSku() == null || variant.getSku().isEmpty()) {
                continue; // inventory is keyed by SKU: a variant without one can hold none
            }
            out.add(CommercetoolsVariant.newBuilder()
                    .setSku(variant.getSku())
                    .setProductId(product.getId())
                    .setProductKey(product.getKey())
                    .setVariantId(variant.getId() == null ? 0 : variant.getId().intValue())
                    .setVariantKey(variant.getKey())
                    .setGtins(gtins(variant, invalidGtins))
                    .setPublished(Boolean.TRUE.equals(product.getPublished()))
                    .setLastModifiedMs(lastModifiedMs)
                    .setSkuSharedWith(List.of())
                    .build());
        }
        return out;
    }

    private List<String> gtins(final ProductVariant variant, final Collection<String> invalidGtins) {
        final TreeSet<String> gtins = new TreeSet<>();
        if (variant.getAttributes() != null) {
            for (final Attribute attribute : variant.getAttributes()) {
                if (gtinAttribute.equals(attribute.getName())) {
                    collect(attribute.getValue(), gtins, invalidGtins);
                }
            }
        }
        return List.copyOf(gtins);
    }

    private static void collect(final Object value, final TreeSet<String> gtins, final Collection<String> invalidGtins) {
        if (value instanceof Collection<?> values) {
            values.forEach(v -> collect(v, gtins, invalidGtins));
        } else if (value instanceof String text) {
            Gtin14.normalise(text).ifPresentOrElse(gtins::add, () -> invalidGtins.add(text));
        } else if (value instanceof Number number && new java.math.BigDecimal(number.toString()).stripTrailingZeros().scale() <= 0) {
            final String digits = new java.math.BigDecimal(number.toString()).toBigInteger().toString();
            Gtin14.normalise(digits).ifPresentOrElse(gtins::add, () -> invalidGtins.add(digits));
        } else if (value != null) {
            invalidGtins.add(String.valueOf(value)); // localized text, enum, number with a fraction: not a GTIN
        }
    }
}
