package io.vendsync.cli.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.vendsync.cli.reconcile.Mismatch.Area;
import io.vendsync.cli.reconcile.Mismatch.Kind;
import io.vendsync.ingest.publish.ChangeEventFactory;
import io.vendsync.mapper.customers.CustomerDecider;
import io.vendsync.mapper.vend.VendCustomerParser;
import io.vendsync.mapper.customers.CustomerSettings;
import io.vendsync.mapper.customers.CustomerState;
import io.vendsync.mapper.customers.EmailClaim;
import io.vendsync.mapper.customers.EmailClaims;
import io.vendsync.mapper.vend.VendCustomer;
import io.vendsync.schemas.canonical.v1.Customer;
import io.vendsync.sink.customers.CustomerType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Customers by key: which Vend customers should be commercetools customers, and with which email, is decided by the
 * customer mapper's own rules ({@link CustomerDecider}: key prefix, duplicate-email and missing-email policies), applied
 * to the store as Vend returns it; each is looked up by its key. Extra: a customer under vendsync's key prefix whose
 * Vend customer does not exist, and, under {@code customer.delete.policy=delete-created}, a customer vendsync created
 * for a Vend customer deleted since (it should have been erased; a linked one is kept on purpose, and is not judged).
 */
public final class CustomerCheck {

    private CustomerCheck() {
    }

    /**
     * @param since        only Vend customers updated at or after it are judged missing or different (null: all)
     * @param eraseCreated whether a customer vendsync created is deleted with its Vend customer ({@code delete-created})
     */
    public static Comparison compare(final List<JsonNode> vendCustomers, final CustomerSettings settings, final Instant since,
                                     final boolean eraseCreated, final List<CommercetoolsData.Customer> customers) {
        final ChangeEventFactory changes = new ChangeEventFactory("reconcile", Clock.systemUTC());
        final Map<String, VendCustomer> parsed = new LinkedHashMap<>();
        final Map<String, Integer> skipped = new TreeMap<>();
        for (final JsonNode json : vendCustomers) {
            try {
                final VendCustomer customer = VendCustomerParser.customer(json.path("id").asText(),
                        changes.create("customers", "reconcile", json, "reconcile", true).value());
                parsed.put(customer.id(), customer);
            } catch (Exception e) { // the parser's checked InvalidPayloadException, or a record without id/version
                skipped.merge("Vend record the mapper cannot parse", 1, Integer::sum);
            }
        }
        final Map<String, EmailClaims> claims = new TreeMap<>();
        parsed.values().stream().filter(c -> !c.deleted() && c.normalisedEmail() != null).forEach(c -> claims.merge(
                c.normalisedEmail(), new EmailClaims(List.of(new EmailClaim(c.id(), c.createdAtMs()))),
                (a, b) -> a.with(b.claims().get(0))));
        final CustomerDecider decider = new CustomerDecider(settings);
        final Map<String, List<CommercetoolsData.Customer>> byKey = customers.stream().filter(c -> c.key() != null)
                .collect(Collectors.groupingBy(CommercetoolsData.Customer::key));
        final List<Mismatch> mismatches = new ArrayList<>();
        int compared = 0;
        for (final VendCustomer customer : parsed.values()) {
            if (customer.deleted()) {
                final String key = settings.keyPrefix() + customer.id();
                byKey.getOrDefault(key, List.of()).stream().filter(c -> eraseCreated && CustomerType.CREATED.equals(c.origin()))
                        .forEach(c -> mismatches.add(new Mismatch(Area.CUSTOMERS, Kind.EXTRA, null, key, null, "1 customer",
                                "deleted in Vend; vendsync created this customer, so customer.delete.policy=delete-created"
                                        + " should have erased it")));
                continue;
            }
            if (since != null && (customer.updatedAtMs() == null || customer.updatedAtMs() < since.toEpochMilli())) {
                skipped.merge("not updated since " + since, 1, Integer::sum);
                continue;
            }
            final EmailClaims own = customer.normalisedEmail() == null ? null : claims.get(customer.normalisedEmail());
            final Customer desired = decider.decide(customer.id(), new CustomerState(customer, null, null, own, null), 0L).customer();
            if (desired == null || desired.getEmail() == null) {
                // Without an email (none, or unusable) a customer is published only to update one synced before.
                skipped.merge("withheld by the mapper's rules (no usable email, or a duplicate email)", 1, Integer::sum);
                continue;
            }
            compared++;
            final List<CommercetoolsData.Customer> found = byKey.getOrDefault(desired.getKey(), List.of());
            final String emails = found.stream().map(CommercetoolsData.Customer::email).collect(Collectors.joining(", "));
            if (found.isEmpty()) {
                mismatches.add(new Mismatch(Area.CUSTOMERS, Kind.MISSING, null, desired.getKey(), "Vend customer " + customer.id(),
                        null, "no commercetools customer with this key"));
            } else if (found.size() > 1) {
                mismatches.add(new Mismatch(Area.CUSTOMERS, Kind.DUPLICATE, null, desired.getKey(), "1 customer",
                        found.size() + " customers", found.size() + " commercetools customers with one key"));
            } else if (!lower(desired.getEmail()).equals(lower(found.get(0).email()))) {
                // Case-insensitive: commercetools compares emails so (and the mock lower-cases them).
                mismatches.add(new Mismatch(Area.CUSTOMERS, Kind.DIFFERENT, null, desired.getKey(), "Vend's email",
                        "another email", "the email differs from Vend's (values left out: personal data)"));
            }
        }
        final Set<String> known = new HashSet<>(parsed.keySet());
        byKey.keySet().stream().filter(key -> key.startsWith(settings.keyPrefix()))
                .filter(key -> !known.contains(key.substring(settings.keyPrefix().length()))).sorted()
                .forEach(key -> mismatches.add(new Mismatch(Area.CUSTOMERS, Kind.EXTRA, null, key, null,
                        byKey.get(key).size() + " customer(s)", "a customer under vendsync's key whose Vend customer does not exist")));
        return new Comparison(Area.CUSTOMERS, compared, mismatches, skipped);
    }

    private static String lower(final String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }
}
