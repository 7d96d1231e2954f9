package io.vendsync.sink.orders;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.order.Order;
import com.commercetools.api.models.order.OrderUpdate;
import com.commercetools.api.models.order.OrderUpdateAction;
import io.vendsync.sink.internals.SinkWriteException;
import io.vendsync.sink.write.Attempt;
import java.util.List;
import java.util.Objects;

/** The order requests both the order and the return writer make: the order of a Vend sale by its number, and an update. */
final class OrderRequests {

    private final ProjectApiRoot api;

    OrderRequests(final ProjectApiRoot api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /**
     * The order numbered {@code orderNumber}, which must be Vend sale {@code saleId}'s, or null. By a where-query (the mock
     * answers GET order-number=... with 400 once a number is duplicated); an order of another sale under the number is
     * refused (permanent) rather than overwritten.
     */
    Order ofSale(final String orderNumber, final String saleId, final Attempt attempt) {
        final List<Order> found = attempt.tag(api.orders().get().withWhere("orderNumber = :number").withPredicateVar("number", orderNumber)
                .withLimit(2)).executeBlocking().getBody().getResults();
        if (found.isEmpty()) {
            return null;
        }
        final Order order = found.get(0);
        final String owner = OrderActions.saleId(order);
        if (found.size() > 1 || !saleId.equals(owner)) {
            throw new SinkWriteException(attempt.correlationId(), "order number '" + orderNumber + "' is already taken by "
                    + (found.size() > 1 ? found.size() + " orders" : "order " + order.getId() + " of Vend sale " + owner)
                    + "; set orders.number.source=sale-id if the registers share invoice numbers", null);
        }
        return order;
    }

    long update(final Order order, final long version, final List<OrderUpdateAction> actions, final Attempt attempt) {
        return attempt.tag(api.orders().withId(order.getId()).post(OrderUpdate.builder().version(version).actions(actions).build()))
                .executeBlocking().getBody().getVersion();
    }
}
