package io.vendsync.sink.customers;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.client.error.BadRequestException;
import com.commercetools.api.client.error.ConcurrentModificationException;
import com.commercetools.api.models.customer.AuthenticationMode;
import com.commercetools.api.models.customer.Customer;
import com.commercetools.api.models.customer.CustomerSetCustomFieldActionBuilder;
import com.commercetools.api.models.customer.CustomerSetCustomerGroupActionBuilder;
import com.commercetools.api.models.customer.CustomerUpdate;
import com.commercetools.api.models.customer.CustomerUpdateAction;
import com.commercetools.api.models.customer_group.CustomerGroupResourceIdentifierBuilder;
import io.vendsync.sink.SinkStatistics;
import io.vendsync.sink.prices.CustomerGroupResolver;
import io.vendsync.sink.internals.MissingReferenceException;
import io.vendsync.sink.internals.WriteOutcome;
import io.vendsync.sink.write.Attempt;
import io.vendsync.sink.write.KnownStates;
import io.vendsync.sink.write.ResourceWriter;
import io.vendsync.sink.write.WriterTemplate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the commercetools customer of a {@code canonical.customer.v1} record match it, within the field ownership; runs on
 * the {@link WriterTemplate}.
 *
 * <p><b>Matching</b> ({@link #find}), in this order: the customer with the record's key ({@code customer.key.prefix} + Vend
 * id, which orders use to name their buyer); else the customer an override names ({@code commercetools_customer_id});
 * else the one whose {@code externalId} is the Vend id; else the one customer with the email, in any letter case
 * ({@code lowercaseEmail}).
 * A customer found by override, external id or email is <em>linked</em>: given the record's key ({@code setKey}) and
 * origin {@code linked}, never created a second time. Every customer written carries the Vend id as its external id
 * when it has none. Refused
 * and dead-lettered as permanent, never merged or duplicated ({@link CustomerMatchException}): a found customer that
 * already has another key ({@code CUSTOMER_KEY_CONFLICT}), two customers with the email ({@code CUSTOMER_AMBIGUOUS}), an
 * override naming no customer ({@code CUSTOMER_LINK_UNKNOWN}). One exception: a customer vendsync created for a Vend
 * duplicate the record's email now withholds ({@code email_duplicate_keys}) is handed over: re-keyed, its external id
 * and fields made the record's, its origin kept {@code created}.
 *
 * <p><b>Emails</b> are unique in a commercetools project, not in Vend, and the mapper publishes a record only for the Vend
 * customer that owns its email. So when an existing customer's record changes its email to one another customer holds
 * (a swap, a corrected typo), a customer vendsync created for another Vend customer gives it up
 * ({@link CustomerActions#releasedEmail}) first, unless it is a password login now or commercetools owns emails; any
 * other holder keeps it, and the record's customer keeps its own email meanwhile, everything else written (counted,
 * logged). A new customer whose email another holds is not created with it (while the mapper's claims settle, a record
 * may name itself owner for a moment, and taking the email then would leave a second customer where the hand-over keeps
 * one): when vendsync created the holder for another Vend customer, the record waits on the retry tiers for that
 * customer's own record (a re-email, a delete) to let the email go, and is dead-lettered after the last; any other
 * holder is {@code CUSTOMER_KEY_CONFLICT} at once.
 *
 * <p><b>Writing</b>: a new customer is created with every field, {@code ExternalAuth} (no password) and the bookkeeping
 * Type ({@link CustomerType}); an existing one is diffed by {@link CustomerActions} (ownership per field; no request when
 * nothing changed, so a replay writes nothing). Only a <em>newer</em> Vend version on the customer makes a record stale:
 * at an equal version the diff still runs, because the mapper republishes a customer at the same Vend version when its
 * group or duplicate status changes.
 *
 * <p><b>Deletes</b> follow {@link DeletePolicy}: by default a customer vendsync created is deleted (with data erasure), one
 * it only linked is kept (with its key, so past orders still name it).
 */
public final class CustomerWriter implements ResourceWriter<io.vendsync.schemas.canonical.v1.Customer, CustomerMatch, CustomerWrite> {

    public static final String ENTITY = "customer";

    private static final Logger LOG = LoggerFactory.getLogger(CustomerWriter.class);
    private static final int ORDERS_LINKED_CAPACITY = 100_000;

    private final ProjectApiRoot api;
    private final CustomerGroupResolver groups;
    private final FieldOwnership ownership;
    private final DeletePolicy deletePolicy;
    private final CustomerStatistics customers;
    private final OrderBuyerLinks orders;
    /**
     * Per customer key, where the link of its orders stands ({@link CustomerType#ORDERS_LINKED}) as last read or written
     * here, so {@link #afterApply} needs no read of its own; a key not remembered is left for its next read.
     */
    private final KnownStates<OrdersLink> ordersLinked = new KnownStates<>(ORDERS_LINKED_CAPACITY);
    /** Customers that cannot keep the mark (no Type of ours, or another application's): linked once per process. */
    private final KnownStates<Boolean> unmarkable = new KnownStates<>(ORDERS_LINKED_CAPACITY);
    private volatile boolean typeEnsured;

    /** Where the link of a customer's orders stands. */
    private enum OrdersLink {
        /** Marked on the customer (or, for one that cannot keep the mark, done in this process). */
        DONE,
        /** Not marked (new, found online, or left so by a crash or a failed link): link, then mark. */
        DUE
    }

    public CustomerWriter(final ProjectApiRoot api, final CustomerGroupResolver groups, final FieldOwnership ownership,
                          final DeletePolicy deletePolicy, final CustomerStatistics customers) {
        this.api = Objects.requireNonNull(api, "api");
        this.groups = Objects.requireNonNull(groups, "groups");
        this.ownership = Objects.requireNonNull(ownership, "ownership");
        this.deletePolicy = Objects.requireNonNull(deletePolicy, "deletePolicy");
        this.customers = Objects.requireNonNull(customers, "customers");
        this.orders = new OrderBuyerLinks(api);
    }

    public static WriterTemplate<io.vendsync.schemas.canonical.v1.Customer, CustomerMatch, CustomerWrite> template(
            final ProjectApiRoot api, final CustomerGroupResolver groups, final FieldOwnership ownership, final DeletePolicy deletePolicy,
            final CustomerStatistics customers, final int maxConflictRetries, final SinkStatistics statistics) {
        return new WriterTemplate<>(new CustomerWriter(api, groups, ownership, deletePolicy, customers), maxConflictRetries,
                statistics);
    }

    public CustomerStatistics customerStatistics() {
        return customers;
    }

    @Override
    public String entity() {
        return ENTITY;
    }

    @Override
    public String key(final io.vendsync.schemas.canonical.v1.Customer record) {
        return record.getKey();
    }

    @Override
    public long sourceVersion(final io.vendsync.schemas.canonical.v1.Customer record) {
        return record.getSourceVersion();
    }

    @Override
    public boolean absoluteState() {
        return true;
    }

    @Override
    public CustomerMatch find(final io.vendsync.schemas.canonical.v1.Customer record, final Attempt attempt) {
        if (!typeEnsured) {
            CustomerType.ensurer(api).ensure();
            typeEnsured = true;
        }
        final Customer byKey = one(query("key = :value", record.getKey(), attempt));
        if (byKey != null) {
            ordersLinked.put(record.getKey(), CustomerType.ordersLinked(byKey) || unmarkable.contains(record.getKey())
                    ? OrdersLink.DONE : OrdersLink.DUE);
        }
        final Long carried = byKey == null ? null : CustomerType.sourceVersion(byKey);
        final Long newer = carried != null && carried > record.getSourceVersion() ? carried : null;
        if (record.getDeleted()) {
            return byKey == null ? CustomerMatch.absent() : new CustomerMatch(byKey, null, false, Map.of(), newer);
        }
        final String groupId = record.getCustomerGroupKey() == null ? null
                // A record older than the customer (a retry tier, a replay) names the group with its old name: not that.
                : groups.resolve(record.getCustomerGroupKey(), newer == null ? record.getCustomerGroupName() : null, attempt.correlationId());
        final Map<String, String> desired = CustomerValues.desired(record, groupId);
        if (byKey != null && record.getEmail() == null) {
            // Withheld by the mapper for its email (none, or unusable): the customer keeps its own, the rest is Vend's.
            return new CustomerMatch(byKey, null, false, keepingEmail(desired, byKey), newer);
        }
        if (byKey != null) {
            return checkEmail(new CustomerMatch(byKey, null, false, desired, newer), record, attempt);
        }
        try {
            final Customer online = findOnline(record, attempt);
            // Found under another key only when handed over from a withheld duplicate: it takes this customer's external id too.
            final boolean handOver = online != null && online.getKey() != null && !online.getKey().equals(record.getKey());
            return online == null ? null : checkEmail(new CustomerMatch(online, record.getKey(), handOver,
                    record.getEmail() == null ? keepingEmail(desired, online) : desired, null), record, attempt);
        } catch (CustomerMatchException e) {
            customers.incrementMatchConflicts();
            throw e;
        }
    }

    /**
     * commercetools keeps an email unique in a project; Vend does not, and a swap or a corrected typo moves an email from
     * one customer to another. When this record's update would change the email to one another customer holds: a
     * customer vendsync created for another Vend customer gives it up just before the update ({@link #beforeUpdate}),
     * since the mapper publishes a record only for the Vend customer that owns its email (the holder's own record, if it
     * still names an email, takes one again); any other holder (a web-shop account, another system's customer) keeps it,
     * and this customer keeps its email, everything else written, until the holder lets go (counted and logged).
     */
    private CustomerMatch checkEmail(final CustomerMatch match, final io.vendsync.schemas.canonical.v1.Customer record,
                                     final Attempt attempt) {
        final String email = CustomerActions.emailChange(CustomerActions.plan(match.customer(), record, match.desired(), ownership,
                match.linkKey(), match.handOver()).actions());
        if (email == null) {
            return match;
        }
        final List<Customer> holders = query("lowercaseEmail = :value", email.trim().toLowerCase(Locale.ROOT), attempt).stream()
                .filter(holder -> !holder.getId().equals(match.customer().getId())).toList();
        if (holders.isEmpty()) {
            return match;
        }
        if (holders.stream().allMatch(holder -> releasable(holder, record.getKey()))) {
            return match.releasing(holders);
        }
        return match.emailHeld(keepingEmail(match.desired(), match.customer()), holders.stream().map(Customer::getId).toList());
    }

    /** {@code desired} with the customer's own email: what vendsync writes then says the email it keeps. */
    private static Map<String, String> keepingEmail(final Map<String, String> desired, final Customer customer) {
        final Map<String, String> keeping = new TreeMap<>(desired);
        keeping.put(CustomerValues.EMAIL, customer.getEmail());
        return keeping;
    }

    /** A record without an email (the mapper withholds the customer) only updates a customer synced before. */
    @Override
    public boolean createsWhenMissing(final io.vendsync.schemas.canonical.v1.Customer record) {
        return record.getEmail() != null;
    }

    /**
     * Whether {@code holder} is a customer vendsync created for another Vend customer than {@code key}'s, whose email is
     * no one's login: not one that got a password online since. (Under email ownership {@code commercetools} no email is
     * changed, so none is released; under {@code newest} the release is recorded as vendsync's own write, so the holder's
     * own record takes an email again.)
     */
    private static boolean releasable(final Customer holder, final String key) {
        return CustomerType.CREATED.equals(CustomerType.origin(holder)) && holder.getKey() != null && !holder.getKey().equals(key)
                && holder.getAuthenticationMode() != AuthenticationMode.PASSWORD;
    }

    /** The customers whose hold on the email this update takes ({@link #checkEmail}) give it up first. */
    @Override
    public void beforeUpdate(final CustomerMatch current, final io.vendsync.schemas.canonical.v1.Customer record,
                             final List<CustomerWrite> writes, final Attempt attempt) {
        release(current.releases(), record, attempt);
    }

    private void release(final List<Customer> holders, final io.vendsync.schemas.canonical.v1.Customer record, final Attempt attempt) {
        for (final Customer holder : holders) {
            post(holder.getId(), holder.getVersion(), CustomerActions.release(holder), attempt);
            customers.incrementEmailsReleased();
            LOG.info("{}: commercetools customer {} ({}) gave up its email to Vend customer {}, which owns it now; it holds {} until "
                    + "its own Vend record names an email", attempt.correlationId(), holder.getId(), holder.getKey(), record.getKey(),
                    CustomerActions.releasedEmail(holder.getKey()));
        }
    }

    /** Only a newer Vend version stops the write (see the class comment); an equal one is diffed. */
    @Override
    public OptionalLong appliedVersion(final CustomerMatch current) {
        return current.newerVersion() == null ? OptionalLong.empty() : OptionalLong.of(current.newerVersion());
    }

    /**
     * The customer's orders imported before it existed get it as their buyer ({@link OrderBuyerLinks}); then the customer
     * carries {@link CustomerType#ORDERS_LINKED}, so the order query (on a field commercetools does not index) is not
     * run for it again, and a replay writes nothing. A customer created or found online links at that record; one a
     * crash or a failed link left unmarked links at its next record (a failed link fails the record, and its retry links
     * again). An order whose import looked for its buyer just before the customer existed and landed just after this
     * pass is covered by the order writer, which looks once more after such an import when the record has the email.
     */
    @Override
    public void afterApply(final io.vendsync.schemas.canonical.v1.Customer record, final WriteOutcome outcome, final Attempt attempt) {
        final String key = record.getKey();
        if (record.getDeleted() || outcome == WriteOutcome.SKIPPED_STALE || ordersLinked.get(key) != OrdersLink.DUE) {
            return;
        }
        final Customer customer = one(query("key = :value", key, attempt));
        if (customer == null) {
            return;
        }
        // Its own orders, and those of the Vend customers withheld as duplicates of its email (the order mapper names it
        // their buyer; an order imported before this customer existed carries the duplicate's Vend id).
        OrderBuyerLinks.Result result = orders.link(record.getVendCustomerId(), customer.getId(), attempt);
        for (final String duplicateId : duplicateVendIds(record)) {
            final OrderBuyerLinks.Result more = orders.link(duplicateId, customer.getId(), attempt);
            result = new OrderBuyerLinks.Result(result.linked() + more.linked(), result.complete() && more.complete());
        }
        if (result.linked() > 0) {
            customers.addOrdersLinked(result.linked());
            LOG.info("{}: {} order(s) imported before the customer existed now name it as their buyer", attempt.correlationId(),
                    result.linked());
        }
        if (result.complete()) {
            markOrdersLinked(customer, attempt);
        }
    }

    /** The Vend ids of the duplicates the record lists (their keys are the record's own key prefix + Vend id). */
    private static List<String> duplicateVendIds(final io.vendsync.schemas.canonical.v1.Customer record) {
        final String key = record.getKey();
        final String id = record.getVendCustomerId();
        if (!key.endsWith(id)) {
            return List.of();
        }
        final String prefix = key.substring(0, key.length() - id.length());
        return record.getEmailDuplicateKeys().stream().filter(k -> k.startsWith(prefix)).map(k -> k.substring(prefix.length())).toList();
    }

    /** Sets {@link CustomerType#ORDERS_LINKED}; a conflict leaves it unset, so the customer's next record links again. */
    private void markOrdersLinked(final Customer customer, final Attempt attempt) {
        final String key = customer.getKey();
        if (customer.getCustom() == null) {
            cannotMark(key); // no Type to hold the mark
            return;
        }
        try {
            post(customer.getId(), customer.getVersion(), List.of(CustomerSetCustomFieldActionBuilder.of()
                    .name(CustomerType.ORDERS_LINKED).value(true).build()), attempt);
            ordersLinked.put(key, OrdersLink.DONE);
        } catch (ConcurrentModificationException e) {
            ordersLinked.forget(key); // changed meanwhile: its next read tells
        } catch (BadRequestException e) {
            LOG.warn("{}: cannot mark customer {} as having its orders linked (another application's Type?): {}",
                    attempt.correlationId(), key, e.getMessage());
            cannotMark(key);
        }
    }

    /** A customer that cannot keep the mark is linked once per process. */
    private void cannotMark(final String key) {
        unmarkable.put(key, Boolean.TRUE);
        ordersLinked.put(key, OrdersLink.DONE);
    }

    @Override
    public void create(final io.vendsync.schemas.canonical.v1.Customer record, final Attempt attempt) {
        final Map<String, String> desired = CustomerValues.desired(record, record.getCustomerGroupKey() == null ? null
                : groups.resolve(record.getCustomerGroupKey(), record.getCustomerGroupName(), attempt.correlationId()));
        final Customer created = attempt.tag(api.customers().post(CustomerDrafts.draft(record, desired))).executeBlocking()
                .getBody().getCustomer();
        ordersLinked.put(record.getKey(), OrdersLink.DUE);
        final String group = desired.get(CustomerValues.CUSTOMER_GROUP);
        if (group != null && (created.getCustomerGroup() == null || !group.equals(created.getCustomerGroup().getId()))) {
            // A project (or the local mock) that did not take the group from the draft gets it by update.
            post(created.getId(), created.getVersion(), List.of(CustomerSetCustomerGroupActionBuilder.of()
                    .customerGroup(CustomerGroupResourceIdentifierBuilder.of().id(group).build()).build()), attempt);
        }
    }

    @Override
    public List<CustomerWrite> diff(final CustomerMatch current, final io.vendsync.schemas.canonical.v1.Customer record) {
        if (current.customer() == null) {
            return List.of();
        }
        if (record.getDeleted()) {
            return deletion(current.customer(), record);
        }
        final CustomerPlan plan = CustomerActions.plan(current.customer(), record, current.desired(), ownership, current.linkKey(),
                current.handOver());
        count(plan, record);
        if (!current.emailHeldBy().isEmpty()) {
            // Counted per diff (a 409 re-read diffs again): whether or not anything else is written, the email was held.
            customers.incrementEmailsHeld();
            LOG.warn("customer {}: Vend's email not written, commercetools customer(s) {} hold it and are not vendsync's to change "
                    + "(a web-shop login, a customer vendsync did not create, or an email commercetools owns); the rest is written, "
                    + "and the email is tried again with the customer's next record", record.getKey(), current.emailHeldBy());
        }
        return plan.actions().stream().map(CustomerWrite::new).toList();
    }

    private List<CustomerWrite> deletion(final Customer customer, final io.vendsync.schemas.canonical.v1.Customer record) {
        if (deletePolicy == DeletePolicy.DELETE_CREATED && CustomerType.CREATED.equals(CustomerType.origin(customer))) {
            return List.of(CustomerWrite.DELETE);
        }
        customers.incrementDeletesKept();
        LOG.info("customer {}: deleted in Vend; commercetools customer {} kept ({})", record.getKey(), customer.getId(),
                deletePolicy == DeletePolicy.KEEP ? "customer.delete.policy=keep" : "vendsync only linked it");
        return List.of();
    }

    @Override
    public long version(final CustomerMatch current) {
        return current.customer().getVersion();
    }

    @Override
    public long update(final CustomerMatch current, final long version, final List<CustomerWrite> writes, final Attempt attempt) {
        final Customer customer = current.customer();
        if (writes.stream().anyMatch(CustomerWrite::isDelete)) {
            attempt.tag(api.customers().withId(customer.getId()).delete().withVersion(version).withDataErasure(true)).executeBlocking();
            customers.incrementDeleted();
            return version;
        }
        final long next = post(customer.getId(), version, writes.stream().map(CustomerWrite::action).toList(), attempt);
        if (current.linkKey() != null) {
            ordersLinked.put(current.linkKey(), OrdersLink.DUE);
            customers.incrementLinked();
            LOG.info("{}: linked the existing commercetools customer {} (found online) by setting its key", attempt.correlationId(),
                    customer.getId());
        }
        return next;
    }

    private long post(final String id, final long version, final List<CustomerUpdateAction> actions, final Attempt attempt) {
        return attempt.tag(api.customers().withId(id).post(CustomerUpdate.builder().version(version).actions(actions).build()))
                .executeBlocking().getBody().getVersion();
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

    /**
     * The customer an override names, else the one whose external id is the Vend id, else the one with the email; refuses
     * what it cannot link safely.
     */
    private Customer findOnline(final io.vendsync.schemas.canonical.v1.Customer record, final Attempt attempt) {
        Customer found;
        boolean byEmail = false;
        if (record.getCommercetoolsCustomerId() != null) {
            found = one(query("id = :value", record.getCommercetoolsCustomerId(), attempt));
            if (found == null) {
                throw new CustomerMatchException(CustomerMatchException.Code.CUSTOMER_LINK_UNKNOWN,
                        "the override for Vend customer " + record.getVendCustomerId() + " names commercetools customer "
                                + record.getCommercetoolsCustomerId() + ", which does not exist",
                        List.of(record.getCommercetoolsCustomerId()), "correct or remove the override on mapping.customer");
            }
        } else if ((found = one(query("externalId = :value", record.getVendCustomerId(), attempt))) != null) {
            // Another tool (or an import) already made this Vend customer, naming it by its Vend id: that is the customer.
            LOG.debug("{}: Vend customer {} found online by its external id", attempt.correlationId(), record.getVendCustomerId());
        } else if (record.getEmailPlaceholder() || record.getEmail() == null) {
            return null;
        } else {
            // commercetools keeps an email's letter case; lowercaseEmail is the field its docs name for a search that ignores it.
            final List<Customer> matches = query("lowercaseEmail = :value", record.getEmail().trim().toLowerCase(Locale.ROOT), attempt);
            byEmail = true;
            if (matches.size() > 1) {
                throw new CustomerMatchException(CustomerMatchException.Code.CUSTOMER_AMBIGUOUS,
                        matches.size() + " commercetools customers have the email of Vend customer " + record.getVendCustomerId(),
                        matches.stream().map(Customer::getId).toList(),
                        "merge or re-email the commercetools customers, or link one explicitly (vendsync mapping import "
                                + "with vend_customer_id,commercetools_customer_id)");
            }
            found = matches.isEmpty() ? null : matches.get(0);
        }
        if (found != null && found.getKey() != null && !found.getKey().equals(record.getKey()) && handedOver(found, record)) {
            LOG.info("{}: commercetools customer {} was created for Vend customer key {}, which this one's email now withholds as a "
                    + "duplicate: handed over to {}", attempt.correlationId(), found.getId(), found.getKey(), record.getKey());
            return found;
        }
        if (found != null && found.getKey() != null && !found.getKey().equals(record.getKey()) && byEmail
                && CustomerType.CREATED.equals(CustomerType.origin(found))) {
            // Made by vendsync for another Vend customer, whose own record (a re-email, a delete) may be on its way in
            // parallel: wait on the retry tiers for it to let the email go; dead-lettered after the last one if it never does.
            throw new MissingReferenceException(attempt.correlationId() + ": commercetools customer " + found.getId() + " ("
                    + found.getKey() + "), which vendsync created for another Vend customer, still holds the email of Vend customer "
                    + record.getVendCustomerId() + "; waiting for it to give it up");
        }
        if (found != null && found.getKey() != null && !found.getKey().equals(record.getKey())) {
            throw new CustomerMatchException(CustomerMatchException.Code.CUSTOMER_KEY_CONFLICT,
                    "commercetools customer " + found.getId() + " matches Vend customer " + record.getVendCustomerId()
                            + " but already has the key '" + found.getKey() + "', not '" + record.getKey() + "'",
                    List.of(found.getId(), found.getKey()),
                    "if it is the same person, set its key to '" + record.getKey() + "' in commercetools; otherwise give one of "
                            + "them another email (or, when it was found by external id, clear or correct its externalId)");
        }
        return found;
    }

    /**
     * Whether {@code found} is a customer vendsync created for a Vend customer the record's email now withholds as a
     * duplicate (published while it was alone, before the older owner was read): it becomes the owner's.
     */
    private static boolean handedOver(final Customer found, final io.vendsync.schemas.canonical.v1.Customer record) {
        return record.getEmailDuplicateKeys().contains(found.getKey()) && CustomerType.CREATED.equals(CustomerType.origin(found));
    }

    private List<Customer> query(final String where, final String value, final Attempt attempt) {
        return attempt.tag(api.customers().get().withWhere(where).withPredicateVar("value", value).withLimit(10))
                .executeBlocking().getBody().getResults();
    }

    /** The mock keeps no key unique: more than one answer to a key or id lookup is surfaced, not picked from. */
    private static Customer one(final List<Customer> found) {
        if (found.size() > 1) {
            throw new CustomerMatchException(CustomerMatchException.Code.CUSTOMER_AMBIGUOUS,
                    found.size() + " commercetools customers answer one lookup", found.stream().map(Customer::getId).toList(),
                    "remove the duplicates in commercetools");
        }
        return found.isEmpty() ? null : found.get(0);
    }
}
