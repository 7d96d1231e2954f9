package io.vendsync.sink.customers;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.client.error.ConcurrentModificationException;
import com.commercetools.api.models.customer.Customer;
import com.commercetools.api.models.customer.CustomerSetCustomerGroupActionBuilder;
import com.commercetools.api.models.customer.CustomerUpdate;
import com.commercetools.api.models.customer.CustomerUpdateAction;
import com.commercetools.api.models.customer_group.CustomerGroupResourceIdentifierBuilder;
import io.vendsync.sink.SinkStatistics;
import io.vendsync.sink.internals.CanonicalWriter;
import io.vendsync.sink.internals.CommercetoolsClient;
import io.vendsync.sink.internals.KeyedResolver;
import io.vendsync.sink.internals.SinkWriteException;
import io.vendsync.sink.internals.WriteOutcome;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the commercetools customer of a {@code canonical.customer.v1} record match it, within the field ownership.
 *
 * <p><b>Matching</b>, in this order: the customer with the record's key ({@code customer.key.prefix} + Vend id, which
 * orders use to name their buyer); else the customer an override names ({@code commercetools_customer_id}); else the one
 * customer with the email (as given, or case-folded). A customer found by override or email is <em>linked</em>: given the
 * record's key ({@code setKey}) and origin {@code linked}, never created a second time. Refused and dead-lettered as
 * permanent, never merged or duplicated ({@link CustomerMatchException}): a found customer that already has another key
 * ({@code CUSTOMER_KEY_CONFLICT}: another system or another Vend customer owns it; fix the key in commercetools or link
 * explicitly), two customers with the email ({@code CUSTOMER_AMBIGUOUS}), an override naming no customer.
 *
 * <p><b>Writing</b>: a new customer is created with every field, {@code ExternalAuth} (no password) and the bookkeeping
 * Type ({@link CustomerType}); an existing one is diffed by {@link CustomerActions} (ownership per field; no request when
 * nothing changed, so a replay writes nothing). A record older than the Vend version the customer carries is stale.
 *
 * <p><b>Deletes</b> follow {@link DeletePolicy}: by default a customer vendsync created is deleted (with data erasure), one
 * it only linked is kept (with its key, so past orders still name it).
 */
public final class CustomerWriter implements CanonicalWriter<io.vendsync.schemas.canonical.v1.Customer> {

    private static final Logger LOG = LoggerFactory.getLogger(CustomerWriter.class);

    private final ProjectApiRoot api;
    private final KeyedResolver groups;
    private final FieldOwnership ownership;
    private final DeletePolicy deletePolicy;
    private final int maxConflictRetries;
    private final SinkStatistics statistics;
    private final CustomerStatistics customers;
    private volatile boolean typeEnsured;

    public CustomerWriter(final ProjectApiRoot api, final KeyedResolver groups, final FieldOwnership ownership,
                          final DeletePolicy deletePolicy, final int maxConflictRetries, final SinkStatistics statistics,
                          final CustomerStatistics customers) {
        this.api = Objects.requireNonNull(api, "api");
        this.groups = Objects.requireNonNull(groups, "groups");
        this.ownership = Objects.requireNonNull(ownership, "ownership");
        this.deletePolicy = Objects.requireNonNull(deletePolicy, "deletePolicy");
        if (maxConflictRetries < 0) {
            throw new IllegalArgumentException("maxConflictRetries must be >= 0");
        }
        this.maxConflictRetries = maxConflictRetries;
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        this.customers = Objects.requireNonNull(customers, "customers");
    }

    @Override
    public String entity() {
        return "customer";
    }

    @Override
    public long sourceVersion(final io.vendsync.schemas.canonical.v1.Customer record) {
        return record.getSourceVersion();
    }

    @Override
    public String correlationId(final io.vendsync.schemas.canonical.v1.Customer record) {
        return "customer:" + record.getKey() + "@" + record.getSourceVersion();
    }

    public CustomerStatistics customerStatistics() {
        return customers;
    }

