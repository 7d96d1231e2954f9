package io.vendsync.cli.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.vendsync.cli.reconcile.Mismatch.Area;
import io.vendsync.cli.reconcile.Mismatch.Kind;
import io.vendsync.mapper.vend.VendEnvelope;
import io.vendsync.schemas.mapping.OutletChannel;
import io.vendsync.schemas.mapping.ProductResolution;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Stock per (SKU, supply channel): Vend's inventory records, under the SKU and channel the mapper resolved, against
 * commercetools' inventory entries at the channels vendsync writes. Vend's level, negative as 0, summed over the outlets
 * that map to one channel; a deleted product's
 * level is 0 (the mapper zeroes it) unless a live product holds the SKU, deleted as Vend's product list says (with
 * {@code deleted=true}) or as the mapper resolved it. Left out, and counted: records whose product
 * or outlet the mapper has not resolved, products withheld by a conflict, without a SKU or without inventory, inactive
 * products whose SKU another product holds (their stock is withheld), and composites whose stock is derived from their bill of materials (one whose
 * bill the mapper never got, as from the plain 2.0 list, has Vend's own level published, and is compared).
 */
public final class InventoryCheck {

    private InventoryCheck() {
    }

    /** The expected quantity of one (channel, SKU), and the outlet it comes from. */
    private record Want(long quantity, boolean live, String outlet) {
    }

    public static Comparison compare(final List<JsonNode> vendProducts, final List<JsonNode> vendInventory,
                                     final Identity identity, final List<CommercetoolsData.InventoryEntry> entries) {
        final Set<String> composites = vendProducts.stream().filter(p -> p.path("is_composite").asBoolean(false))
                .map(p -> p.path("id").asText()).collect(Collectors.toSet());
        // Vend's own word on deletion, not only the mapper's: a deletion the pipeline lost must show as stock left for sale.
        final Set<String> deletedInVend = vendProducts.stream().filter(VendEnvelope::hasDeletedAt)
                .map(p -> p.path("id").asText()).collect(Collectors.toSet());
        final Map<String, Integer> skipped = new TreeMap<>();
        final Map<String, Want> want = new TreeMap<>();
        final Set<String> notJudged = new HashSet<>();
        for (final JsonNode record : vendInventory) {
            final String productId = record.path("product_id").asText();
            final ProductResolution resolution = identity.resolutions().get(productId);
            final OutletChannel channel = identity.outletChannels().get(record.path("outlet_id").asText());
            final boolean billKnown = resolution == null || !"BOM_UNKNOWN".equals(resolution.getKit());
            final String reason = composites.contains(productId) && billKnown ? "composite (stock derived from its components)"
                    : resolution == null ? "product not resolved by the mapper yet"
                    : resolution.getConflictCode() != null ? "withheld by " + resolution.getConflictCode()
                    : resolution.getSku() == null ? "product without a SKU"
                    : !resolution.getActive() && (resolution.getSkuClaimants().stream().anyMatch(id -> !id.equals(productId))
                            || resolution.getInactiveSkuClaimants().stream().anyMatch(id -> !id.equals(productId)))
                    ? "inactive product whose SKU another product holds"
                    : !resolution.getHasInventory() && billKnown ? "product does not track inventory"
                    : channel == null ? "outlet without a supply channel"
                    : null;
            if (reason != null) {
                skipped.merge(reason, 1, Integer::sum);
                if (resolution != null && resolution.getSku() != null && channel != null) {
                    // Its entry, if any, is not ours to judge (a kit's derived level, a withheld product's last quantity).
                    notJudged.add(channel.getChannelKey() + "/" + resolution.getSku());
                }
                continue;
            }
            final boolean live = !resolution.getDeleted() && !deletedInVend.contains(productId);
            final long quantity = live ? Math.max(0, record.path("inventory_level").asLong()) : 0;
            final String key = channel.getChannelKey() + "/" + resolution.getSku();
            final Want previous = want.get(key);
            final String outlet = identity.outletLabel(channel.getOutletId());
            if (previous == null || (live && !previous.live())) {
                want.put(key, new Want(quantity, live, outlet));
            } else if (live && previous.live()) {
                // Outlets mapped to one channel: the mapper publishes the sum of their stock there.
                want.put(key, new Want(previous.quantity() + quantity, true, previous.outlet() + ", " + outlet));
            }
        }
        final Set<String> ourChannels = identity.outletChannels().values().stream().map(OutletChannel::getChannelKey)
                .collect(Collectors.toSet());
        final Map<String, List<CommercetoolsData.InventoryEntry>> have = entries.stream()
                .filter(e -> e.channelKey() != null && ourChannels.contains(e.channelKey()))
                .collect(Collectors.groupingBy(e -> e.channelKey() + "/" + e.sku(), TreeMap::new, Collectors.toList()));
        final List<Mismatch> mismatches = new ArrayList<>();
        for (final Map.Entry<String, Want> level : want.entrySet()) {
            final Want expected = level.getValue();
            final List<CommercetoolsData.InventoryEntry> found = have.getOrDefault(level.getKey(), List.of());
            final String quantities = found.stream().map(e -> Long.toString(e.quantityOnStock())).collect(Collectors.joining(", "));
            if (found.isEmpty()) {
                mismatches.add(new Mismatch(Area.INVENTORY, Kind.MISSING, expected.outlet(), level.getKey(),
                        Long.toString(expected.quantity()), null, "no inventory entry for this SKU at this channel"));
            } else if (found.size() > 1) {
                mismatches.add(new Mismatch(Area.INVENTORY, Kind.DUPLICATE, expected.outlet(), level.getKey(),
                        Long.toString(expected.quantity()), quantities, found.size() + " inventory entries for one SKU and channel"));
            } else if (found.get(0).quantityOnStock() != expected.quantity()) {
                mismatches.add(new Mismatch(Area.INVENTORY, Kind.DIFFERENT, expected.outlet(), level.getKey(),
                        Long.toString(expected.quantity()), quantities, "quantity on stock differs from Vend's level"));
            }
        }
        final Set<String> extra = new HashSet<>(have.keySet());
        extra.removeAll(want.keySet());
        extra.removeAll(notJudged);
        extra.stream().sorted().forEach(key -> {
            final List<CommercetoolsData.InventoryEntry> found = have.get(key);
            final String channelKey = found.get(0).channelKey();
            mismatches.add(new Mismatch(Area.INVENTORY, Kind.EXTRA, identity.channelLabel(channelKey), key, null,
                    found.stream().map(e -> Long.toString(e.quantityOnStock())).collect(Collectors.joining(", ")),
                    "inventory entry at a vendsync channel for a SKU Vend does not stock there"));
        });
        return new Comparison(Area.INVENTORY, want.size(), mismatches, skipped);
    }
}
