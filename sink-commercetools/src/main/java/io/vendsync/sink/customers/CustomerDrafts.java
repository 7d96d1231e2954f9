package io.vendsync.sink.customers;

import com.commercetools.api.models.common.BaseAddress;
import com.commercetools.api.models.customer.AuthenticationMode;
import com.commercetools.api.models.customer.CustomerDraft;
import com.commercetools.api.models.customer.CustomerDraftBuilder;
import com.commercetools.api.models.customer_group.CustomerGroupResourceIdentifierBuilder;
import com.commercetools.api.models.type.CustomFieldsDraftBuilder;
import com.commercetools.api.models.type.FieldContainerBuilder;
import com.commercetools.api.models.type.TypeResourceIdentifierBuilder;
import java.time.LocalDate;
import java.util.Map;

/** The draft of a customer vendsync creates: every field from Vend (nothing to overwrite yet), plus the bookkeeping. */
public final class CustomerDrafts {

    private CustomerDrafts() {
    }

    /**
     * {@code ExternalAuth}: a customer made from the POS has no password; they sign up online by the shop's own flow (or
     * the shop sets a password), which commercetools allows on an ExternalAuth customer through setAuthenticationMode.
     */
    public static CustomerDraft draft(final io.vendsync.schemas.canonical.v1.Customer record, final Map<String, String> desired) {
        final CustomerDraftBuilder draft = CustomerDraftBuilder.of()
                .key(record.getKey())
                .externalId(record.getVendCustomerId())
                .email(desired.get(CustomerValues.EMAIL))
                .authenticationMode(AuthenticationMode.EXTERNAL_AUTH)
                .firstName(desired.get(CustomerValues.FIRST_NAME))
                .lastName(desired.get(CustomerValues.LAST_NAME))
                .companyName(desired.get(CustomerValues.COMPANY));
        final String date = desired.get(CustomerValues.DATE_OF_BIRTH);
        if (date != null) {
            draft.dateOfBirth(LocalDate.parse(date));
        }
        final BaseAddress address = CustomerActions.address(desired);
        if (address != null) {
            draft.addresses(address);
        }
        final String group = desired.get(CustomerValues.CUSTOMER_GROUP);
        if (group != null) {
            draft.customerGroup(CustomerGroupResourceIdentifierBuilder.of().id(group).build());
        }
        final FieldContainerBuilder fields = FieldContainerBuilder.of();
        for (final String path : CustomerValues.paths()) {
            if (path.startsWith("custom.") && desired.get(path) != null) {
                fields.addValue(path.substring("custom.".length()), CustomerActions.customValue(path, desired.get(path)));
            }
        }
        fields.addValue(CustomerType.LAST_WRITTEN, CustomerType.lastWrittenJson(desired));
        fields.addValue(CustomerType.SOURCE_VERSION, record.getSourceVersion());
        fields.addValue(CustomerType.ORIGIN, CustomerType.CREATED);
        draft.custom(CustomFieldsDraftBuilder.of().type(TypeResourceIdentifierBuilder.of().key(CustomerType.TYPE_KEY).build())
                .fields(fields.build()).build());
        return draft.build();
    }
}
