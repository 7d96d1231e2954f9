package io.vendsync.sink.customers;

import com.commercetools.api.models.common.Address;
import io.vendsync.schemas.canonical.v1.Customer;
import io.vendsync.schemas.canonical.v1.CustomerAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A customer as a flat map of paths to text (null: no value), the same for what Vend wants (a canonical record) and what
 * commercetools holds, so ownership and the diff work per path. Paths: {@code firstName}, {@code email},
 * {@code address.city}, {@code customerGroup} (the group's id), {@code custom.<field>}, ...
 */
public final class CustomerValues {

    public static final String FIRST_NAME = "firstName";
    public static final String LAST_NAME = "lastName";
    public static final String EMAIL = "email";
    public static final String COMPANY = "companyName";
    public static final String DATE_OF_BIRTH = "dateOfBirth";
    public static final String PHONE = "address.phone";
    public static final String MOBILE = "address.mobile";
    public static final String STREET = "address.streetName";
    public static final String STREET_2 = "address.additionalStreetInfo";
    public static final String REGION = "address.region";
    public static final String CITY = "address.city";
    public static final String POSTCODE = "address.postalCode";
    public static final String STATE = "address.state";
    public static final String COUNTRY = "address.country";
    public static final List<String> ADDRESS_LINES = List.of(STREET, STREET_2, REGION, CITY, POSTCODE, STATE, COUNTRY);
    public static final String CUSTOMER_GROUP = "customerGroup";
    public static final String MARKETING_CONSENT = "custom." + CustomerType.MARKETING_CONSENT;
    public static final String CUSTOMER_CODE = "custom." + CustomerType.CUSTOMER_CODE;
    public static final List<String> CUSTOM_FIELDS = CustomerType.VEND_CUSTOM_FIELDS.stream().map(f -> "custom." + f).toList();

    /** The key of the one address vendsync keeps: Vend's physical address. */
    public static final String ADDRESS_KEY = "vend-physical";

    private CustomerValues() {
    }

    /** Every path, in a stable order. */
    public static List<String> paths() {
        final List<String> all = new ArrayList<>();
        for (final CustomerField field : CustomerField.values()) {
            all.addAll(field.paths());
        }
        return all;
    }

    /** What Vend wants; {@code groupId} is the commercetools id of the record's customer group key (null for none). */
    public static Map<String, String> desired(final Customer record, final String groupId) {
        final Map<String, String> values = empty();
        values.put(FIRST_NAME, text(record.getFirstName()));
        values.put(LAST_NAME, text(record.getLastName()));
        values.put(EMAIL, text(record.getEmail()));
        values.put(COMPANY, text(record.getCompanyName()));
        values.put(DATE_OF_BIRTH, text(record.getDateOfBirth()));
        values.put(PHONE, text(record.getPhone()));
        values.put(MOBILE, text(record.getMobile()));
        final CustomerAddress address = record.getAddress();
        if (address != null) {
            values.put(STREET, text(address.getLine1()));
            values.put(STREET_2, text(address.getLine2()));
            values.put(REGION, text(address.getSuburb()));
            values.put(CITY, text(address.getCity()));
            values.put(POSTCODE, text(address.getPostcode()));
            values.put(STATE, text(address.getState()));
            values.put(COUNTRY, text(address.getCountry()));
        }
        values.put(CUSTOMER_GROUP, groupId);
        values.put(MARKETING_CONSENT, record.getMarketingConsent() == null ? null : record.getMarketingConsent().toString());
        values.put(CUSTOMER_CODE, text(record.getCustomerCode()));
        final Map<String, String> custom = record.getCustomFields() == null ? Map.of() : record.getCustomFields();
        for (int f = 1; f <= CustomerType.VEND_CUSTOM_FIELDS.size(); f++) {
            values.put(CUSTOM_FIELDS.get(f - 1), text(custom.get("custom_field_" + f)));
        }
        return Collections.unmodifiableMap(values);
    }

    /** What commercetools holds. */
    public static Map<String, String> current(final com.commercetools.api.models.customer.Customer customer) {
        final Map<String, String> values = empty();
        values.put(FIRST_NAME, text(customer.getFirstName()));
        values.put(LAST_NAME, text(customer.getLastName()));
        values.put(EMAIL, text(customer.getEmail()));
        values.put(COMPANY, text(customer.getCompanyName()));
        values.put(DATE_OF_BIRTH, customer.getDateOfBirth() == null ? null : customer.getDateOfBirth().toString());
        final Address address = address(customer);
        if (address != null) {
            values.put(PHONE, text(address.getPhone()));
            values.put(MOBILE, text(address.getMobile()));
            values.put(STREET, text(address.getStreetName()));
            values.put(STREET_2, text(address.getAdditionalStreetInfo()));
            values.put(REGION, text(address.getRegion()));
            values.put(CITY, text(address.getCity()));
            values.put(POSTCODE, text(address.getPostalCode()));
            values.put(STATE, text(address.getState()));
            values.put(COUNTRY, text(address.getCountry()));
        }
        values.put(CUSTOMER_GROUP, customer.getCustomerGroup() == null ? null : customer.getCustomerGroup().getId());
        final Map<String, Object> fields = CustomerType.fields(customer);
        values.put(MARKETING_CONSENT, fields.get(CustomerType.MARKETING_CONSENT) == null ? null
                : fields.get(CustomerType.MARKETING_CONSENT).toString());
        values.put(CUSTOMER_CODE, fields.get(CustomerType.CUSTOMER_CODE) == null ? null : text(fields.get(CustomerType.CUSTOMER_CODE).toString()));
        for (int f = 0; f < CustomerType.VEND_CUSTOM_FIELDS.size(); f++) {
            final Object value = fields.get(CustomerType.VEND_CUSTOM_FIELDS.get(f));
            values.put(CUSTOM_FIELDS.get(f), value == null ? null : text(value.toString()));
        }
        return Collections.unmodifiableMap(values);
    }

    /** The address vendsync keeps on the customer, or null. */
    public static Address address(final com.commercetools.api.models.customer.Customer customer) {
        return customer.getAddresses() == null ? null : customer.getAddresses().stream()
                .filter(a -> ADDRESS_KEY.equals(a.getKey())).findFirst().orElse(null);
    }

    /** Equal for the customer: emails case-insensitively (as commercetools compares them), the rest exactly. */
    public static boolean same(final String path, final String a, final String b) {
        if (EMAIL.equals(path) && a != null && b != null) {
            return a.trim().toLowerCase(Locale.ROOT).equals(b.trim().toLowerCase(Locale.ROOT));
        }
        return Objects.equals(a, b);
    }

    private static Map<String, String> empty() {
        final Map<String, String> values = new TreeMap<>();
        paths().forEach(p -> values.put(p, null));
        return values;
    }

    private static String text(final CharSequence value) {
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }
}
