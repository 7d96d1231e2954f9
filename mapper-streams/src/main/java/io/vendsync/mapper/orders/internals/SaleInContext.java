package io.vendsync.mapper.orders.internals;

/** A sale with its products' resolutions and the slice of the reference data it refers to: all an order is made from. */
public record SaleInContext(VendSale sale, SaleSkus skus, OrderContext context) {

    public SaleInContext {
        skus = skus == null ? SaleSkus.NONE : skus;
        context = context == null ? OrderContext.EMPTY : context;
    }
}
