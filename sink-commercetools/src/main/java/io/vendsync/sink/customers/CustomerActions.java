package io.vendsync.sink.customers;

import com.commercetools.api.models.common.BaseAddress;
import com.commercetools.api.models.common.BaseAddressBuilder;
import com.commercetools.api.models.customer.Customer;
import com.commercetools.api.models.customer.CustomerAddAddressActionBuilder;
import com.commercetools.api.models.customer.CustomerChangeAddressActionBuilder;
import com.commercetools.api.models.customer.CustomerChangeEmailAction;
import com.commercetools.api.models.customer.CustomerChangeEmailActionBuilder;
import com.commercetools.api.models.customer.CustomerRemoveAddressActionBuilder;
import com.commercetools.api.models.customer.CustomerSetCompanyNameActionBuilder;
import com.commercetools.api.models.customer.CustomerSetCustomFieldActionBuilder;
import com.commercetools.api.models.customer.CustomerSetCustomTypeActionBuilder;
import com.commercetools.api.models.customer.CustomerSetCustomerGroupActionBuilder;
import com.commercetools.api.models.customer.CustomerSetDateOfBirthActionBuilder;
import com.commercetools.api.models.customer.CustomerSetExternalIdActionBuilder;
import com.commercetools.api.models.customer.CustomerSetFirstNameActionBuilder;
import com.commercetools.api.models.customer.CustomerSetKeyActionBuilder;
import com.commercetools.api.models.customer.CustomerSetLastNameActionBuilder;
import com.commercetools.api.models.customer.CustomerUpdateAction;
import com.commercetools.api.models.customer_group.CustomerGroupResourceIdentifierBuilder;
import com.commercetools.api.models.type.FieldContainerBuilder;
import com.commercetools.api.models.type.TypeResourceIdentifierBuilder;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pure diff of the customer writer: from what commercetools holds, what Vend wants, what vendsync last wrote and who
 * owns each field, the update actions (or none). No I/O, so every ownership rule is unit-tested here.
 *
 * <p>Per path: {@link Owner#VEND} writes Vend's value (an online edit since the last write is detected and counted);
 * {@link Owner#COMMERCETOOLS} never writes (counted when Vend differs); {@link Owner#NEWEST} writes Vend's value unless the
 * field was edited online (it differs from what vendsync last wrote, or vendsync never wrote it) and the customer's
 * {@code lastModifiedAt} is not older than Vend's {@code updated_at}. When anything is written, the bookkeeping fields
 * ({@link CustomerType}) are written with it; when nothing is, no request is made.
 */
public final class CustomerActions {

    /** The domain of {@link #releasedEmail}: reserved, so no mail is ever delivered to it. */
    public static final String RELEASED_EMAIL_DOMAIN = "email-released.invalid";

    private CustomerActions() {
    }

    /** {@link #plan(Customer, io.vendsync.schemas.canonical.v1.Customer, Map, FieldOwnership, String, boolean)}, no hand-over. */
    public static CustomerPlan plan(final Customer current, final io.vendsync.schemas.canonical.v1.Customer record,
                                    final Map<String, String> desired, final FieldOwnership ownership, final String linkKey) {
        return plan(current, record, desired, ownership, linkKey, false);
    }

    /**
     * @param linkKey the key to set when this update links a customer found online (by email or override), else null
     * @param handOver whether the customer was created for a duplicate this record's email withholds: its external id (the
     *                 duplicate's Vend id) becomes the record's
     */
    public static CustomerPlan plan(final Customer current, final io.vendsync.schemas.canonical.v1.Customer record,
                                    final Map<String, String> desired, final FieldOwnership ownership, final String linkKey,
                                    final boolean handOver) {
        final Map<String, String> now = CustomerValues.current(current);
        // A hand-over writes the owner's values everywhere, as a create does: what the customer holds is the duplicate's.
        final Map<String, String> lastWritten = handOver ? null : CustomerType.lastWritten(current);
        final FieldOwnership owners = handOver ? FieldOwnership.allVend() : ownership;
        final boolean vendNewer = record.getSourceUpdatedAtMs() != null && current.getLastModifiedAt() != null
                && record.getSourceUpdatedAtMs() > current.getLastModifiedAt().toInstant().toEpochMilli();
        final Map<String, String> target = new LinkedHashMap<>();
        final Map<String, String> written = new TreeMap<>(lastWritten == null ? Map.of() : lastWritten);
        final List<String> skipped = new ArrayList<>();
        final List<String> overwritten = new ArrayList<>();
        for (final String path : CustomerValues.paths()) {
            final String want = desired.get(path);
            final String have = now.get(path);
            final boolean everWritten = lastWritten != null && lastWritten.containsKey(path);
            // A path vendsync never wrote on a customer it keeps a record for (a field added in a later release) that holds
            // nothing was not edited online.
            final boolean editedOnline = everWritten ? !CustomerValues.same(path, have, lastWritten.get(path))
                    : !(lastWritten != null && have == null) && !CustomerValues.same(path, have, want);
            switch (owners.ofPath(path)) {
                case VEND -> {
                    target.put(path, want);
                    written.put(path, want);
                    if (everWritten && editedOnline && !CustomerValues.same(path, have, want)) {
                        overwritten.add(path);
                    }
                }
                case COMMERCETOOLS -> {
                    target.put(path, have);
                    if (!CustomerValues.same(path, have, want)) {
                        skipped.add(path);
                    }
                }
                case NEWEST -> {
                    if (!editedOnline || vendNewer) {
                        target.put(path, want);
                        written.put(path, want);
                    } else {
                        // The online edit is newer: keep it, and take it as the base the next Vend change is compared to.
                        target.put(path, have);
                        written.put(path, have);
                        if (!CustomerValues.same(path, have, want)) {
                            skipped.add(path);
                        }
                    }
                }
            }
        }
        final List<CustomerUpdateAction> actions = new ArrayList<>();
        if (linkKey != null && !linkKey.equals(current.getKey())) {
            actions.add(CustomerSetKeyActionBuilder.of().key(linkKey).build());
        }
        if (current.getExternalId() == null || current.getExternalId().isBlank()
                || handOver && !current.getExternalId().equals(record.getVendCustomerId())) {
            // The Vend id, for systems that match customers by external id; one another system set is left alone.
            actions.add(CustomerSetExternalIdActionBuilder.of().externalId(record.getVendCustomerId()).build());
        }
        fieldActions(now, target, current, actions);
        // Marketing consent, the customer code and Vend's custom fields live in the Type: a change of only those is a
        // change too (it was none before, so an unsubscribe in Vend alone never reached commercetools).
        final boolean customChanged = CustomerValues.paths().stream().anyMatch(p -> p.startsWith("custom.") && changed(p, now, target));
        if (actions.isEmpty() && !customChanged) {
            return new CustomerPlan(List.of(), written, skipped, overwritten);
        }
        customActions(current, now, target, written, record.getSourceVersion(), linkKey != null ? CustomerType.LINKED : null,
                actions);
        if (handOver && CustomerType.ordersLinked(current)) {
            // The duplicate's orders were linked, not the owner's: the owner's are looked for after this update.
            actions.add(CustomerSetCustomFieldActionBuilder.of().name(CustomerType.ORDERS_LINKED).value(null).build());
        }
        return new CustomerPlan(actions, written, skipped, overwritten);
    }

    /** The email Vend's record changes the customer to in {@code actions}, or null when they change none. */
    static String emailChange(final List<CustomerUpdateAction> actions) {
        return actions.stream().filter(CustomerChangeEmailAction.class::isInstance).map(a -> ((CustomerChangeEmailAction) a).getEmail())
                .findFirst().orElse(null);
    }

    /**
     * The email a customer vendsync created for a Vend customer gets when it gives up its email to the record that now
     * owns it: under its own key, on a reserved domain ({@code .invalid} delivers no mail), until its own Vend record
     * names an email again.
     */
    public static String releasedEmail(final String key) {
        return key + "@" + RELEASED_EMAIL_DOMAIN;
    }

    /**
     * The actions that make {@code holder} give up its email ({@link #releasedEmail}); what vendsync last wrote says the
     * released email, so its own next record does not take the release for an online edit.
     */
    static List<CustomerUpdateAction> release(final Customer holder) {
        final String released = releasedEmail(holder.getKey());
        final List<CustomerUpdateAction> actions = new ArrayList<>();
        actions.add(CustomerChangeEmailActionBuilder.of().email(released).build());
        final Map<String, String> written = CustomerType.lastWritten(holder);
        if (written != null) {
            final Map<String, String> now = new TreeMap<>(written);
            now.put(CustomerValues.EMAIL, released);
            actions.add(CustomerSetCustomFieldActionBuilder.of().name(CustomerType.LAST_WRITTEN).value(CustomerType.lastWrittenJson(now)).build());
        }
        return actions;
    }

    private static void fieldActions(final Map<String, String> now, final Map<String, String> target, final Customer current,
                                     final List<CustomerUpdateAction> actions) {
        if (changed(CustomerValues.EMAIL, now, target) && target.get(CustomerValues.EMAIL) != null) {
            actions.add(CustomerChangeEmailActionBuilder.of().email(target.get(CustomerValues.EMAIL)).build());
        }
        if (changed(CustomerValues.FIRST_NAME, now, target)) {
            actions.add(CustomerSetFirstNameActionBuilder.of().firstName(target.get(CustomerValues.FIRST_NAME)).build());
        }
        if (changed(CustomerValues.LAST_NAME, now, target)) {
            actions.add(CustomerSetLastNameActionBuilder.of().lastName(target.get(CustomerValues.LAST_NAME)).build());
        }
        if (changed(CustomerValues.COMPANY, now, target)) {
            actions.add(CustomerSetCompanyNameActionBuilder.of().companyName(target.get(CustomerValues.COMPANY)).build());
        }
        if (changed(CustomerValues.DATE_OF_BIRTH, now, target)) {
            final String date = target.get(CustomerValues.DATE_OF_BIRTH);
            actions.add(CustomerSetDateOfBirthActionBuilder.of().dateOfBirth(date == null ? null : LocalDate.parse(date)).build());
        }
        if (changed(CustomerValues.CUSTOMER_GROUP, now, target)) {
            final String group = target.get(CustomerValues.CUSTOMER_GROUP);
            actions.add(CustomerSetCustomerGroupActionBuilder.of()
                    .customerGroup(group == null ? null : CustomerGroupResourceIdentifierBuilder.of().id(group).build()).build());
        }
        addressActions(now, target, current, actions);
    }

    private static void addressActions(final Map<String, String> now, final Map<String, String> target, final Customer current,
                                       final List<CustomerUpdateAction> actions) {
        final List<String> paths = new ArrayList<>(CustomerValues.ADDRESS_LINES);
        paths.add(CustomerValues.PHONE);
        paths.add(CustomerValues.MOBILE);
        if (paths.stream().noneMatch(p -> changed(p, now, target))) {
            return;
        }
        final boolean exists = CustomerValues.address(current) != null;
        if (paths.stream().allMatch(p -> target.get(p) == null)) {
            if (exists) {
                actions.add(CustomerRemoveAddressActionBuilder.of().addressKey(CustomerValues.ADDRESS_KEY).build());
            }
            return;
        }
        if (target.get(CustomerValues.COUNTRY) == null) {
            // commercetools requires a country on every address: without one there is no address to write.
            return;
        }
        final BaseAddress address = address(target);
        actions.add(exists
                ? CustomerChangeAddressActionBuilder.of().addressKey(CustomerValues.ADDRESS_KEY).address(address).build()
                : CustomerAddAddressActionBuilder.of().address(address).build());
    }

    /** The address of the target (or desired) values, under {@link CustomerValues#ADDRESS_KEY}; null without a country. */
    static BaseAddress address(final Map<String, String> values) {
        if (values.get(CustomerValues.COUNTRY) == null) {
            return null;
        }
        return BaseAddressBuilder.of().key(CustomerValues.ADDRESS_KEY).country(values.get(CustomerValues.COUNTRY))
                .streetName(values.get(CustomerValues.STREET)).additionalStreetInfo(values.get(CustomerValues.STREET_2))
                .region(values.get(CustomerValues.REGION)).city(values.get(CustomerValues.CITY))
                .postalCode(values.get(CustomerValues.POSTCODE)).state(values.get(CustomerValues.STATE))
                .phone(values.get(CustomerValues.PHONE)).mobile(values.get(CustomerValues.MOBILE)).build();
    }

    private static void customActions(final Customer current, final Map<String, String> now, final Map<String, String> target,
                                      final Map<String, String> written, final long version, final String origin,
                                      final List<CustomerUpdateAction> actions) {
        final Map<String, Object> fields = new LinkedHashMap<>();
        for (final String path : CustomerValues.paths()) {
            if (path.startsWith("custom.") && (current.getCustom() == null || changed(path, now, target))) {
                fields.put(path.substring("custom.".length()), customValue(path, target.get(path)));
            }
        }
        fields.put(CustomerType.LAST_WRITTEN, CustomerType.lastWrittenJson(written));
        fields.put(CustomerType.SOURCE_VERSION, version);
        if (origin != null && CustomerType.origin(current) == null) {
            fields.put(CustomerType.ORIGIN, origin);
        }
        if (current.getCustom() == null) {
            final FieldContainerBuilder container = FieldContainerBuilder.of();
            fields.forEach((name, value) -> {
                if (value != null) {
                    container.addValue(name, value);
                }
            });
            actions.add(CustomerSetCustomTypeActionBuilder.of().type(TypeResourceIdentifierBuilder.of().key(CustomerType.TYPE_KEY).build())
                    .fields(container.build()).build());
            return;
        }
        // A customer that already has a Type: vendsync's fields are set on it (another application's Type must define them).
        fields.forEach((name, value) -> actions.add(CustomerSetCustomFieldActionBuilder.of().name(name).value(value).build()));
    }

    /** A custom field's value as commercetools types it: marketing consent is a Boolean, the rest text. */
    static Object customValue(final String path, final String value) {
        if (value == null) {
            return null;
        }
        return CustomerValues.MARKETING_CONSENT.equals(path) ? Boolean.valueOf(value) : value;
    }

    private static boolean changed(final String path, final Map<String, String> now, final Map<String, String> target) {
        return !CustomerValues.same(path, now.get(path), target.get(path));
    }
}
