package io.vendsync.mapper.orders.internals;

import io.vendsync.mapper.MapperConfig;
import java.util.Locale;

/**
 * The order mapper's settings.
 *
 * @param openPendingSales  orders.pending.policy=open: pending sales become Open orders at once
 * @param orderNumberIsSaleId orders.number.source=sale-id
 */
public record OrderSettings(boolean openPendingSales, boolean orderNumberIsSaleId, String customerKeyPrefix) {

    public static OrderSettings of(final MapperConfig config) {
        return new OrderSettings("open".equals(config.getString(MapperConfig.ORDERS_PENDING_POLICY).toLowerCase(Locale.ROOT)),
                "sale-id".equals(config.getString(MapperConfig.ORDERS_NUMBER_SOURCE).toLowerCase(Locale.ROOT)),
                config.getString(MapperConfig.CUSTOMER_KEY_PREFIX));
    }
}
