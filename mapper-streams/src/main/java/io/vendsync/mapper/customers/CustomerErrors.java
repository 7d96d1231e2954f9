package io.vendsync.mapper.customers;

import io.vendsync.mapper.vend.VendCustomer;
import io.vendsync.mapper.internals.ErrorCode;
import io.vendsync.mapper.internals.JsonSerde;
import io.vendsync.schemas.canonical.v1.ValidationError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The customer mapper's reports. Keyed by the Vend customer id; the payload names ids only, never the email, names or
 * addresses: errors.validation is read by operators who need not see personal data (the fix points at Vend).
 */
final class CustomerErrors {

    private CustomerErrors() {
    }

    static ValidationError missingEmail(final CustomerSettings settings, final VendCustomer customer, final String placeholder,
                                        final long detectedTsMs) {
        final String reason = placeholder == null
                ? "Vend customer " + customer.id() + " has no email, which commercetools requires; it is not synced until it has one"
                : "Vend customer " + customer.id() + " has no email, which commercetools requires; it is synced with a placeholder email";
        return error(ErrorCode.CUSTOMER_EMAIL_MISSING, reason, List.of(),
                "Add the customer's email in Vend (customer code " + customer.customerCode() + ").", settings, customer, detectedTsMs);
    }

    static ValidationError invalidEmail(final CustomerSettings settings, final VendCustomer customer, final long detectedTsMs) {
        return error(ErrorCode.CUSTOMER_EMAIL_INVALID, "Vend customer " + customer.id()
                        + " has an email commercetools cannot use (one '@', a domain with a dot, no spaces); it is not synced",
                List.of(), "Correct the customer's email in Vend (customer code " + customer.customerCode() + ").",
                settings, customer, detectedTsMs);
    }

    static ValidationError duplicateEmail(final CustomerSettings settings, final VendCustomer customer, final EmailClaims claims,
                                          final String owner, final long detectedTsMs) {
        final List<String> candidates = claims.customerIds();
        final String reason = owner == null
                ? "Vend customers " + candidates + " share one email; none is synced until only one holds it"
                : "Vend customers " + candidates + " share one email; " + owner + " (the oldest) is synced, " + customer.id()
                        + " is withheld";
        return error(ErrorCode.CUSTOMER_EMAIL_DUPLICATE, reason, candidates,
                "Merge the duplicates in Vend (reassign their sales to one customer, then delete the others), or give each "
                        + "its own email; to link one explicitly to an existing commercetools customer use vendsync mapping import "
                        + "with vend_customer_id,commercetools_customer_id (topic " + settings.linkTopic() + ").",
                settings, customer, detectedTsMs);
    }

    private static ValidationError error(final ErrorCode code, final String reason, final List<String> candidates, final String fix,
                                         final CustomerSettings settings, final VendCustomer customer, final long detectedTsMs) {
        final Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("vend_customer_id", customer.id());
        payload.put("customer_code", customer.customerCode());
        payload.put("version", customer.version());
        return ValidationError.newBuilder()
                .setCode(code.name())
                .setReason(reason)
                .setEntity("customers")
                .setSourceTopic(settings.rawTopic())
                .setSourceKey(customer.id())
                .setSourceVersion(customer.version())
                .setCandidates(candidates)
                .setSuggestedFix(fix)
                .setPayload(JsonSerde.toJson(payload))
                .setDetectedTsMs(detectedTsMs)
                .build();
    }
}
