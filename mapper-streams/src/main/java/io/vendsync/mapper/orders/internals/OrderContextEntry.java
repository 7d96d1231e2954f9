package io.vendsync.mapper.orders.internals;

/** One change of the order reference data on its way into the {@link OrderContext}; a null channel key is a tombstone. */
public record OrderContextEntry(Kind kind, String id, OrderReference.Outlet outlet, OrderReference.Register register,
                                OrderReference.PaymentType paymentType, OrderReference.Tax tax, OrderReference.Retailer retailer,
                                String channelKey) {

    public enum Kind { OUTLET, CHANNEL, REGISTER, PAYMENT_TYPE, TAX, RETAILER }

    public static OrderContextEntry outlet(final OrderReference.Outlet outlet) {
        return new OrderContextEntry(Kind.OUTLET, outlet.id(), outlet, null, null, null, null, null);
    }

    public static OrderContextEntry channel(final String outletId, final String channelKey) {
        return new OrderContextEntry(Kind.CHANNEL, outletId, null, null, null, null, null, channelKey);
    }

    public static OrderContextEntry register(final OrderReference.Register register) {
        return new OrderContextEntry(Kind.REGISTER, register.id(), null, register, null, null, null, null);
    }

    public static OrderContextEntry paymentType(final OrderReference.PaymentType paymentType) {
        return new OrderContextEntry(Kind.PAYMENT_TYPE, paymentType.id(), null, null, paymentType, null, null, null);
    }

    public static OrderContextEntry tax(final OrderReference.Tax tax) {
        return new OrderContextEntry(Kind.TAX, tax.id(), null, null, null, tax, null, null);
    }

    public static OrderContextEntry retailer(final OrderReference.Retailer retailer) {
        return new OrderContextEntry(Kind.RETAILER, "retailer", null, null, null, null, retailer, null);
    }
}
