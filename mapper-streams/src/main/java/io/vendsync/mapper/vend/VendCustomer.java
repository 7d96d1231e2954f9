package io.vendsync.mapper.vend;

import io.vendsync.mapper.customers.Emails;
import java.util.Map;

/**
 * A Vend 2.0 customer as read from {@code raw.vend.customers} (reference 5.7). Text fields are trimmed, blank reads as
 * null. {@code createdAtMs} orders duplicate claimants (the oldest owns an email); {@code updatedAtMs} is when it last
 * changed in Vend.
 */
public record VendCustomer(String id, String customerCode, String email, String firstName, String lastName, String companyName,
                           String phone, String mobile, String dateOfBirth, String address1, String address2, String suburb,
                           String city, String postcode, String state, String countryId, Boolean doNotEmail, String groupId,
                           Map<String, String> customFields, Long createdAtMs, Long updatedAtMs, boolean deleted, long version) {

    public VendCustomer {
        customFields = customFields == null ? Map.of() : Map.copyOf(customFields);
    }

    /** The {@code customer_code} of the placeholder customer Vend puts on every sale made without one. */
    public static final String WALK_IN_CODE = "WALKIN";

    /**
     * Vend's walk-in customer: every store has one (customer_code {@code WALKIN}, no name, no email; the official
     * vend-cli's govend {@code customer.go} shows it in {@code GET /api/2.0/customers}, and the documented
     * {@code sale.update} example payload attaches it to an anonymous sale). It stands for "no customer", not a person.
     */
    public boolean walkIn() {
        return WALK_IN_CODE.equalsIgnoreCase(customerCode) && normalisedEmail() == null;
    }

    /** The trimmed, case-folded email; null when Vend has none. */
    public String normalisedEmail() {
        return Emails.normalise(email);
    }
}
