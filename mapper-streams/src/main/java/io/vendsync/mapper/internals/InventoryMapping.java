package io.vendsync.mapper.internals;

import io.vendsync.mapper.vend.VendInventory;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.schemas.canonical.v1.ValidationError;
import java.util.List;

/**
 * Decides what one joined inventory record becomes: a canonical {@link InventoryLevel}, or a validation
 * error naming the first missing piece, checked in this order: product known, product not deleted,
 * product tracks inventory, no commercetools catalog conflict (CT_SKU_AMBIGUOUS, CT_GTIN_AMBIGUOUS, CT_NO_MATCH),
 * product has a SKU, no other live product has that SKU, outlet mapped to a channel.
 * One error per record keeps the code stable; once that piece is fixed the record flows again and reports the next, if any.
 * A deleted product publishes 0 at each outlet instead (see {@link #deleted}), so the shop stops selling it; so does a
 * record whose outlet maps to no channel any more, at the channel it last published under ({@link #withdrawn}).
 *
 * <p>has_inventory=false (services, gift items): Vend keeps no stock, so we publish no quantity, and report
 * {@link ErrorCode#INVENTORY_NOT_TRACKED} so the record stays visible rather than vanishing. A composite (kit): its stock
 * is the one derived from its bill of materials ({@link KitStockDerivation}, records marked {@link VendInventory#fromBom}),
 * decided here like any other record, and Vend's own records of it are reported as INVENTORY_NOT_TRACKED, saying so. A
 * composite whose bill of materials Vend did not send (the plain 2.0 product list carries none) has only Vend's own
 * level to go by: that is published. Negative levels pass through unchanged: the sink owns that rule.
 */
public final class InventoryMapping {

    private final String inventoryTopic;
    private final String overridesTopic;
    private final String skuOverridesTopic;

    public InventoryMapping(final String inventoryTopic, final String overridesTopic, final String skuOverridesTopic) {
        this.inventoryTopic = inventoryTopic;
        this.overridesTopic = overridesTopic;
        this.skuOverridesTopic = skuOverridesTopic;
    }

    public MappingOutcome decide(final MappingCandidate candidate, final long timestampMs) {
        final VendInventory inventory = candidate.inventory();
        final ProductState product = candidate.product();
        if (product != null && product.pending()) {
            return null; // decided, and published, once the catalog matching has answered for every GTIN of the product
        }
        if (inventory.fromBom() && (product == null || !tracksStock(candidate))) {
            // Derived from the kit's own product record, whose identity is on its way (or whose bill of materials is going
            // away, and the retraction follows): nothing to tell an operator.
            return null;
        }
        if (product == null) {
            return failed(ErrorCode.PRODUCT_UNKNOWN,
                    "No Vend product " + inventory.productId() + " is known for inventory " + inventory.id(),
                    "Check that the product exists in Vend and that products are ingested; the record is mapped as soon as it arrives.",
                    inventory, timestampMs);
        }
        if (product.deleted()) {
            return deleted(candidate, timestampMs);
        }
        if (!tracksStock(candidate)) {
            return notTracked(inventory, product, timestampMs);
        }
        final CatalogConflict conflict = product.catalogConflict();
        if (conflict != null) {
            // Checked before the SKU: the catalog, not the Vend SKU, decides where this stock would go.
            return MappingOutcome.failed(ValidationErrors.unmappable(conflict.code(), conflict.reason(), conflict.suggestedFix(),
                    conflict.candidates(), inventoryTopic, inventory, timestampMs));
        }
        if (product.sku() == null) {
            return failed(ErrorCode.SKU_MISSING,
                    "Vend product " + inventory.productId() + " has no SKU",
                    "Give the product a SKU in Vend; the record is mapped as soon as the change arrives.",
                    inventory, timestampMs);
        }
        if (product.isSkuContested(inventory.productId())) {
            // Which product's stock is the SKU's? Publishing either would be a guess that overwrites the other's. (An
            // active product's is, over inactive ones': then only the inactive one's is withheld.)
            final List<String> holders = holders(product, inventory.productId());
            return MappingOutcome.failed(ValidationErrors.unmappable(ErrorCode.SKU_DUPLICATE,
                    "Vend products " + holders + " all have SKU '" + product.sku() + "', so the stock of "
                            + inventory.productId() + (product.inactive() ? " (inactive in Vend)" : "")
                            + " is withheld until the SKU is unique",
                    ValidationErrors.skuDuplicateFix(holders, skuOverridesTopic),
                    holders, inventoryTopic, inventory, timestampMs));
        }
        if (candidate.channelKey() == null) {
            return failed(ErrorCode.OUTLET_UNMAPPED,
                    "Vend outlet " + inventory.outletId() + " maps to no supply channel (outlet unknown or deleted, no override)",
                    "Check the outlet exists in Vend, or publish an explicit mapping to " + overridesTopic + ".",
                    inventory, timestampMs);
        }
        return MappingOutcome.mapped(level(candidate, inventory.inventoryLevel()));
    }

