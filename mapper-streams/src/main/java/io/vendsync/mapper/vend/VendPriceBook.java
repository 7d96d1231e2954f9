package io.vendsync.mapper.vend;

/**
 * A Vend 2.0 price book. {@code validFromMs}/{@code validUntilMs} are epoch millis (null: unbounded); {@code platformKey}
 * is {@code restrict_to_platform_key} as Vend sent it.
 */
public record VendPriceBook(String id, String name, String type, String customerGroupId, String outletId, Long validFromMs,
                            Long validUntilMs, String platformKey, boolean deleted, long version, long tsMs) {

    public boolean dated() {
        return validFromMs != null || validUntilMs != null;
    }
}
