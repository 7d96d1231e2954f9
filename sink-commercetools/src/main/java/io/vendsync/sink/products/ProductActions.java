package io.vendsync.sink.products;

import com.commercetools.api.models.common.LocalizedString;
import com.commercetools.api.models.product.Attribute;
import com.commercetools.api.models.product.ProductAddVariantAction;
import com.commercetools.api.models.product.ProductChangeNameAction;
import com.commercetools.api.models.product.ProductData;
import com.commercetools.api.models.product.ProductSetAttributeAction;
import com.commercetools.api.models.product.ProductSetDescriptionAction;
import com.commercetools.api.models.product.ProductSetSkuAction;
import com.commercetools.api.models.product.ProductSetTaxCategoryAction;
import com.commercetools.api.models.product.ProductUpdateAction;
import com.commercetools.api.models.product.ProductVariant;
import com.commercetools.api.models.tax_category.TaxCategoryResourceIdentifier;
import io.vendsync.schemas.canonical.v1.Product;
import io.vendsync.schemas.canonical.v1.VariantAttribute;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The update actions that bring a product's STAGED data to a canonical {@link Product}; empty when nothing differs.
 *
 * <ul>
 *   <li><b>Products of vendsync's type</b> ({@code owned}): name and tax category follow Vend; the description too, but a
 *       blank Vend description never erases one (a merchandiser may have written web copy). The slug is set at creation
 *       only: changing it would break shop URLs.</li>
 *   <li><b>Products of any other type</b>: never renamed, described or re-taxed; vendsync only adds the variants Vend has
 *       and it lacks, and sets the option attributes the type defines.</li>
 *   <li><b>Variants</b> are matched by SKU, then by variant key (a SKU changed in Vend keeps its variant: setSku; the mock
 *       lacks setSku, the real API has it). Missing ones are added ({@code addVariant}); variants Vend no longer has are
 *       never removed, since removing one deletes its prices, images and stock history in commercetools, and a
 *       deleted Vend variant may be only a mistake. Attributes are set where they differ; attributes the record does not
 *       name are left alone (merchandisers add their own).</li>
 * </ul>
 * All actions are staged; publishing is the writer's decision.
 */
final class ProductActions {

    private final Locale locale;
    private final String localeTag;

    ProductActions(final String localeTag) {
        this.localeTag = localeTag;
        this.locale = Locale.forLanguageTag(localeTag);
    }

    /**
     * @param staged          the product's staged data
     * @param owned           whether the product has vendsync's product type
     * @param defined         the attribute names its product type defines; others are not set
     * @param gtinAttribute   the GTIN attribute to write (vendsync's own products only), or null
     * @param currentTaxId    the product's tax category id, or null
     * @param desiredTaxId    the id of the record's tax category, or null when the record names none
     */
    List<ProductUpdateAction> diff(final Product record, final ProductData staged, final boolean owned, final Set<String> defined,
                                   final String gtinAttribute, final String currentTaxId, final String desiredTaxId) {
        final List<ProductUpdateAction> actions = new ArrayList<>();
        if (owned) {
            if (!Objects.equals(text(staged.getName()), record.getName())) {
                actions.add(ProductChangeNameAction.builder().name(localized(record.getName())).staged(true).build());
            }
            if (record.getDescription() != null && !Objects.equals(text(staged.getDescription()), record.getDescription())) {
                actions.add(ProductSetDescriptionAction.builder().description(localized(record.getDescription())).staged(true).build());
            }
            if (record.getTaxCategoryKey() != null && desiredTaxId != null && !desiredTaxId.equals(currentTaxId)) {
                actions.add(ProductSetTaxCategoryAction.builder()
                        .taxCategory(TaxCategoryResourceIdentifier.builder().key(record.getTaxCategoryKey()).build()).build());
            }
        }
        final List<ProductVariant> existing = variants(staged);
        for (final io.vendsync.schemas.canonical.v1.ProductVariant wanted : record.getVariants()) {
            final Map<String, Object> attributes = attributes(wanted, defined, owned ? gtinAttribute : null);
            ProductVariant variant = bySku(existing, wanted.getSku());
            if (variant == null) {
                variant = byKey(existing, wanted.getVariantKey());
                if (variant != null) {
                    actions.add(ProductSetSkuAction.builder().variantId(variant.getId()).sku(wanted.getSku()).staged(true).build());
                }
            }
            if (variant == null) {
                actions.add(ProductAddVariantAction.builder()
                        .sku(wanted.getSku())
                        .key(wanted.getVariantKey())
                        .attributes(attributes.entrySet().stream()
                                .map(e -> Attribute.builder().name(e.getKey()).value(e.getValue()).build()).toList())
                        .staged(true)
                        .build());
                continue;
            }
            final Map<String, Object> current = new LinkedHashMap<>();
            if (variant.getAttributes() != null) {
                variant.getAttributes().forEach(a -> current.put(a.getName(), a.getValue()));
            }
            for (final Map.Entry<String, Object> attribute : attributes.entrySet()) {
                if (!sameValue(current.get(attribute.getKey()), attribute.getValue())) {
                    actions.add(ProductSetAttributeAction.builder().variantId(variant.getId()).name(attribute.getKey())
                            .value(attribute.getValue()).staged(true).build());
                }
            }
        }
        return actions;
    }

