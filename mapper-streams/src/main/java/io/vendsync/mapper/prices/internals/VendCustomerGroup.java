package io.vendsync.mapper.prices.internals;

import java.util.Locale;

/** A Vend 2.0 customer group; {@code groupId} is Vend's short code ("1111111111" for All Customers). */
public record VendCustomerGroup(String id, String name, String groupId, boolean deleted, long version, long tsMs) {

    /** Vend's group_id of the default group every customer is in. */
    public static final String ALL_CUSTOMERS_GROUP_ID = "1111111111";

    /** The default group: a price for it is a price for everyone, so it gets no commercetools customer group. */
    public boolean allCustomers() {
        return ALL_CUSTOMERS_GROUP_ID.equals(groupId)
                || (name != null && name.trim().toLowerCase(Locale.ROOT).equals("all customers"));
    }
}
