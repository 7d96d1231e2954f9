package io.vendsync.mapper.customers;

import io.vendsync.mapper.vend.VendCustomer;
import io.vendsync.mapper.vend.VendCustomerGroup;

/** A Vend customer with what it is decided against: its link override, its group and the claims on its email. */
public record CustomerState(VendCustomer customer, String linkedCustomerId, VendCustomerGroup group, EmailClaims claims) {

    public CustomerState withGroup(final VendCustomerGroup next) {
        return new CustomerState(customer, linkedCustomerId, next, claims);
    }

    public CustomerState withClaims(final EmailClaims next) {
        return new CustomerState(customer, linkedCustomerId, group, next);
    }

    /** The foreign key of the claims join; null (joins nothing) for a deleted customer or one without a usable email. */
    public String claimKey() {
        return customer.deleted() ? null : Emails.claimKey(customer.normalisedEmail());
    }
}
