package io.vendsync.mapper.customers;

import io.vendsync.mapper.vend.VendCustomer;
import java.util.Comparator;

/** A live Vend customer claiming a normalised email; ordered oldest first (created_at, then id) for the oldest-owns rule. */
public record EmailClaim(String customerId, Long createdAtMs) {

    public static final Comparator<EmailClaim> OLDEST_FIRST = Comparator
            .comparing((EmailClaim c) -> c.createdAtMs() == null ? Long.MAX_VALUE : c.createdAtMs())
            .thenComparing(EmailClaim::customerId);

    static EmailClaim of(final VendCustomer customer) {
        return new EmailClaim(customer.id(), customer.createdAtMs());
    }
}
