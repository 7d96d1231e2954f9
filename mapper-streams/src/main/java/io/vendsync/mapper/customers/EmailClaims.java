package io.vendsync.mapper.customers;

import java.util.ArrayList;
import java.util.List;

/** The live Vend customers sharing one normalised email, oldest first. */
public record EmailClaims(List<EmailClaim> claims) {

    public static final EmailClaims NONE = new EmailClaims(List.of());

    public EmailClaims {
        claims = claims == null ? List.of() : claims.stream().sorted(EmailClaim.OLDEST_FIRST).toList();
    }

    public EmailClaims with(final EmailClaim claim) {
        final List<EmailClaim> next = new ArrayList<>(without(claim.customerId()).claims());
        next.add(claim);
        return new EmailClaims(next);
    }

    public EmailClaims without(final String customerId) {
        return new EmailClaims(claims.stream().filter(c -> !c.customerId().equals(customerId)).toList());
    }

    public List<String> customerIds() {
        return claims.stream().map(EmailClaim::customerId).toList();
    }
}
