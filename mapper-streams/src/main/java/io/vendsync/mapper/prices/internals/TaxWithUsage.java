package io.vendsync.mapper.prices.internals;

import io.vendsync.mapper.vend.VendTax;

/** A Vend tax (live or deleted) with the outlets whose product outlet taxes name it. */
public record TaxWithUsage(VendTax tax, TaxUsage usage) {
}
