package io.vendsync.mapper.orders.internals;

import io.vendsync.mapper.vend.VendSale;

/**
 * A sale with its products' resolutions, the slice of the reference data it refers to, for a return the family of its
 * original sale, the buyer's email as the customer mapping has it, and the customer owning the buyer's email when the
 * buyer is a withheld duplicate (each null when there is none): all an order is made from.
 */
public record SaleInContext(VendSale sale, SaleSkus skus, OrderContext context, SaleFamily family, String buyerEmail,
                            BuyerOwner buyerOwner) {

    public SaleInContext(final VendSale sale, final SaleSkus skus, final OrderContext context) {
        this(sale, skus, context, null, null, null);
    }

    public SaleInContext withFamily(final SaleFamily family) {
        return new SaleInContext(sale, skus, context, family, buyerEmail, buyerOwner);
    }

    /** For a return of an exchange: the exchange, as the original of its family (see {@link SaleFamily#orOriginal}). */
    public SaleInContext withExchangeOriginal(final SaleFamily.Member exchange) {
        return exchange == null ? this : withFamily((family == null ? SaleFamily.EMPTY : family).orOriginal(exchange));
    }

    public SaleInContext withBuyerEmail(final String email) {
        return new SaleInContext(sale, skus, context, family, email, buyerOwner);
    }

    public SaleInContext withBuyerOwner(final BuyerOwner owner) {
        return new SaleInContext(sale, skus, context, family, buyerEmail, owner);
    }

    public SaleInContext {
        skus = skus == null ? SaleSkus.NONE : skus;
        context = context == null ? OrderContext.EMPTY : context;
    }
}
