package io.vendsync.mapper.internals;

/** One GTIN-14 a live Vend product carries; keyed {@code <gtin>|<product id>}, one row per pair. */
public record ProductGtin(String productId, String gtin) {
}
