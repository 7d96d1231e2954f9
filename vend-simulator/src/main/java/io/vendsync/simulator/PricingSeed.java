package io.vendsync.simulator;

/**
 * The ids {@link VendSimulator#seedPricing} created: the Australian outlet and its tax, the dated e-commerce sale book,
 * the in-store-only book and the book bound to the Australian outlet.
 */
public record PricingSeed(String auOutletId, String auTaxId, String saleBookId, String inStoreBookId, String auOutletBookId) {
}
