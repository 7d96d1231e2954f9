package io.vendsync.mapper.products;

import io.vendsync.mapper.vend.ProductOutletTaxes;
import io.vendsync.mapper.vend.TaxFallback;
import io.vendsync.mapper.vend.VendOutlet;
import io.vendsync.mapper.vend.VendOutletTax;
import io.vendsync.mapper.identity.CatalogMatchPolicy;
import io.vendsync.mapper.internals.ErrorCode;
import io.vendsync.schemas.canonical.v1.Product;
import io.vendsync.schemas.canonical.v1.ProductVariant;
import io.vendsync.schemas.canonical.v1.ValidationError;
import io.vendsync.schemas.canonical.v1.VariantAttribute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides the commercetools product one Vend family should be, and what is wrong with it. Pure: the same input gives an
 * equal outcome, so a replay re-publishes equal records and the sink writes nothing.
 *
 * <p>Members, parent first then by product id, become variants when they are live (not deleted, active), resolved,
 * not withheld by a conflict of their resolution (reported by the inventory mapper, not again here), and have a SKU
 * (else {@code SKU_MISSING}). The family waits, publishing nothing, while a live member has no resolution yet or its
 * resolution names a catalog SKU the catalog table has not delivered yet: publishing then could create a product for
 * SKUs that already live in commercetools. A family without a live member is off sale: published with no variants and
 * {@code active} false ({@code deleted} too when every member is deleted), so the sink takes vendsync's product off sale.
 */
final class FamilyDecider {

    private final String productKeyPrefix;
    private final String variantKeyPrefix;
    private final String taxCategoryKeyPrefix;
    private final CatalogMatchPolicy policy;
    private final FamilyErrors errors;

    FamilyDecider(final String productKeyPrefix, final String variantKeyPrefix, final String taxCategoryKeyPrefix,
                  final CatalogMatchPolicy policy, final String sourceTopic) {
        this.productKeyPrefix = productKeyPrefix;
        this.variantKeyPrefix = variantKeyPrefix;
        this.taxCategoryKeyPrefix = taxCategoryKeyPrefix;
        this.policy = policy;
        this.errors = new FamilyErrors(sourceTopic);
    }

    FamilyOutcome decide(final String familyId, final FamilyInput input, final long timestampMs) {
        final Family family = input == null ? null : input.family();
        if (family == null || family.members().isEmpty()) {
            return new FamilyOutcome(null, List.of());
        }
        final List<MemberState> members = ordered(familyId, family);
        final long sourceVersion = sourceVersion(members, input);
        final long sourceTsMs = members.stream().mapToLong(m -> m.member().sourceTsMs()).max().orElse(0L);
        final FamilyMember face = members.get(0).member();

        if (members.stream().noneMatch(m -> m.member().isLive())) {
            // Deleted or inactive, every variant is off sale. The sink never deletes: it unpublishes a product vendsync
            // made and leaves a matched retailer's product.
            final List<String> matched = members.stream().filter(m -> m.catalog() != null)
                    .map(m -> m.catalog().productId()).distinct().toList();
            final CatalogMatch match = matched.size() == 1
                    ? members.stream().filter(m -> m.catalog() != null).findFirst().orElseThrow().catalog() : null;
            final boolean deleted = members.stream().allMatch(m -> m.member().deleted());
            return new FamilyOutcome(product(familyId, face, match, null, List.of(), deleted, false, sourceVersion, sourceTsMs), List.of());
        }

        final List<ValidationError> found = new ArrayList<>();
        final List<MemberState> candidates = new ArrayList<>();
        for (final MemberState state : members) {
            final FamilyMember member = state.member();
            if (!member.isLive()) {
                continue;
            }
            final Resolution resolution = state.resolution();
            if (resolution == null || resolution.version() < member.version()) {
                return new FamilyOutcome(null, List.of()); // the inventory mapper has not resolved this version yet
            }
            if (resolution.isWithheld()) {
                continue;
            }
            if (resolution.sku() == null) {
                found.add(errors.of(ErrorCode.SKU_MISSING, member.productId(), member.version(),
                        "Vend product " + member.productId() + " of family " + familyId + " has no SKU; it is left out of "
                                + "the commercetools product, whose variants need one",
                        List.of(), "Give the product a SKU in Vend, or map it explicitly (vendsync mapping import).",
                        member, timestampMs));
                continue;
            }
            if (state.catalog() == null && resolution.skuSource().startsWith("CATALOG_")) {
                return new FamilyOutcome(null, List.of()); // the catalog table has not caught up with the resolution yet
            }
            if (state.catalog() == null && policy == CatalogMatchPolicy.MATCH_ONLY) {
                continue; // never created under match-only; CT_NO_MATCH is the inventory mapper's report
            }
            candidates.add(state);
        }

        final Map<String, CatalogMatch> products = new TreeMap<>();
        candidates.stream().map(MemberState::catalog).filter(Objects::nonNull).forEach(c -> products.putIfAbsent(c.productId(), c));
        if (products.size() > 1) {
            final List<String> named = products.values().stream().map(CatalogMatch::describeProduct).toList();
            found.add(errors.of(ErrorCode.FAMILY_SPLIT, familyId, sourceVersion,
                    "The variants of Vend family " + familyId + " matched variants of " + products.size()
                            + " different commercetools products " + named + "; one Vend family is one product, so it is not published",
                    named, "Move the variants into one commercetools product, or give the Vend variants SKUs of one product "
                            + "(vendsync mapping import), or split the family in Vend.",
                    candidateSummary(candidates), timestampMs));
            return new FamilyOutcome(null, found);
        }
        final CatalogMatch match = products.isEmpty() ? null : products.values().iterator().next();
        if (match == null && policy == CatalogMatchPolicy.MATCH_ONLY) {
            return new FamilyOutcome(null, found);
        }

        final List<MemberState> variants = withoutDuplicateOptions(familyId, candidates, sourceVersion, found, timestampMs);
        if (variants.isEmpty()) {
            return new FamilyOutcome(null, found);
        }
        final String taxCategoryKey = taxCategoryKey(familyId, input, sourceVersion, found, timestampMs);
        final List<ProductVariant> out = variants.stream()
                .map(state -> variant(state, match)).toList();
        return new FamilyOutcome(product(familyId, face, match, taxCategoryKey, out, false, true, sourceVersion, sourceTsMs), found);
    }