    /** The SKUs the record adds to the product (not held by any of its variants): they must not be anywhere else. */
    static List<String> newSkus(final Product record, final ProductData staged) {
        final List<ProductVariant> existing = variants(staged);
        return record.getVariants().stream().map(io.vendsync.schemas.canonical.v1.ProductVariant::getSku)
                .filter(sku -> bySku(existing, sku) == null).toList();
    }

    /** The record variant's attributes the type defines, plus its GTINs (as a set) when a GTIN attribute is given. */
    static Map<String, Object> attributes(final io.vendsync.schemas.canonical.v1.ProductVariant variant, final Set<String> defined,
                                          final String gtinAttribute) {
        final Map<String, Object> attributes = new LinkedHashMap<>();
        for (final VariantAttribute attribute : variant.getAttributes()) {
            if (defined.contains(attribute.getName())) {
                attributes.put(attribute.getName(), attribute.getValue());
            }
        }
        if (gtinAttribute != null && defined.contains(gtinAttribute) && !variant.getGtins().isEmpty()) {
            attributes.put(gtinAttribute, List.copyOf(new TreeSet<>(variant.getGtins())));
        }
        return attributes;
    }

    LocalizedString localized(final String text) {
        return LocalizedString.of(locale, text);
    }

    private String text(final LocalizedString value) {
        return value == null || value.values() == null ? null : value.values().get(localeTag);
    }

    /** Sets compare as sets (commercetools does not keep their order); everything else by its text. */
    private static boolean sameValue(final Object current, final Object wanted) {
        if (current == null || wanted == null) {
            return current == wanted;
        }
        if (wanted instanceof Collection<?> values) {
            return current instanceof Collection<?> have && asTexts(have).equals(asTexts(values));
        }
        return String.valueOf(current).equals(String.valueOf(wanted));
    }

    private static Set<String> asTexts(final Collection<?> values) {
        final Set<String> texts = new TreeSet<>();
        values.forEach(v -> texts.add(String.valueOf(v)));
        return texts;
    }

    static List<ProductVariant> variants(final ProductData data) {
        final List<ProductVariant> all = new ArrayList<>();
        if (data.getMasterVariant() != null) {
            all.add(data.getMasterVariant());
        }
        if (data.getVariants() != null) {
            all.addAll(data.getVariants());
        }
        return all;
    }

    private static ProductVariant bySku(final List<ProductVariant> variants, final String sku) {
        return variants.stream().filter(v -> sku.equals(v.getSku())).findFirst().orElse(null);
    }

    private static ProductVariant byKey(final List<ProductVariant> variants, final String key) {
        return key == null ? null : variants.stream().filter(v -> key.equals(v.getKey())).findFirst().orElse(null);
    }
}
