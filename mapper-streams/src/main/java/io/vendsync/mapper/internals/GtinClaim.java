package io.vendsync.mapper.internals;

/**
 * A claimant starting ({@code claimed}) or ceasing to carry the GTIN the record is keyed by: a Vend product id, or a
 * commercetools SKU for the catalog's GTIN index.
 */
public record GtinClaim(String productId, boolean claimed) {
}
