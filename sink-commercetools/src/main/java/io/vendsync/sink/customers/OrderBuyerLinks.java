package io.vendsync.sink.customers;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.client.error.BadRequestException;
import com.commercetools.api.client.error.ConcurrentModificationException;
import com.commercetools.api.models.customer.Customer;
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
    /** Pages per call; what remains is linked the next time a sink process links the customer (logged). */
    static final int MAX_PAGES = 10;

    private static final Logger LOG = LoggerFactory.getLogger(OrderBuyerLinks.class);
    private static final String UNLINKED = "customerId is not defined and custom(fields(" + OrderFields.CUSTOMER_ID + " = :vendCustomerId))";

    private final ProjectApiRoot api;

    OrderBuyerLinks(final ProjectApiRoot api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /**
     * Sets the customer with {@code customerKey} on every order of {@code vendCustomerId} that has none; returns how many.
     * One query when there are none (the usual case); the customer is read only when there are.
     */
    int link(final String vendCustomerId, final String customerKey, final Attempt attempt) {
        int linked = 0;
        String customerId = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            final List<Order> unlinked = attempt.tag(api.orders().get().withWhere(UNLINKED)
                    .withPredicateVar("vendCustomerId", vendCustomerId).withLimit(PAGE).withWithTotal(false))
                    .executeBlocking().getBody().getResults();
            if (unlinked.isEmpty()) {
                return linked;
            }
            if (customerId == null) {
                customerId = customerId(customerKey, attempt);
                if (customerId == null) {
                    return linked; // not in commercetools (refused, or deleted there): nothing to name
                }
            }
            boolean conflicted = false;
            for (final Order order : unlinked) {
                try {
                    attempt.tag(api.orders().withId(order.getId()).post(OrderUpdateBuilder.of().version(order.getVersion())
                            .actions(OrderSetCustomerIdActionBuilder.of().customerId(customerId).build()).build())).executeBlocking();
                    linked++;
                } catch (ConcurrentModificationException e) {
                    conflicted = true; // the order writer changed it meanwhile: read again, with its new version
                } catch (NotFoundException e) {
                    LOG.info("{}: order {} was deleted before its buyer could be set", attempt.correlationId(), order.getId());
                } catch (BadRequestException e) {
                    // One order commercetools will not take the buyer on must not fail the customer's every record.
                    LOG.warn("{}: order {} refused its buyer {}: {}", attempt.correlationId(), order.getId(), customerKey, e.getMessage());
                }
            }
            if (unlinked.size() < PAGE && !conflicted) {
                return linked;
            }
        }
        LOG.info("{}: linked {} order(s) to customer {}; more may remain, linked when this sink next sees the customer",
                attempt.correlationId(), linked, customerKey);
        return linked;
    }

    private String customerId(final String customerKey, final Attempt attempt) {
        final List<Customer> found = attempt.tag(api.customers().get().withWhere("key = :key").withPredicateVar("key", customerKey)
                .withLimit(2)).executeBlocking().getBody().getResults();
        return found.size() == 1 ? found.get(0).getId() : null;
    }
}
