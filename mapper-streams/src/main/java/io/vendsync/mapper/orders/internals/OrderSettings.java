package io.vendsync.mapper.orders.internals;

import io.vendsync.mapper.MapperConfig;
import java.util.Locale;

/**
 * The order mapper's settings.
 *
 * @param openPendingSales  orders.pending.policy=open: pending sales become Open orders at once
 * @param orderNumberIsSaleId orders.number.source=sale-id
 * @param giftCardProductIds orders.gift-card.product-ids: the Vend products whose lines are gift cards sold
 */
public record OrderSettings(boolean openPendingSales, boolean orderNumberIsSaleId, String customerKeyPrefix,
                            java.util.Set<String> giftCardProductIds) {

    public OrderSettings {
        giftCardProductIds = java.util.Set.copyOf(giftCardProductIds);
    }

    public static OrderSettings of(final MapperConfig config) {
        return new OrderSettings("open".equals(config.getString(MapperConfig.ORDERS_PENDING_POLICY).toLowerCase(Locale.ROOT)),
                "sale-id".equals(config.getString(MapperConfig.ORDERS_NUMBER_SOURCE).toLowerCase(Locale.ROOT)),
                config.getString(MapperConfig.CUSTOMER_KEY_PREFIX),
                config.getList(MapperConfig.ORDERS_GIFT_CARD_PRODUCT_IDS).stream().map(String::strip).filter(s -> !s.isEmpty())
                        .collect(java.util.stream.Collectors.toSet()));
    }
}