    /** Parent first (it is the master variant of a created product), then by product id. */
    private static List<MemberState> ordered(final String familyId, final Family family) {
        final List<MemberState> members = new ArrayList<>();
        final MemberState parent = family.members().get(familyId);
        if (parent != null) {
            members.add(parent);
        }
        family.members().forEach((id, state) -> {
            if (!id.equals(familyId)) {
                members.add(state);
            }
        });
        return members;
    }

    /** The highest Vend version of everything the record is made of: Vend versions are global, so any change raises it. */
    private static long sourceVersion(final List<MemberState> members, final FamilyInput input) {
        long max = members.stream().mapToLong(m -> m.member().version()).max().orElse(0L);
        if (input.parentTaxes() != null) {
            max = Math.max(max, input.parentTaxes().byOutlet().values().stream().mapToLong(VendOutletTax::version).max().orElse(0L));
        }
        if (input.outlets() != null) {
            max = Math.max(max, input.outlets().byId().values().stream().mapToLong(VendOutlet::version).max().orElse(0L));
        }
        return max;
    }

    /**
     * Variants whose option values (as attributes) equal another's are left out, all of them: which one is "the" variant
     * is not ours to guess, and commercetools could not tell them apart either.
     */
    private List<MemberState> withoutDuplicateOptions(final String familyId, final List<MemberState> candidates,
                                                      final long sourceVersion, final List<ValidationError> found,
                                                      final long timestampMs) {
        if (candidates.size() < 2) {
            return candidates;
        }
        final Map<Map<String, String>, List<String>> byOptions = new LinkedHashMap<>();
        for (final MemberState state : candidates) {
            byOptions.computeIfAbsent(attributeMap(state.member()), k -> new ArrayList<>()).add(state.member().productId());
        }
        final TreeSet<String> duplicates = new TreeSet<>();
        byOptions.forEach((options, ids) -> {
            if (ids.size() > 1) {
                duplicates.addAll(ids);
                found.add(errors.of(ErrorCode.VARIANT_OPTIONS_DUPLICATE, familyId, sourceVersion,
                        "Vend products " + ids + " of family " + familyId + " have the same option values " + options
                                + "; commercetools could not tell the variants apart, so they are left out of the product",
                        ids, "Give each of " + ids + " its own option values in Vend (e.g. a size or colour), or delete the duplicates.",
                        options, timestampMs));
            }
        });
        return candidates.stream().filter(s -> !duplicates.contains(s.member().productId())).toList();
    }

