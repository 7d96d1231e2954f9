package io.vendsync.mapper.prices.internals;

import io.vendsync.mapper.vend.VendOutlet;
import io.vendsync.mapper.vend.VendPriceBook;
import io.vendsync.mapper.vend.VendTax;
import io.vendsync.mapper.vend.VendRetailer;
import io.vendsync.mapper.vend.VendCustomerGroup;

/**
 * One change of the pricing reference data, on its way into the {@link PricingContext}: the kind, the id, and the new
 * value of that kind (a deleted object too: its version still counts), or no value when an override was tombstoned.
 */
public record ContextEntry(Kind kind, String id, VendOutlet outlet, VendTax tax, VendPriceBook book, VendCustomerGroup group,
                           VendRetailer retailer, String channelKey) {

    public enum Kind { OUTLET, TAX, PRICE_BOOK, CUSTOMER_GROUP, RETAILER, CHANNEL_OVERRIDE }

    public static ContextEntry outlet(final String id, final VendOutlet outlet) {
        return new ContextEntry(Kind.OUTLET, id, outlet, null, null, null, null, null);
    }

    public static ContextEntry tax(final String id, final VendTax tax) {
        return new ContextEntry(Kind.TAX, id, null, tax, null, null, null, null);
    }

    public static ContextEntry book(final String id, final VendPriceBook book) {
        return new ContextEntry(Kind.PRICE_BOOK, id, null, null, book, null, null, null);
    }

    public static ContextEntry group(final String id, final VendCustomerGroup group) {
        return new ContextEntry(Kind.CUSTOMER_GROUP, id, null, null, null, group, null, null);
    }

    public static ContextEntry retailer(final VendRetailer retailer) {
        return new ContextEntry(Kind.RETAILER, retailer.id(), null, null, null, null, retailer, null);
    }

    public static ContextEntry channelOverride(final String outletId, final String channelKey) {
        return new ContextEntry(Kind.CHANNEL_OVERRIDE, outletId, null, null, null, null, null, channelKey);
    }
}
