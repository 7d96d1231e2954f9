package io.vendsync.simulator;

import java.math.BigDecimal;

/**
 * The simulated store: a tax-inclusive New Zealand retailer, the most common Vend setup, with 15 % GST
 * as the default tax used to derive {@code price_including_tax}.
 */
record RetailerProfile(
        String id,
        String domainPrefix,
        String name,
        String timeZone,
        String country,
        String currencyCode,
        String currencySymbol,
        BigDecimal defaultTaxRate,
        String defaultTaxId,
        String allCustomersGroupId) {
}
