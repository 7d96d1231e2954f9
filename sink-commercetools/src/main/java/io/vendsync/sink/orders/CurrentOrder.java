package io.vendsync.sink.orders;

import com.commercetools.api.models.order.Order;
import java.util.List;

/**
 * The order of a sale as commercetools holds it, with the ids of the sale's payments: the order's own when it has them
 * all, else found (or created) by their keys, so the diff can add the missing ones.
 */
public record CurrentOrder(Order order, List<String> paymentIds, boolean paymentsMissing) {

    public CurrentOrder {
        paymentIds = List.copyOf(paymentIds);
    }
}