    /**
     * A deleted product must stop selling online: its stock at each outlet becomes 0, published under the SKU it last
     * had, unless another live product now holds that SKU (the entry is then that product's, and a 0 would overwrite
     * its stock) or there is nowhere to write it (no SKU, a catalog conflict, no channel, never tracked stock): those
     * stay reported as PRODUCT_DELETED. A Vend undelete is a newer product version, so the real level follows it; both
     * carry the inventory record's version, which {@code InventoryRecords#decide} (inventory internals) raises above the level published before.
     */
    private MappingOutcome deleted(final MappingCandidate candidate, final long timestampMs) {
        final VendInventory inventory = candidate.inventory();
        final ProductState product = candidate.product();
        if (tracksStock(candidate) && product.sku() != null && product.catalogConflict() == null
                && !product.isSkuContested(inventory.productId()) && candidate.channelKey() != null) {
            return MappingOutcome.mapped(level(candidate, 0));
        }
        return failed(ErrorCode.PRODUCT_DELETED,
                "Vend product " + inventory.productId() + " (SKU " + product.sku() + ") is deleted"
                        + (product.isSkuContested(inventory.productId())
                        ? ", and live product(s) " + product.skuHolders(inventory.productId()) + " now hold its SKU, so no stock of its own is published"
                        : ", and its stock has nowhere to go (no SKU, channel or tracked stock)"),
                "Restore the product in Vend if its stock should sync; otherwise nothing to do.",
                inventory, timestampMs);
    }

    /** Every live product with the record's SKU, the record's own among them, sorted. */
    private static List<String> holders(final ProductState product, final String productId) {
        final java.util.TreeSet<String> all = new java.util.TreeSet<>(product.skuHolders(productId));
        all.add(productId);
        return List.copyOf(all);
    }

    /**
     * A kit's stock is the one derived from its bill of materials ({@link VendInventory#fromBom}); Vend's own records of a
     * composite are not published then, so two sources never write one entry. Without a bill of materials Vend's own
     * level is the only one there is. Any other product's stock is Vend's own.
     */
    private static boolean tracksStock(final MappingCandidate candidate) {
        final ProductState product = candidate.product();
        // A deleted kit keeps its derived records (its edges are kept), whatever its delete payload says, so they go to 0.
        return candidate.inventory().fromBom() ? product.kit() == Kit.BOM_KNOWN || product.deleted()
                : product.hasInventory() || product.kit() == Kit.BOM_UNKNOWN;
    }

    private MappingOutcome notTracked(final VendInventory inventory, final ProductState product, final long timestampMs) {
        final String what = "Vend product " + inventory.productId() + " (SKU " + product.sku() + ")";
        if (product.kit() == Kit.BOM_KNOWN) {
            return failed(ErrorCode.INVENTORY_NOT_TRACKED,
                    what + " is a composite: its online stock is derived from its bill of materials and published as inventory "
                            + KitStockDerivation.inventoryId(inventory.productId(), inventory.outletId())
                            + ", so Vend's own record for it is not",
                    "Nothing to do: the kit's stock follows its components' stock.",
                    inventory, timestampMs);
        }
        return failed(ErrorCode.INVENTORY_NOT_TRACKED,
                what + " has no stock of its own: has_inventory=false",
                "Turn on inventory tracking for the product in Vend if its stock should sync.",
                inventory, timestampMs);
    }

    /**
     * Stock 0 at a canonical key {@code <channel_key>/<sku>} the record published under before, at the record's
     * version: for a record whose outlet maps to no channel any more (deleted in Vend, or its only mapping withdrawn), so
     * the shop stops selling stock of a store that is gone. Channel keys hold no '/' ({@link ChannelKeys#VALID_KEY}), so
     * the first one splits the key.
     */
    public static MappingOutcome withdrawn(final VendInventory inventory, final String canonicalKey) {
        final int slash = canonicalKey.indexOf('/');
        return MappingOutcome.mapped(level(inventory, canonicalKey.substring(slash + 1), canonicalKey.substring(0, slash), 0));
    }

    /** The level of one (SKU, channel), at the inventory record's version ({@code InventoryRecords#decide} (inventory internals) may raise it). */
    private static InventoryLevel level(final MappingCandidate candidate, final long quantity) {
        return level(candidate.inventory(), candidate.product().sku(), candidate.channelKey(), quantity);
    }

    private static InventoryLevel level(final VendInventory inventory, final String sku, final String channelKey, final long quantity) {
        return InventoryLevel.newBuilder()
                .setSku(sku)
                .setChannelKey(channelKey)
                .setQuantity(quantity)
                .setSourceVersion(inventory.version())
                .setSourceTsMs(inventory.sourceTsMs())
                .setVendProductId(inventory.productId())
                .setVendOutletId(inventory.outletId())
                .setVendInventoryId(inventory.id())
                .setDomainPrefix(inventory.domainPrefix())
                .setPooledOutletIds(List.of()) // set, so the builder does not copy the schema's default for every stock change
                .build();
    }

    /**
     * What an outcome tells downstream: the whole level (every field comes from the joined records), or the error
     * without the time it was detected. Two outcomes with one fingerprint are the same news. A digest
     * ({@link Fingerprint}), not the text: it is kept in every inventory entry and written with every stock change
     * (entries written before this keep a text fingerprint, which no digest equals: their next decision publishes once more).
     */
    public static String fingerprint(final MappingOutcome outcome) {
        if (outcome.isMapped()) {
            final InventoryLevel level = outcome.level();
            final Fingerprint print = new Fingerprint().add("level");
            for (int field = 0; field < level.getSchema().getFields().size(); field++) {
                final Object value = level.get(field);
                if (!(value instanceof List<?> list && list.isEmpty())) { // a level of one outlet reads as before pooling
                    print.add(value);
                }
            }
            return print.toString();
        }
        final ValidationError error = outcome.error();
        return new Fingerprint().add("error").add(error.getCode()).add(error.getSourceVersion()).add(error.getCandidates())
                .add(error.getReason()).toString();
    }

    private MappingOutcome failed(final ErrorCode code, final String reason, final String fix,
                                  final VendInventory inventory, final long timestampMs) {
        return MappingOutcome.failed(ValidationErrors.unmappable(code, reason, fix, inventoryTopic, inventory, timestampMs));
    }
}
