package io.vendsync.sink.customers;

import com.commercetools.api.models.customer.CustomerUpdateAction;

/**
 * One change the customer writer sends: an update action, or the deletion of the customer (a Vend delete under
 * {@link DeletePolicy#DELETE_CREATED}), so a delete goes through the same template (per-key lock, 409 re-read) as an update.
 *
 * @param action the update action; null for the delete
 */
public record CustomerWrite(CustomerUpdateAction action) {

    public static final CustomerWrite DELETE = new CustomerWrite(null);

    public boolean isDelete() {
        return action == null;
    }
}
