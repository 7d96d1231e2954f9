package io.vendsync.mapper.prices;

import java.util.Locale;

/** A Vend 2.0 price book's {@code restrict_to_platform_key}: which sales channels the book applies to. */
public enum PriceBookPlatform {
    /** "0": every channel. */
    ALL("all", "0"),
    /** "1": the in-store POS only. */
    IN_STORE("in-store", "1"),
    /** "2": e-commerce only. */
    ECOMMERCE("ecommerce", "2");

    private final String settingName;
    private final String vendKey;

    PriceBookPlatform(final String settingName, final String vendKey) {
        this.settingName = settingName;
        this.vendKey = vendKey;
    }

    /** The name used in {@code prices.price-book.platforms}. */
    public String settingName() {
        return settingName;
    }

    public static PriceBookPlatform of(final String settingName) {
        final String name = settingName == null ? "" : settingName.trim().toLowerCase(Locale.ROOT);
        for (final PriceBookPlatform platform : values()) {
            if (platform.settingName.equals(name)) {
                return platform;
            }
        }
        throw new IllegalArgumentException("unknown price book platform '" + settingName + "' (all, in-store, ecommerce)");
    }

    /** The platform of a Vend {@code restrict_to_platform_key}; null or blank reads as all (Vend's default). */
    public static PriceBookPlatform ofVendKey(final String key) {
        if (key == null || key.isBlank()) {
            return ALL;
        }
        for (final PriceBookPlatform platform : values()) {
            if (platform.vendKey.equals(key.trim())) {
                return platform;
            }
        }
        throw new IllegalArgumentException("unknown restrict_to_platform_key '" + key + "' (Vend uses \"0\", \"1\", \"2\")");
    }
}
