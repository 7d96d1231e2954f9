package io.vendsync.sink.orders;

import com.commercetools.api.models.order.Order;
import java.util.List;

/**
 * The order of a sale as commercetools holds it, with the ids of the sale's payments: the order's own when it has them
 * all, else found (or created) by their keys, so the diff can add the missing ones. {@code buyerId} is the buyer's
 * commercetools customer when the order has none yet and it exists now; {@code buyerMissing} says the order lacks a
 * buyer the record can give it (that customer, or the buyer's email), so even a record of the version already applied
 * is diffed. {@code buyerChanged}: Vend moved the sale to another customer; {@code buyerId} is then that customer's
 * commercetools customer, or null when it has none.
 */
public record CurrentOrder(Order order, List<String> paymentIds, boolean paymentsMissing, String buyerId, boolean buyerMissing,
                           boolean buyerChanged) {

    public CurrentOrder {
        paymentIds = List.copyOf(paymentIds);
    }

    public CurrentOrder(final Order order, final List<String> paymentIds, final boolean paymentsMissing, final String buyerId,
                        final boolean buyerMissing) {
        this(order, paymentIds, paymentsMissing, buyerId, buyerMissing, false);
    }
}
