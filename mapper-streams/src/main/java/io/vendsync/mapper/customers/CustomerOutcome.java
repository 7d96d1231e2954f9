package io.vendsync.mapper.customers;

import io.vendsync.schemas.canonical.v1.Customer;
import io.vendsync.schemas.canonical.v1.ValidationError;
import java.util.List;

/** The decision on one Vend customer: the record to publish (null when withheld) and what to report. */
public record CustomerOutcome(Customer customer, List<ValidationError> errors) {

    public CustomerOutcome {
        errors = List.copyOf(errors);
    }

    /** What downstream sees, without the detection time, so a re-decision that changes nothing is not re-published. */
    public String fingerprint() {
        return (customer == null ? "-" : customer.toString()) + "|"
                + errors.stream().map(e -> e.getCode() + ":" + e.getCandidates() + ":" + e.getReason()).toList();
    }
}
