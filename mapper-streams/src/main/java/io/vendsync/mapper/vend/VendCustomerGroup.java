package io.vendsync.mapper.vend;

import java.util.Locale;

/** A Vend 2.0 customer group; {@code groupId} is Vend's short code ("1111111111" for All Customers). */
public record VendCustomerGroup(String id, String name, String groupId, boolean deleted, long version, long tsMs) {

    /** Vend's group_id of the default group every customer is in. */
    public static final String ALL_CUSTOMERS_GROUP_ID = "1111111111";

    /** The default group: everyone is in it, so it needs no commercetools customer group (for prices or membership). */
    public boolean allCustomers() {
        return ALL_CUSTOMERS_GROUP_ID.equals(groupId)
                || (name != null && name.trim().toLowerCase(Locale.ROOT).equals("all customers"));
    }
}
