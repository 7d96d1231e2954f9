package io.vendsync.sink.orders;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.order.Order;
import com.commercetools.api.models.order.OrderUpdate;
import com.commercetools.api.models.order.OrderUpdateAction;
import com.commercetools.api.models.product.ProductProjection;
import io.vendsync.sink.internals.SinkWriteException;
import io.vendsync.sink.write.Attempt;
import java.util.List;
import java.util.Objects;

/**
 * The requests both the order and the return writer make: the order of a Vend sale by its number, the product of a SKU,
 * and an update.
 */
final class OrderRequests {

    private final ProjectApiRoot api;

    OrderRequests(final ProjectApiRoot api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** Vend sale {@code saleId}'s order (null: none yet) and the number it has, or gets when it is imported. */
    record Numbered(Order order, String number) {
    }

    /**
     * Vend sale {@code saleId}'s order: the one numbered {@code orderNumber} that is the sale's, else, when only other
     * sales' orders hold that number, the one numbered {@link OrderNumbers#whenTaken}. By a where-query (the mock answers GET order-number=...
     * with 400 once a number is duplicated). An order of another sale is never overwritten; should another sale's order
     * hold the fallback number as well, the record is refused (permanent).
     */
    Numbered ofSale(final String orderNumber, final String saleId, final Attempt attempt) {
        final List<Order> found = numbered(orderNumber, attempt);
        if (found.isEmpty()) {
            return new Numbered(null, orderNumber);
        }
        final Order own = found.stream().filter(order -> saleId.equals(OrderActions.saleId(order))).findFirst().orElse(null);
        if (own != null) {
            return new Numbered(own, orderNumber);
        }
        final String apart = OrderNumbers.whenTaken(orderNumber, saleId);
        final List<Order> fallback = numbered(apart, attempt);
        if (fallback.isEmpty()) {
            return new Numbered(null, apart);
        }
        final Order numberedApart = fallback.stream().filter(order -> saleId.equals(OrderActions.saleId(order))).findFirst().orElse(null);
        if (numberedApart != null) {
            return new Numbered(numberedApart, apart);
        }
        throw new SinkWriteException(attempt.correlationId(), "order numbers '" + orderNumber + "' and '" + apart
                + "' are both taken by orders of other Vend sales than " + saleId, null);
    }

    private List<Order> numbered(final String orderNumber, final Attempt attempt) {
        return attempt.tag(api.orders().get().withWhere("orderNumber = :number").withPredicateVar("number", orderNumber)
                .withLimit(2)).executeBlocking().getBody().getResults();
    }

    /** The product (staged: vendsync writes staged data) with a variant of {@code sku}, or null when none has one. */
    ProductProjection productOf(final String sku, final Attempt attempt) {
        final List<ProductProjection> found = attempt.tag(api.productProjections().get().withStaged(true)
                .withWhere("masterVariant(sku = :sku) or variants(sku = :sku)").withPredicateVar("sku", sku).withLimit(1))
                .executeBlocking().getBody().getResults();
        return found.isEmpty() ? null : found.get(0);
    }

    long update(final Order order, final long version, final List<OrderUpdateAction> actions, final Attempt attempt) {
        return attempt.tag(api.orders().withId(order.getId()).post(OrderUpdate.builder().version(version).actions(actions).build()))
                .executeBlocking().getBody().getVersion();
    }
}