    @Override
    public synchronized WriteOutcome apply(final io.vendsync.schemas.canonical.v1.Customer record) {
        final String correlationId = correlationId(record);
        try {
            final WriteOutcome outcome = write(record, correlationId);
            switch (outcome) {
                case CREATED -> statistics.incrementCreated();
                case UPDATED -> statistics.incrementUpdated();
                case SKIPPED_STALE -> statistics.incrementSkippedStale();
                default -> statistics.incrementUnchanged();
            }
            return outcome;
        } catch (CustomerMatchException e) {
            customers.incrementMatchConflicts();
            throw new SinkWriteException(correlationId, e.getMessage(), e);
        } catch (SinkWriteException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SinkWriteException(correlationId, "cannot apply customer: " + e.getMessage(), e);
        }
    }

    private WriteOutcome write(final io.vendsync.schemas.canonical.v1.Customer record, final String correlationId) {
        if (!typeEnsured) {
            CustomerType.ensurer(api).ensure();
            typeEnsured = true;
        }
        ConcurrentModificationException lastConflict = null;
        for (int attempt = 1; attempt <= maxConflictRetries + 1; attempt++) {
            final Customer byKey = one(query("key = :value", record.getKey(), correlationId, attempt));
            final Long applied = byKey == null ? null : CustomerType.sourceVersion(byKey);
            if (applied != null && record.getSourceVersion() < applied) {
                return WriteOutcome.SKIPPED_STALE;
            }
            if (record.getDeleted()) {
                return delete(byKey, correlationId, attempt);
            }
            final String groupId = record.getCustomerGroupKey() == null ? null : groups.resolve(record.getCustomerGroupKey(), correlationId);
            final Map<String, String> desired = CustomerValues.desired(record, groupId);
            Customer current = byKey;
            String linkKey = null;
            if (current == null) {
                current = findOnline(record, correlationId, attempt);
                if (current == null) {
                    create(record, desired, correlationId, attempt);
                    return WriteOutcome.CREATED;
                }
                linkKey = record.getKey();
            }
            final CustomerPlan plan = CustomerActions.plan(current, record, desired, ownership, linkKey);
            if (plan.actions().isEmpty()) {
                count(plan, record);
                return attempt == 1 ? WriteOutcome.UNCHANGED : WriteOutcome.UPDATED;
            }
            try {
                update(current, plan.actions(), correlationId, attempt);
                count(plan, record);
                if (linkKey != null) {
                    customers.incrementLinked();
                    LOG.info("{}: linked the existing commercetools customer {} (found online) by setting its key", correlationId,
                            current.getId());
                }
                return WriteOutcome.UPDATED;
            } catch (ConcurrentModificationException e) {
                lastConflict = e;
                if (attempt <= maxConflictRetries) {
                    statistics.incrementConflictRetries();
                }
            }
        }
        throw new SinkWriteException(correlationId, "still conflicting (409 ConcurrentModification) after "
                + maxConflictRetries + " retries", lastConflict);
    }

    private void count(final CustomerPlan plan, final io.vendsync.schemas.canonical.v1.Customer record) {
        if (!plan.skippedOverwrites().isEmpty()) {
            customers.addSkippedOverwrites(plan.skippedOverwrites().size());
            LOG.info("customer {}: Vend value not written to {} (field owned by commercetools, or its online edit is newer)",
                    record.getKey(), plan.skippedOverwrites());
        }
        if (!plan.onlineEditsOverwritten().isEmpty()) {
            customers.addOnlineEditsOverwritten(plan.onlineEditsOverwritten().size());
            LOG.info("customer {}: online edit of Vend-owned {} overwritten with Vend's value", record.getKey(),
                    plan.onlineEditsOverwritten());
        }
    }

