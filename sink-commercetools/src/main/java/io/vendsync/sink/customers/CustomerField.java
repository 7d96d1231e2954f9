package io.vendsync.sink.customers;

import java.util.List;
import java.util.Locale;

/**
 * The customer fields whose owner is configurable ({@code customer.owner.<name>}), each with the paths of the flat view
 * ({@link CustomerValues}) it covers. commercetools keeps phone numbers on addresses, so PHONE covers the phone and
 * mobile of the Vend address while ADDRESS covers the rest of it.
 */
public enum CustomerField {
    NAME("name", List.of(CustomerValues.FIRST_NAME, CustomerValues.LAST_NAME)),
    EMAIL("email", List.of(CustomerValues.EMAIL)),
    PHONE("phone", List.of(CustomerValues.PHONE, CustomerValues.MOBILE)),
    ADDRESS("address", CustomerValues.ADDRESS_LINES),
    COMPANY("company", List.of(CustomerValues.COMPANY)),
    DATE_OF_BIRTH("date-of-birth", List.of(CustomerValues.DATE_OF_BIRTH)),
    MARKETING_CONSENT("marketing-consent", List.of(CustomerValues.MARKETING_CONSENT)),
    CUSTOMER_GROUP("customer-group", List.of(CustomerValues.CUSTOMER_GROUP)),
    CUSTOMER_CODE("customer-code", List.of(CustomerValues.CUSTOMER_CODE)),
    CUSTOM_FIELDS("custom-fields", CustomerValues.CUSTOM_FIELDS);

    private final String configName;
    private final List<String> paths;

    CustomerField(final String configName, final List<String> paths) {
        this.configName = configName;
        this.paths = List.copyOf(paths);
    }

    /** The config key of this field's owner. */
    public String configKey() {
        return "customer.owner." + configName;
    }

    public List<String> paths() {
        return paths;
    }

    public static CustomerField ofPath(final String path) {
        for (final CustomerField field : values()) {
            if (field.paths.contains(path)) {
                return field;
            }
        }
        throw new IllegalArgumentException("no customer field covers " + path);
    }

    @Override
    public String toString() {
        return configName.toLowerCase(Locale.ROOT);
    }
}
