package io.vendsync.mapper.customers;

import io.vendsync.mapper.vend.VendCustomer;
import io.vendsync.mapper.vend.VendCustomerGroup;

/**
 * A Vend customer with what it is decided against: its link override, its group, the claims on its email, and the
 * store's country (the retailer's, an address's fallback; null until the retailer is read).
 */
public record CustomerState(VendCustomer customer, String linkedCustomerId, VendCustomerGroup group, EmailClaims claims,
                            String storeCountry) {

    public CustomerState withGroup(final VendCustomerGroup next) {
        return new CustomerState(customer, linkedCustomerId, next, claims, storeCountry);
    }

    public CustomerState withClaims(final EmailClaims next) {
        return new CustomerState(customer, linkedCustomerId, group, next, storeCountry);
    }

    public CustomerState withStoreCountry(final String next) {
        return new CustomerState(customer, linkedCustomerId, group, claims, next);
    }

    /** The foreign key of the claims join; null (joins nothing) for a deleted customer or one without a usable email. */
    public String claimKey() {
        return customer.deleted() ? null : Emails.claimKey(customer.normalisedEmail());
    }
}
