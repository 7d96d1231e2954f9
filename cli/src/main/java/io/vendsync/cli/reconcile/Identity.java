package io.vendsync.cli.reconcile;

import io.vendsync.schemas.canonical.v1.VariantPrices;
import io.vendsync.schemas.mapping.OutletChannel;
import io.vendsync.schemas.mapping.ProductResolution;
import java.util.Map;

/**
 * The mapper's own decisions, read from its compacted topics rather than derived again: the supply channel of each
 * outlet ({@code mapping.outlet-channel-resolved}), the commercetools SKU of each Vend product
 * ({@code mapping.product-resolution}: overrides, catalog matches, conflicts) and the prices each SKU should have
 * ({@code canonical.price.v1}).
 */
public record Identity(Map<String, OutletChannel> outletChannels, Map<String, ProductResolution> resolutions,
                       Map<String, VariantPrices> prices) {

    public Identity {
        outletChannels = Map.copyOf(outletChannels);
        resolutions = Map.copyOf(resolutions);
        prices = Map.copyOf(prices);
    }

    /** The outlet's name where the mapper knows it, else its channel key, else the id. */
    public String outletLabel(final String outletId) {
        final OutletChannel channel = outletId == null ? null : outletChannels.get(outletId);
        if (channel == null) {
            return outletId;
        }
        return channel.getOutletName() != null ? channel.getOutletName() : channel.getChannelKey();
    }

    /** The outlet name of a channel key, else the key itself. */
    public String channelLabel(final String channelKey) {
        return outletChannels.values().stream().filter(c -> c.getChannelKey().equals(channelKey)).findFirst()
                .map(c -> c.getOutletName() != null ? c.getOutletName() : c.getChannelKey()).orElse(channelKey);
    }
}