    /**
     * The tax of the family's parent at every live outlet by {@link TaxFallback}, the rule the price mapper uses too. One tax
     * gives the key; several are {@code TAX_AMBIGUOUS} and no key; none known yet (no outlets, no taxes) gives no key.
     */
    private String taxCategoryKey(final String familyId, final FamilyInput input, final long sourceVersion,
                                  final List<ValidationError> found, final long timestampMs) {
        final LiveOutlets outlets = input.outlets() == null ? LiveOutlets.NONE : input.outlets();
        final ProductOutletTaxes taxes = input.parentTaxes() == null ? ProductOutletTaxes.NONE : input.parentTaxes();
        final Map<String, String> taxByOutlet = new TreeMap<>();
        outlets.byId().forEach((outletId, outlet) -> {
            final String taxId = TaxFallback.taxId(taxes.liveTaxIdAt(outletId), outlet, outlets.storeDefaultTaxId());
            if (taxId != null) {
                taxByOutlet.put(outletId, taxId);
            }
        });
        final List<String> distinct = taxByOutlet.values().stream().distinct().sorted().toList();
        if (distinct.size() > 1) {
            found.add(errors.of(ErrorCode.TAX_AMBIGUOUS, familyId, sourceVersion,
                    "Vend product " + familyId + " uses different taxes at its live outlets " + taxByOutlet
                            + "; a commercetools product has one tax category, so none is set",
                    distinct, "Give product " + familyId + " the same tax at every outlet in Vend.", taxByOutlet, timestampMs));
            return null;
        }
        return distinct.isEmpty() ? null : taxCategoryKeyPrefix + distinct.get(0);
    }

    private ProductVariant variant(final MemberState state, final CatalogMatch match) {
        final FamilyMember member = state.member();
        final CatalogMatch own = state.catalog();
        final boolean inMatched = own != null && match != null && own.productId().equals(match.productId());
        return ProductVariant.newBuilder()
                .setVendProductId(member.productId())
                .setSku(state.resolution().sku())
                .setVariantKey(inMatched && own.variantKey() != null ? own.variantKey() : variantKeyPrefix + member.productId())
                .setSkuSource(state.resolution().skuSource())
                .setCtVariantId(inMatched ? own.variantId() : null)
                .setAttributes(attributeMap(member).entrySet().stream()
                        .map(e -> VariantAttribute.newBuilder().setName(e.getKey()).setValue(e.getValue()).build()).toList())
                .setGtins(member.gtins())
                .build();
    }

    /** Attribute name -> value, by the name rule of {@link CommercetoolsNames}; a second option with the same name adds nothing. */
    private static Map<String, String> attributeMap(final FamilyMember member) {
        final Map<String, String> attributes = new TreeMap<>();
        member.options().forEach(o -> attributes.putIfAbsent(CommercetoolsNames.attributeName(o.name()), o.value()));
        return attributes;
    }

    private Product product(final String familyId, final FamilyMember face, final CatalogMatch match, final String taxCategoryKey,
                            final List<ProductVariant> variants, final boolean deleted, final boolean active, final long sourceVersion,
                            final long sourceTsMs) {
        final String derivedKey = productKeyPrefix + familyId;
        final String name = face.name() != null && !face.name().isBlank() ? face.name().trim()
                : face.variantName() != null && !face.variantName().isBlank() ? face.variantName().trim() : familyId;
        return Product.newBuilder()
                .setProductKey(match != null && match.productKey() != null ? match.productKey() : derivedKey)
                .setVendFamilyId(familyId)
                .setCtProductId(match == null ? null : match.productId())
                .setName(name)
                .setDescription(face.description() == null || face.description().isBlank() ? null : face.description())
                .setSlug(CommercetoolsNames.slug(face.handle(), name, familyId))
                .setTaxCategoryKey(taxCategoryKey)
                .setVariants(variants)
                .setDeleted(deleted)
                .setActive(active)
                .setSourceVersion(sourceVersion)
                .setSourceTsMs(sourceTsMs)
                .build();
    }

    private static List<Map<String, Object>> candidateSummary(final List<MemberState> candidates) {
        return candidates.stream().map(s -> Map.<String, Object>of(
                "vend_product_id", s.member().productId(),
                "sku", s.resolution().sku(),
                "ct_product", s.catalog() == null ? "none" : s.catalog().describeProduct())).toList();
    }
}
