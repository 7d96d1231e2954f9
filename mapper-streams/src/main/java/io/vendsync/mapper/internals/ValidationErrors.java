package io.vendsync.mapper.internals;

import io.vendsync.mapper.vend.VendInventory;
import io.vendsync.mapper.vend.VendProduct;
import io.vendsync.mapper.identity.GtinCheck;
import io.vendsync.mapper.identity.Sku;
import io.vendsync.schemas.canonical.v1.ValidationError;
import io.vendsync.schemas.mapping.OutletChannel;
import io.vendsync.schemas.mapping.ProductSkuOverride;
import io.vendsync.schemas.raw.VendChange;
import java.util.List;
import java.util.Set;

/** Builds the {@link ValidationError} records the mapper publishes, so every one carries the same context. */
public final class ValidationErrors {

    private ValidationErrors() {
    }

    /**
     * Vend entities whose records are personal data: the error topic is read more widely than the customer topic, so an
     * unreadable one is reported by its key and the reason only (the raw topic keeps the record).
     */
    private static final Set<String> PERSONAL = Set.of("customers");

    /** A raw record that could not be read; the payload is kept verbatim so nothing is lost, unless it is personal data. */
    public static ValidationError payloadInvalid(final String sourceTopic, final String entity, final String key,
                                                 final VendChange change, final String reason, final long detectedTsMs) {
        return ValidationError.newBuilder()
                .setCode(ErrorCode.PAYLOAD_INVALID.name())
                .setReason("Cannot read Vend " + entity + " record: " + reason)
                .setEntity(entity)
                .setSourceTopic(sourceTopic)
                .setSourceKey(key)
                .setSourceVersion(change == null || change.getSource() == null ? null : change.getSource().getVersion())
                .setCandidates(List.of())
                .setSuggestedFix("Fix the producer of this record; it is not mapped until a valid newer version arrives.")
                .setPayload(change == null || PERSONAL.contains(entity) ? null : change.getAfter())
                .setDetectedTsMs(detectedTsMs)
                .build();
    }

    /** An inventory record that is readable but cannot be mapped (yet). */
    public static ValidationError unmappable(final ErrorCode code, final String reason, final String suggestedFix,
                                             final String sourceTopic, final VendInventory inventory,
                                             final long detectedTsMs) {
        return unmappable(code, reason, suggestedFix, List.of(), sourceTopic, inventory, detectedTsMs);
    }

    /** An inventory record that cannot be mapped because of a conflict between {@code candidates}. */
    public static ValidationError unmappable(final ErrorCode code, final String reason, final String suggestedFix,
                                             final List<String> candidates, final String sourceTopic,
                                             final VendInventory inventory, final long detectedTsMs) {
        return ValidationError.newBuilder()
                .setCode(code.name())
                .setReason(reason)
                .setEntity("inventory")
                .setSourceTopic(sourceTopic)
                .setSourceKey(inventory.id())
                .setSourceVersion(inventory.version())
                .setCandidates(candidates)
                .setSuggestedFix(suggestedFix)
                .setPayload(JsonSerde.toJson(inventory))
                .setDetectedTsMs(detectedTsMs)
                .build();
    }

    /** An operator override the mapper ignores. */
    public static ValidationError overrideInvalid(final String sourceTopic, final String outletId,
                                                  final OutletChannel override, final long detectedTsMs) {
        return ValidationError.newBuilder()
                .setCode(ErrorCode.OVERRIDE_INVALID.name())
                .setReason("Outlet " + outletId + " override has channel key '" + override.getChannelKey()
                        + "', which commercetools refuses (allowed: " + ChannelKeys.VALID_KEY.pattern()
                        + "); the derived mapping applies instead")
                .setEntity("outlet-channel")
                .setSourceTopic(sourceTopic)
                .setSourceKey(outletId)
                .setSourceVersion(null)
                .setCandidates(List.of())
                .setSuggestedFix("Publish a corrected override for outlet " + outletId + ", or a tombstone to remove it.")
                .setPayload(override.toString())
                .setDetectedTsMs(detectedTsMs)
                .build();
    }

    /** A Vend SKU with whitespace; the trimmed SKU is used, this asks for the Vend data to be cleaned. */
    public static ValidationError skuWhitespace(final String sourceTopic, final IdentifiedProduct identified,
                                                final long detectedTsMs) {
        final VendProduct product = identified.product();
        final Sku sku = identified.sku();
        return product(ErrorCode.SKU_WHITESPACE,
                "Vend product " + product.id() + " has SKU '" + sku.raw() + "' with "
                        + (sku.isPadded() ? "whitespace around it" : "whitespace inside it") + "; it is used as '" + sku.value() + "'",
                List.of(),
                "Change the SKU in Vend to '" + sku.suggestion() + "'.",
                sourceTopic, product, detectedTsMs);
    }

