package io.vendsync.mapper.customers;

import io.vendsync.mapper.internals.CountryCodes;
import io.vendsync.mapper.vend.VendCustomer;
import io.vendsync.mapper.vend.VendCustomerGroup;
import io.vendsync.schemas.canonical.v1.Customer;
import io.vendsync.schemas.canonical.v1.CustomerAddress;
import io.vendsync.schemas.canonical.v1.ValidationError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides what one Vend customer becomes: the canonical record (or none, when a rule withholds it) and the reports.
 * <ul>
 *   <li>Vend's walk-in customer (customer_code WALKIN, no email): nothing published, nothing reported.</li>
 *   <li>Deleted: published with {@code deleted=true} and no personal fields (the sink applies its delete policy).</li>
 *   <li>No email: {@link MissingEmailPolicy}; an email commercetools cannot use: withheld, reported. Withheld means
 *       published without an email: the sink creates no customer without one, and updates one it synced before.</li>
 *   <li>Email shared with other live customers (trimmed, case-folded): {@link DuplicateEmailPolicy}.</li>
 *   <li>Group: {@code customer.group.key.prefix} + Vend group id, none for the default All Customers group (known by its
 *       group record) or a deleted group. A group not read yet gets its derived key, as the price scopes do, and its
 *       name once it is read.</li>
 *   <li>Address: Vend's, in the store's (the retailer's) country when the customer has an address, phone or mobile and
 *       Vend gives no country.</li>
 * </ul>
 */
public final class CustomerDecider {

    private final CustomerSettings settings;

    public CustomerDecider(final CustomerSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public CustomerOutcome decide(final String customerId, final CustomerState state, final long detectedTsMs) {
        final VendCustomer customer = state.customer();
        final String key = settings.keyPrefix() + customer.id();
        if (customer.deleted()) {
            return new CustomerOutcome(Customer.newBuilder().setKey(key).setVendCustomerId(customer.id()).setDeleted(true)
                    .setCustomerCode(customer.customerCode()).setSourceVersion(customer.version())
                    .setSourceUpdatedAtMs(customer.updatedAtMs()).build(), List.of());
        }
        if (customer.walkIn()) {
            // Not a person: no commercetools customer (a placeholder email would pin every anonymous sale on one
            // customer), and nothing to fix in Vend, so nothing reported either.
            return new CustomerOutcome(null, List.of());
        }
        final List<ValidationError> errors = new ArrayList<>();
        final List<String> duplicateKeys = new ArrayList<>();
        final String normalised = customer.normalisedEmail();
        String email = customer.email();
        boolean placeholder = false;
        if (normalised == null) {
            if (settings.missingPolicy() == MissingEmailPolicy.WITHHOLD) {
                return withoutEmail(key, customer, state, CustomerErrors.missingEmail(settings, customer, null, detectedTsMs));
            }
            email = key + "@" + settings.placeholderDomain();
            placeholder = true;
            errors.add(CustomerErrors.missingEmail(settings, customer, email, detectedTsMs));
        } else if (!Emails.usable(normalised)) {
            return withoutEmail(key, customer, state, CustomerErrors.invalidEmail(settings, customer, detectedTsMs));
        } else {
            // The claims may not include this customer yet (the claim and this record travel different paths): count it in.
            final EmailClaims claims = (state.claims() == null ? EmailClaims.NONE : state.claims()).with(EmailClaim.of(customer));
            if (claims.claims().size() > 1) {
                final String owner = settings.duplicatePolicy() == DuplicateEmailPolicy.OLDEST_OWNS
                        ? claims.claims().get(0).customerId() : null;
                if (!customer.id().equals(owner)) {
                    return new CustomerOutcome(null, List.of(CustomerErrors.duplicateEmail(settings, customer, claims, owner, detectedTsMs)));
                }
                // The owner names the duplicates it withholds: one published before this customer was read is handed over.
                claims.customerIds().stream().filter(id -> !id.equals(owner)).forEach(id -> duplicateKeys.add(settings.keyPrefix() + id));
            }
        }
        return new CustomerOutcome(record(key, customer, email, placeholder, state, duplicateKeys), errors);
    }

    /**
     * A customer without an email commercetools can use, withheld: reported, and published without an email, so the sink
     * creates no customer for it but one synced before (whose email Vend has since removed or broken) keeps getting Vend's
     * other changes, an opt-out among them, and keeps its email.
     */
    private CustomerOutcome withoutEmail(final String key, final VendCustomer customer, final CustomerState state,
                                         final ValidationError report) {
        return new CustomerOutcome(record(key, customer, null, false, state, List.of()), List.of(report));
    }

    private Customer record(final String key, final VendCustomer customer, final String email, final boolean placeholder,
                            final CustomerState state, final List<String> duplicateKeys) {
        return Customer.newBuilder()
                .setKey(key)
                .setVendCustomerId(customer.id())
                .setCustomerCode(customer.customerCode())
                .setDeleted(false)
                .setEmail(email)
                .setEmailPlaceholder(placeholder)
                .setCommercetoolsCustomerId(state.linkedCustomerId())
                .setFirstName(customer.firstName())
                .setLastName(customer.lastName())
                .setCompanyName(customer.companyName())
                .setDateOfBirth(customer.dateOfBirth())
                .setPhone(customer.phone())
                .setMobile(customer.mobile())
                .setAddress(address(customer, state.storeCountry()))
                .setMarketingConsent(customer.doNotEmail() == null ? null : !customer.doNotEmail())
                .setCustomerGroupKey(groupKey(customer, state.group()))
                .setCustomerGroupName(groupName(customer, state.group()))
                .setCustomFields(new java.util.TreeMap<>(customer.customFields()))
                .setSourceVersion(customer.version())
                .setSourceUpdatedAtMs(customer.updatedAtMs())
                .setEmailDuplicateKeys(List.copyOf(duplicateKeys))
                .build();
    }

    /** The Vend name of the group {@link #groupKey} names; null when it names none or the group is not read yet. */
    private String groupName(final VendCustomer customer, final VendCustomerGroup group) {
        return groupKey(customer, group) == null || group == null || group.name() == null || group.name().isBlank()
                ? null : group.name().trim();
    }

    private String groupKey(final VendCustomer customer, final VendCustomerGroup group) {
        if (customer.groupId() == null) {
            return null;
        }
        if (group != null && (group.deleted() || group.allCustomers())) {
            return null;
        }
        return settings.groupKeyPrefix() + customer.groupId();
    }

    /**
     * Vend's address, in the store's country when Vend gives none: commercetools keeps no address without a country, and
     * the customer's phone and mobile live on the address, so a customer with a phone and no country would lose both.
     */
    static CustomerAddress address(final VendCustomer c, final String storeCountry) {
        final boolean lines = c.address1() != null || c.address2() != null || c.suburb() != null || c.city() != null
                || c.postcode() != null || c.state() != null;
        final String country = c.countryId() != null ? c.countryId()
                : (lines || c.phone() != null || c.mobile() != null) && CountryCodes.isAlpha2(storeCountry) ? storeCountry : null;
        if (!lines && country == null) {
            return null;
        }
        return CustomerAddress.newBuilder().setLine1(c.address1()).setLine2(c.address2()).setSuburb(c.suburb()).setCity(c.city())
                .setPostcode(c.postcode()).setState(c.state()).setCountry(country).build();
    }
}
