package io.vendsync.mapper.internals;

/** A product starting ({@code claimed}) or ceasing to carry the GTIN the record is keyed by. */
public record GtinClaim(String productId, boolean claimed) {
}
