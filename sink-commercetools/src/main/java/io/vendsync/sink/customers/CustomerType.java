package io.vendsync.sink.customers;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.common.LocalizedString;
import com.commercetools.api.models.type.CustomFieldBooleanType;
import com.commercetools.api.models.type.CustomFieldNumberType;
import com.commercetools.api.models.type.CustomFieldStringType;
import com.commercetools.api.models.type.FieldDefinition;
import com.commercetools.api.models.type.ResourceTypeId;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vendsync.sink.internals.CustomTypeEnsurer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The custom Type {@value #TYPE_KEY} on customers vendsync writes. Besides Vend's marketing consent, customer code and
 * custom fields (commercetools has no field of its own for them) it holds vendsync's bookkeeping, on the customer itself so it is read
 * and written atomically with the fields it describes and survives restarts and replay groups:
 * <ul>
 *   <li>{@value #LAST_WRITTEN}: JSON of the value vendsync last wrote per path ({@link CustomerValues}); a field that
 *       differs from it was edited online, which the field's {@link Owner} then decides on;</li>
 *   <li>{@value #SOURCE_VERSION}: the Vend version last applied, so an older record never overwrites a newer one;</li>
 *   <li>{@value #ORIGIN}: {@code created} or {@code linked} (found online by email or an override), for the delete policy.</li>
 * </ul>
 * The last-written JSON is personal data: mask {@value #LAST_WRITTEN} in the integration log (the default does).
 */
public final class CustomerType {

    public static final String TYPE_KEY = "vendsync-customer";
    public static final String LAST_WRITTEN = "vendsyncLastWritten";
    public static final String SOURCE_VERSION = "vendsyncSourceVersion";
    public static final String ORIGIN = "vendsyncOrigin";
    public static final String MARKETING_CONSENT = "vendMarketingConsent";
    /** Vend's customer_code (the code on the till and the loyalty card); a field, not customerNumber, which commercetools
     * keeps unique across the project and never lets change, so a code another system's customer has would refuse the
     * whole customer. */
    public static final String CUSTOMER_CODE = "vendCustomerCode";
    /** True once the orders imported before the customer existed name it ({@link OrderBuyerLinks}). */
    public static final String ORDERS_LINKED = "vendsyncOrdersLinked";
    public static final List<String> VEND_CUSTOM_FIELDS = List.of("vendCustomField1", "vendCustomField2", "vendCustomField3",
            "vendCustomField4");
    public static final String CREATED = "created";
    public static final String LINKED = "linked";

    private static final ObjectMapper JSON = new ObjectMapper();

    private CustomerType() {
    }

    public static CustomTypeEnsurer ensurer(final ProjectApiRoot api) {
        return new CustomTypeEnsurer(api, TYPE_KEY, "vendsync customer",
                "Vend's marketing consent and custom fields, and vendsync's record of what it last wrote; written by vendsync.",
                ResourceTypeId.CUSTOMER, fieldDefinitions());
    }

    static List<FieldDefinition> fieldDefinitions() {
        final List<FieldDefinition> fields = new ArrayList<>();
        fields.add(field(LAST_WRITTEN, CustomFieldStringType.of(), "What vendsync last wrote (JSON)"));
        fields.add(field(SOURCE_VERSION, CustomFieldNumberType.of(), "Vend source version"));
        fields.add(field(ORIGIN, CustomFieldStringType.of(), "created or linked by vendsync"));
        fields.add(field(MARKETING_CONSENT, CustomFieldBooleanType.of(), "Email marketing allowed (Vend: not do_not_email)"));
        fields.add(field(CUSTOMER_CODE, CustomFieldStringType.of(), "Vend customer code"));
        fields.add(field(ORDERS_LINKED, CustomFieldBooleanType.of(), "Orders imported before the customer existed name it"));
        for (int f = 0; f < VEND_CUSTOM_FIELDS.size(); f++) {
            fields.add(field(VEND_CUSTOM_FIELDS.get(f), CustomFieldStringType.of(), "Vend custom field " + (f + 1)));
        }
        return fields;
    }

    private static FieldDefinition field(final String name, final com.commercetools.api.models.type.FieldType type, final String label) {
        return FieldDefinition.builder().name(name).type(type).required(false).label(LocalizedString.ofEnglish(label)).build();
    }

    /** The customer's custom field values (any Type's), empty when it has none. */
    static Map<String, Object> fields(final com.commercetools.api.models.customer.Customer customer) {
        if (customer.getCustom() == null || customer.getCustom().getFields() == null
                || customer.getCustom().getFields().values() == null) {
            return Map.of();
        }
        return customer.getCustom().getFields().values();
    }

    /** What vendsync last wrote, or null when it never wrote this customer (one found online and not linked yet). */
    static Map<String, String> lastWritten(final com.commercetools.api.models.customer.Customer customer) {
        final Object json = fields(customer).get(LAST_WRITTEN);
        if (json == null) {
            return null;
        }
        try {
            return new TreeMap<>(JSON.readValue(json.toString(), new TypeReference<Map<String, String>>() { }));
        } catch (JsonProcessingException e) {
            // Edited by hand into something unreadable: treat as never written, so ownership compares timestamps.
            return null;
        }
    }

    static String lastWrittenJson(final Map<String, String> written) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(written));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always renders as JSON", e);
        }
    }

    static Long sourceVersion(final com.commercetools.api.models.customer.Customer customer) {
        final Object version = fields(customer).get(SOURCE_VERSION);
        return version instanceof Number number ? number.longValue() : null;
    }

    /** Whether vendsync has given the customer the orders imported before it existed; false when never (or absent). */
    static boolean ordersLinked(final com.commercetools.api.models.customer.Customer customer) {
        return Boolean.TRUE.equals(fields(customer).get(ORDERS_LINKED));
    }

    /** How the customer came to vendsync: {@value #CREATED} by it, or linked to one that was there; null when never. */
    public static String origin(final com.commercetools.api.models.customer.Customer customer) {
        final Object origin = fields(customer).get(ORIGIN);
        return origin == null ? null : origin.toString();
    }
}
