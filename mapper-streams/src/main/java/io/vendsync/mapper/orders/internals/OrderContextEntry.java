package io.vendsync.mapper.orders.internals;

import io.vendsync.mapper.vend.VendOutlet;
import io.vendsync.mapper.vend.VendRegister;
import io.vendsync.mapper.vend.VendPaymentType;
import io.vendsync.mapper.vend.VendTax;
import io.vendsync.mapper.vend.VendRetailer;

/** One change of the order reference data on its way into the {@link OrderContext}; a null channel key is a tombstone. */
public record OrderContextEntry(Kind kind, String id, VendOutlet outlet, VendRegister register,
                                VendPaymentType paymentType, VendTax tax, VendRetailer retailer,
                                String channelKey) {

    public enum Kind { OUTLET, CHANNEL, REGISTER, PAYMENT_TYPE, TAX, RETAILER }

    public static OrderContextEntry outlet(final VendOutlet outlet) {
        return new OrderContextEntry(Kind.OUTLET, outlet.id(), outlet, null, null, null, null, null);
    }

    public static OrderContextEntry channel(final String outletId, final String channelKey) {
        return new OrderContextEntry(Kind.CHANNEL, outletId, null, null, null, null, null, channelKey);
    }

    public static OrderContextEntry register(final VendRegister register) {
        return new OrderContextEntry(Kind.REGISTER, register.id(), null, register, null, null, null, null);
    }

    public static OrderContextEntry paymentType(final VendPaymentType paymentType) {
        return new OrderContextEntry(Kind.PAYMENT_TYPE, paymentType.id(), null, null, paymentType, null, null, null);
    }

    public static OrderContextEntry tax(final VendTax tax) {
        return new OrderContextEntry(Kind.TAX, tax.id(), null, null, null, tax, null, null);
    }

    public static OrderContextEntry retailer(final VendRetailer retailer) {
        return new OrderContextEntry(Kind.RETAILER, "retailer", null, null, null, null, retailer, null);
    }
}
