package io.vendsync.mapper.orders.internals;

/**
 * A sale with its products' resolutions, the slice of the reference data it refers to and, for a return, the family of
 * its original sale (null otherwise): all an order is made from.
 */
public record SaleInContext(VendSale sale, SaleSkus skus, OrderContext context, SaleFamily family) {

    public SaleInContext(final VendSale sale, final SaleSkus skus, final OrderContext context) {
        this(sale, skus, context, null);
    }

    public SaleInContext withFamily(final SaleFamily family) {
        return new SaleInContext(sale, skus, context, family);
    }

    public SaleInContext {
        skus = skus == null ? SaleSkus.NONE : skus;
        context = context == null ? OrderContext.EMPTY : context;
    }
}