    /** The customer an override names, else the one with the email; refuses what it cannot link safely. */
    private Customer findOnline(final io.vendsync.schemas.canonical.v1.Customer record, final String correlationId, final int attempt) {
        final Customer found;
        if (record.getCommercetoolsCustomerId() != null) {
            found = one(query("id = :value", record.getCommercetoolsCustomerId(), correlationId, attempt));
            if (found == null) {
                throw new CustomerMatchException(CustomerMatchException.Code.CUSTOMER_LINK_UNKNOWN,
                        "the override for Vend customer " + record.getVendCustomerId() + " names commercetools customer "
                                + record.getCommercetoolsCustomerId() + ", which does not exist",
                        List.of(record.getCommercetoolsCustomerId()), "correct or remove the override on mapping.customer");
            }
        } else if (record.getEmailPlaceholder() || record.getEmail() == null) {
            return null;
        } else {
            final String email = record.getEmail().trim();
            // As given and case-folded: the real API preserves case (whether its where-predicate ignores case is
            // unconfirmed), the local mock lower-cases every stored email.
            final List<Customer> matches = CommercetoolsClient.tag(api.customers().get()
                    .withWhere("email = :given or email = :folded")
                    .withPredicateVar("given", email).withPredicateVar("folded", email.toLowerCase(Locale.ROOT))
                    .withLimit(10), correlationId, attempt).executeBlocking().getBody().getResults();
            if (matches.size() > 1) {
                throw new CustomerMatchException(CustomerMatchException.Code.CUSTOMER_AMBIGUOUS,
                        matches.size() + " commercetools customers have the email of Vend customer " + record.getVendCustomerId(),
                        matches.stream().map(Customer::getId).toList(),
                        "merge or re-email the commercetools customers, or link one explicitly (vendsync mapping import "
                                + "with vend_customer_id,commercetools_customer_id)");
            }
            found = matches.isEmpty() ? null : matches.get(0);
        }
        if (found != null && found.getKey() != null && !found.getKey().equals(record.getKey())) {
            throw new CustomerMatchException(CustomerMatchException.Code.CUSTOMER_KEY_CONFLICT,
                    "commercetools customer " + found.getId() + " matches Vend customer " + record.getVendCustomerId()
                            + " but already has the key '" + found.getKey() + "', not '" + record.getKey() + "'",
                    List.of(found.getId(), found.getKey()),
                    "if it is the same person, set its key to '" + record.getKey() + "' in commercetools; otherwise give one of "
                            + "them another email");
        }
        return found;
    }

    private void create(final io.vendsync.schemas.canonical.v1.Customer record, final Map<String, String> desired,
                        final String correlationId, final int attempt) {
        final Customer created = CommercetoolsClient.tag(api.customers().post(CustomerDrafts.draft(record, desired)), correlationId,
                attempt).executeBlocking().getBody().getCustomer();
        final String group = desired.get(CustomerValues.CUSTOMER_GROUP);
        if (group != null && (created.getCustomerGroup() == null || !group.equals(created.getCustomerGroup().getId()))) {
            // A project (or the local mock) that did not take the group from the draft gets it by update.
            update(created, List.of(CustomerSetCustomerGroupActionBuilder.of()
                    .customerGroup(CustomerGroupResourceIdentifierBuilder.of().id(group).build()).build()), correlationId, attempt);
        }
    }

    private WriteOutcome delete(final Customer current, final String correlationId, final int attempt) {
        if (current == null) {
            return WriteOutcome.UNCHANGED;
        }
        if (deletePolicy == DeletePolicy.KEEP || !CustomerType.CREATED.equals(CustomerType.origin(current))) {
            customers.incrementDeletesKept();
            LOG.info("{}: deleted in Vend; commercetools customer {} kept ({})", correlationId, current.getId(),
                    deletePolicy == DeletePolicy.KEEP ? "customer.delete.policy=keep" : "vendsync only linked it");
            return WriteOutcome.UNCHANGED;
        }
        CommercetoolsClient.tag(api.customers().withId(current.getId()).delete().withVersion(current.getVersion())
                .withDataErasure(true), correlationId, attempt).executeBlocking();
        customers.incrementDeleted();
        return WriteOutcome.UPDATED;
    }

    private void update(final Customer current, final List<CustomerUpdateAction> actions, final String correlationId,
                        final int attempt) {
        CommercetoolsClient.tag(api.customers().withId(current.getId()).post(CustomerUpdate.builder()
                .version(current.getVersion()).actions(actions).build()), correlationId, attempt).executeBlocking();
    }

    private List<Customer> query(final String where, final String value, final String correlationId, final int attempt) {
        return CommercetoolsClient.tag(api.customers().get().withWhere(where).withPredicateVar("value", value).withLimit(10),
                correlationId, attempt).executeBlocking().getBody().getResults();
    }

    /** The mock keeps no key unique: more than one with our key is a bug to surface, not to pick from. */
    private static Customer one(final List<Customer> found) {
        if (found.size() > 1) {
            throw new CustomerMatchException(CustomerMatchException.Code.CUSTOMER_AMBIGUOUS,
                    found.size() + " commercetools customers answer one lookup", found.stream().map(Customer::getId).toList(),
                    "remove the duplicates in commercetools");
        }
        return found.isEmpty() ? null : found.get(0);
    }
}