    /** A GTIN-type product code that is not a valid GTIN; it is ignored for matching. */
    public static ValidationError gtinInvalid(final String sourceTopic, final VendProduct product, final GtinCheck check,
                                              final long detectedTsMs) {
        final String fix = check.expectedCheckDigit() != null
                ? "Correct the " + check.type() + " code '" + check.code() + "' in Vend: its check digit should be "
                        + check.expectedCheckDigit() + " (or another digit of it is wrong; check the label)."
                : "Correct or remove the " + check.type() + " code '" + check.code() + "' in Vend, or give it the type CUSTOM if it is not a GTIN.";
        return product(ErrorCode.GTIN_INVALID,
                "Vend product " + product.id() + " has " + check.type() + " code '" + check.code() + "', which is not a valid GTIN: "
                        + check.problem(),
                List.of(), fix, sourceTopic, product, detectedTsMs);
    }

    /** Live products sharing one SKU; keyed by the SKU. */
    public static ValidationError skuDuplicate(final String sourceTopic, final String overridesTopic, final String sku,
                                               final Claimants claimants, final long detectedTsMs) {
        return ValidationError.newBuilder()
                .setCode(ErrorCode.SKU_DUPLICATE.name())
                .setReason("Vend products " + claimants.productIds() + " all resolve to SKU '" + sku
                        + "'; their stock is withheld until only one does")
                .setEntity("products")
                .setSourceTopic(sourceTopic)
                .setSourceKey(sku)
                .setSourceVersion(null)
                .setCandidates(claimants.productIds())
                .setSuggestedFix(skuDuplicateFix(claimants.productIds(), overridesTopic))
                .setPayload(JsonSerde.toJson(claimants))
                .setDetectedTsMs(detectedTsMs)
                .build();
    }

    public static String skuDuplicateFix(final List<String> productIds, final String overridesTopic) {
        return "Give all but one of products " + productIds + " another SKU in Vend, delete the duplicates, or map them "
                + "explicitly (vendsync mapping import with vend_product_id,commercetools_sku, topic " + overridesTopic + ").";
    }

    /** Live products sharing one GTIN; keyed by the GTIN-14. Reported only: stock is keyed by SKU and still flows. */
    public static ValidationError gtinDuplicate(final String sourceTopic, final String gtin14, final Claimants claimants,
                                                final long detectedTsMs) {
        return ValidationError.newBuilder()
                .setCode(ErrorCode.GTIN_DUPLICATE.name())
                .setReason("Vend products " + claimants.productIds() + " all carry GTIN " + gtin14 + " (as GTIN-14)")
                .setEntity("products")
                .setSourceTopic(sourceTopic)
                .setSourceKey(gtin14)
                .setSourceVersion(null)
                .setCandidates(claimants.productIds())
                .setSuggestedFix("Keep GTIN " + gtin14 + " on the one product it labels and correct or remove it on the others "
                        + claimants.productIds() + " in Vend.")
                .setPayload(JsonSerde.toJson(claimants))
                .setDetectedTsMs(detectedTsMs)
                .build();
    }

    /** A Vend product whose stock the catalog matching withholds; keyed by the product id. */
    public static ValidationError catalogConflict(final String sourceTopic, final ResolvedProduct product,
                                                  final long detectedTsMs) {
        final CatalogConflict conflict = product.conflict();
        return ValidationError.newBuilder()
                .setCode(conflict.code().name())
                .setReason(conflict.reason())
                .setEntity("products")
                .setSourceTopic(sourceTopic)
                .setSourceKey(product.productId())
                .setSourceVersion(product.version())
                .setCandidates(conflict.candidates())
                .setSuggestedFix(conflict.suggestedFix())
                .setPayload(JsonSerde.toJson(product))
                .setDetectedTsMs(detectedTsMs)
                .build();
    }

    /** A product SKU override the mapper ignores. */
    public static ValidationError skuOverrideInvalid(final String sourceTopic, final String productId,
                                                     final ProductSkuOverride override, final String problem,
                                                     final long detectedTsMs) {
        return ValidationError.newBuilder()
                .setCode(ErrorCode.OVERRIDE_INVALID.name())
                .setReason("SKU override for Vend product " + productId + " is refused: " + problem + "; the Vend SKU applies instead")
                .setEntity("product-sku")
                .setSourceTopic(sourceTopic)
                .setSourceKey(productId)
                .setSourceVersion(null)
                .setCandidates(List.of())
                .setSuggestedFix("Publish a corrected override for product " + productId + ", or a tombstone to remove it.")
                .setPayload(override.toString())
                .setDetectedTsMs(detectedTsMs)
                .build();
    }

    private static ValidationError product(final ErrorCode code, final String reason, final List<String> candidates,
                                           final String suggestedFix, final String sourceTopic, final VendProduct product,
                                           final long detectedTsMs) {
        return ValidationError.newBuilder()
                .setCode(code.name())
                .setReason(reason)
                .setEntity("products")
                .setSourceTopic(sourceTopic)
                .setSourceKey(product.id())
                .setSourceVersion(product.version())
                .setCandidates(candidates)
                .setSuggestedFix(suggestedFix)
                .setPayload(JsonSerde.toJson(product))
                .setDetectedTsMs(detectedTsMs)
                .build();
    }
}
