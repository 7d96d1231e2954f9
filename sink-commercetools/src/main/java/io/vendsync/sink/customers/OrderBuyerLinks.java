package io.vendsync.sink.customers;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.client.error.BadRequestException;
import com.commercetools.api.client.error.ConcurrentModificationException;
import com.commercetools.api.models.order.Order;
import com.commercetools.api.models.order.OrderSetCustomerIdActionBuilder;
import com.commercetools.api.models.order.OrderUpdateBuilder;
import io.vendsync.sink.orders.OrderFields;
import io.vendsync.sink.write.Attempt;
import io.vrap.rmf.base.client.error.NotFoundException;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a customer the orders that were imported before it existed in commercetools. The order writer links a buyer
 * only while records of the sale come (at import, or when the customer mapping's email arrives under the sale's
 * version); a customer the sink creates after the sale's last record would otherwise never be named on its orders.
 * Each order vendsync imports carries the Vend customer id ({@link OrderFields#CUSTOMER_ID}), so the customer's side
 * finds them: every order with that id and no customer gets the customer. An order that already names a customer is
 * never changed.
 */
final class OrderBuyerLinks {

    /** Orders linked per query; a customer with more gets further pages, up to {@link #MAX_PAGES}. */
    static final int PAGE = 50;
    /** Pages per call; when they are all full, the customer is not marked linked, so its next record goes on (logged). */
    static final int MAX_PAGES = 10;

    private static final Logger LOG = LoggerFactory.getLogger(OrderBuyerLinks.class);
    private static final String UNLINKED = "customerId is not defined and custom(fields(" + OrderFields.CUSTOMER_ID + " = :vendCustomerId))";

    private final ProjectApiRoot api;

    OrderBuyerLinks(final ProjectApiRoot api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** How many orders a pass linked, and whether it saw the last of them (false: its pages ran out first). */
    record Result(int linked, boolean complete) {
    }

    /**
     * Sets {@code customerId} on every order of {@code vendCustomerId} that has no customer. One query when there are
     * none.
     */
    Result link(final String vendCustomerId, final String customerId, final Attempt attempt) {
        int linked = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            final List<Order> unlinked = attempt.tag(api.orders().get().withWhere(UNLINKED)
                    .withPredicateVar("vendCustomerId", vendCustomerId).withLimit(PAGE).withWithTotal(false))
                    .executeBlocking().getBody().getResults();
            if (unlinked.isEmpty()) {
                return new Result(linked, true);
            }
            boolean conflicted = false;
            int linkedHere = 0;
            for (final Order order : unlinked) {
                try {
                    attempt.tag(api.orders().withId(order.getId()).post(OrderUpdateBuilder.of().version(order.getVersion())
                            .actions(OrderSetCustomerIdActionBuilder.of().customerId(customerId).build()).build())).executeBlocking();
                    linkedHere++;
                } catch (ConcurrentModificationException e) {
                    conflicted = true; // the order writer changed it meanwhile: read again, with its new version
                } catch (NotFoundException e) {
                    LOG.info("{}: order {} was deleted before its buyer could be set", attempt.correlationId(), order.getId());
                } catch (BadRequestException e) {
                    // One order commercetools will not take the buyer on must not fail the customer's every record.
                    LOG.warn("{}: order {} refused its buyer {}: {}", attempt.correlationId(), order.getId(), customerId, e.getMessage());
                }
            }
            linked += linkedHere;
            if (!conflicted && (unlinked.size() < PAGE || linkedHere == 0)) {
                // The last page, or one of orders that all refused their buyer (logged): the next query would return them again.
                return new Result(linked, true);
            }
        }
        LOG.info("{}: linked {} order(s) to customer {}; more may remain, linked with the customer's next record",
                attempt.correlationId(), linked, customerId);
        return new Result(linked, false);
    }
}
