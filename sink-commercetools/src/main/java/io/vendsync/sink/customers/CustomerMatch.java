package io.vendsync.sink.customers;

import com.commercetools.api.models.customer.Customer;
import java.util.Map;

/**
 * What the customer writer found for a record: the commercetools customer (null only for a delete of a customer that does
 * not exist), the key to set when it was found online and is being linked, whether it is handed over from a withheld
 * duplicate (its external id is replaced too), and Vend's wanted values with the customer
 * group resolved to its id; {@code newerVersion} is the Vend version the customer carries when it is newer than the
 * record's (the record is then stale), else null.
 */
public record CustomerMatch(Customer customer, String linkKey, boolean handOver, Map<String, String> desired, Long newerVersion) {

    static CustomerMatch absent() {
        return new CustomerMatch(null, null, false, Map.of(), null);
    }
}
