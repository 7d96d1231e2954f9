package io.vendsync.sink.customers;

import com.commercetools.api.models.customer.Customer;
import java.util.List;
import java.util.Map;

/**
 * What the customer writer found for a record: the commercetools customer (null only for a delete of a customer that does
 * not exist), the key to set when it was found online and is being linked, whether it is handed over from a withheld
 * duplicate (its external id is replaced too), and Vend's wanted values with the customer
 * group resolved to its id; {@code newerVersion} is the Vend version the customer carries when it is newer than the
 * record's (the record is then stale), else null.
 *
 * <p>When Vend's email for the customer is one another commercetools customer holds: {@code releases} are the customers
 * vendsync created for other Vend customers that give it up before this update ({@link CustomerActions#release}), and
 * {@code emailHeldBy} the ids of holders that keep it (the customer then keeps its email: {@code desired} says so).
 */
public record CustomerMatch(Customer customer, String linkKey, boolean handOver, Map<String, String> desired, Long newerVersion,
                            List<Customer> releases, List<String> emailHeldBy) {

    public CustomerMatch {
        releases = List.copyOf(releases);
        emailHeldBy = List.copyOf(emailHeldBy);
    }

    CustomerMatch(final Customer customer, final String linkKey, final boolean handOver, final Map<String, String> desired,
                  final Long newerVersion) {
        this(customer, linkKey, handOver, desired, newerVersion, List.of(), List.of());
    }

    static CustomerMatch absent() {
        return new CustomerMatch(null, null, false, Map.of(), null);
    }

    /** This match, releasing {@code holders}' hold on the email first. */
    CustomerMatch releasing(final List<Customer> holders) {
        return new CustomerMatch(customer, linkKey, handOver, desired, newerVersion, holders, List.of());
    }

    /** This match, keeping the customer's email ({@code keepingEmail}) because {@code holderIds} hold Vend's. */
    CustomerMatch emailHeld(final Map<String, String> keepingEmail, final List<String> holderIds) {
        return new CustomerMatch(customer, linkKey, handOver, keepingEmail, newerVersion, List.of(), holderIds);
    }
}
