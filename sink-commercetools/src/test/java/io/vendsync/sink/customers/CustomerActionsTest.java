package io.vendsync.sink.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercetools.api.models.customer.AuthenticationMode;
import com.commercetools.api.models.customer.Customer;
import com.commercetools.api.models.customer.CustomerBuilder;
import com.commercetools.api.models.customer.CustomerSetCustomerGroupAction;
import com.commercetools.api.models.customer.CustomerSetExternalIdAction;
import com.commercetools.api.models.customer.CustomerUpdateAction;
import com.commercetools.api.models.customer_group.CustomerGroupReferenceBuilder;
import com.commercetools.api.models.type.CustomFieldsBuilder;
import com.commercetools.api.models.type.FieldContainerBuilder;
import com.commercetools.api.models.type.TypeReferenceBuilder;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure diff: the rules the mock cannot show (it drops customer groups on create and refuses a group removal). */
class CustomerActionsTest {

    private static Customer current(final String groupId, final Map<String, String> lastWritten) {
        return current(groupId, lastWritten, "v");
    }

    /** A customer as vendsync created it (its external id the Vend id of {@link #plain}), or another {@code externalId}. */
    private static Customer current(final String groupId, final Map<String, String> lastWritten, final String externalId) {
        final CustomerBuilder customer = CustomerBuilder.of().id("c-1").version(3L).key(CustomerWriterTest.jane(1, 0).getKey())
                .externalId(externalId)
                .email("jane.doe@example.com").firstName("Jane").lastName("Doe").authenticationMode(AuthenticationMode.EXTERNAL_AUTH)
                .addresses(List.of()).isEmailVerified(false).stores(List.of()).customerGroupAssignments(List.of())
                .shippingAddressIds(List.of()).billingAddressIds(List.of())
                .createdAt(ZonedDateTime.parse("2024-01-01T00:00:00Z")).lastModifiedAt(ZonedDateTime.parse("2024-01-02T00:00:00Z"));
        if (groupId != null) {
            customer.customerGroup(CustomerGroupReferenceBuilder.of().id(groupId).build());
        }
        if (lastWritten != null) {
            customer.custom(CustomFieldsBuilder.of().type(TypeReferenceBuilder.of().id("t-1").build())
                    .fields(FieldContainerBuilder.of().addValue(CustomerType.LAST_WRITTEN, CustomerType.lastWrittenJson(lastWritten))
                            .build()).build());
        }
        return customer.buildUnchecked();
    }

    private static io.vendsync.schemas.canonical.v1.Customer plain(final long updatedAtMs) {
        return io.vendsync.schemas.canonical.v1.Customer.newBuilder().setKey("k").setVendCustomerId("v").setDeleted(false)
                .setEmail("Jane.Doe@example.com").setFirstName("Jane").setLastName("Doe").setSourceVersion(2)
                .setSourceUpdatedAtMs(updatedAtMs).build();
    }

    @Test
    void shouldRemoveTheGroupWhenTheVendCustomerLeavesIt() {
        final io.vendsync.schemas.canonical.v1.Customer record = plain(0);
        final CustomerPlan plan = CustomerActions.plan(current("vip-id", Map.of()), record, CustomerValues.desired(record, null),
                FieldOwnership.allVend(), null);

        assertThat(plan.actions()).filteredOn(a -> a instanceof CustomerSetCustomerGroupAction).singleElement()
                .satisfies(a -> assertThat(((CustomerSetCustomerGroupAction) a).getCustomerGroup()).isNull());
    }

    @Test
    void shouldWriteNothingWhenOnlyTheEmailCaseDiffers() {
        final io.vendsync.schemas.canonical.v1.Customer record = plain(0);
        final CustomerPlan plan = CustomerActions.plan(current(null, Map.of()), record, CustomerValues.desired(record, null),
                FieldOwnership.allVend(), null);

        assertThat(plan.actions()).isEmpty();
    }

    @Test
    void shouldNotWriteAnAddressWithoutCountry() {
        final io.vendsync.schemas.canonical.v1.Customer record = io.vendsync.schemas.canonical.v1.Customer.newBuilder(plain(0))
                .setAddress(io.vendsync.schemas.canonical.v1.CustomerAddress.newBuilder().setCity("Auckland").build()).build();
        final CustomerPlan plan = CustomerActions.plan(current(null, Map.of()), record, CustomerValues.desired(record, null),
                FieldOwnership.allVend(), null);

        assertThat(plan.actions()).extracting(CustomerUpdateAction::getAction).doesNotContain("addAddress", "changeAddress");
    }

    @Test
    void shouldTreatANeverWrittenDifferingFieldAsAnOnlineEditUnderNewest() {
        // A linked customer: vendsync never wrote it, so its differing name is the online value and the older Vend change loses.
        final io.vendsync.schemas.canonical.v1.Customer record = io.vendsync.schemas.canonical.v1.Customer.newBuilder(plain(
                ZonedDateTime.parse("2023-12-01T00:00:00Z").toInstant().toEpochMilli())).setFirstName("Janet").build();
        final CustomerPlan plan = CustomerActions.plan(current(null, null), record, CustomerValues.desired(record, null),
                new FieldOwnership(Map.of(CustomerField.NAME, Owner.NEWEST)), "k");

        assertThat(plan.actions()).extracting(CustomerUpdateAction::getAction).doesNotContain("setFirstName").contains("setKey");
        assertThat(plan.skippedOverwrites()).containsExactly(CustomerValues.FIRST_NAME);
    }

    @Test
    void shouldWriteAChangeOfMarketingConsentAloneThoughNoOtherFieldChanged() {
        // Written with consent; the customer then unsubscribes in Vend (do_not_email), nothing else changes.
        final Map<String, String> before = new java.util.HashMap<>(CustomerValues.desired(plain(0), null));
        before.put(CustomerValues.MARKETING_CONSENT, "true");
        final Customer current = CustomerBuilder.of(current(null, before)).custom(CustomFieldsBuilder.of()
                .type(TypeReferenceBuilder.of().id("t-1").build()).fields(FieldContainerBuilder.of()
                        .addValue(CustomerType.LAST_WRITTEN, CustomerType.lastWrittenJson(before))
                        .addValue(CustomerType.MARKETING_CONSENT, true).build()).build()).build();
        final io.vendsync.schemas.canonical.v1.Customer record = io.vendsync.schemas.canonical.v1.Customer.newBuilder(plain(0))
                .setMarketingConsent(false).build();

        final CustomerPlan plan = CustomerActions.plan(current, record, CustomerValues.desired(record, null), FieldOwnership.allVend(), null);

        assertThat(plan.actions()).anySatisfy(action -> assertThat(action).isInstanceOfSatisfying(
                com.commercetools.api.models.customer.CustomerSetCustomFieldAction.class, set -> {
                    assertThat(set.getName()).isEqualTo(CustomerType.MARKETING_CONSENT);
                    assertThat(set.getValue()).isEqualTo(false);
                }));
    }

    @Test
    void shouldWriteAFieldAddedInALaterReleaseUnderNewestThoughVendsyncNeverWroteIt() {
        // Written by an earlier release: its record of what it wrote lacks the customer code, which the customer lacks too.
        final io.vendsync.schemas.canonical.v1.Customer record = io.vendsync.schemas.canonical.v1.Customer.newBuilder(plain(0))
                .setCustomerCode("JANE-4ZJ").build();
        final Map<String, String> before = new java.util.HashMap<>(CustomerValues.desired(plain(0), null));
        before.remove(CustomerValues.CUSTOMER_CODE);
        final CustomerPlan plan = CustomerActions.plan(current(null, before), record, CustomerValues.desired(record, null),
                new FieldOwnership(Map.of(CustomerField.CUSTOMER_CODE, Owner.NEWEST)), null);

        assertThat(plan.skippedOverwrites()).isEmpty();
        assertThat(plan.actions()).anySatisfy(action -> assertThat(action).isInstanceOfSatisfying(
                com.commercetools.api.models.customer.CustomerSetCustomFieldAction.class,
                set -> assertThat(set.getName()).isEqualTo(CustomerType.CUSTOMER_CODE)));
    }

    @Test
    void shouldGiveACustomerWithoutExternalIdTheVendIdAndNothingElseWhenNothingElseDiffers() {
        final io.vendsync.schemas.canonical.v1.Customer record = plain(0);
        final CustomerPlan plan = CustomerActions.plan(current(null, Map.of(), null), record, CustomerValues.desired(record, null),
                FieldOwnership.allVend(), null);

        assertThat(plan.actions()).filteredOn(a -> a instanceof CustomerSetExternalIdAction).singleElement()
                .satisfies(a -> assertThat(((CustomerSetExternalIdAction) a).getExternalId()).isEqualTo("v"));
    }

    @Test
    void shouldLeaveAnExternalIdAnotherSystemGaveTheCustomer() {
        final io.vendsync.schemas.canonical.v1.Customer record = plain(0);
        final CustomerPlan plan = CustomerActions.plan(current(null, Map.of(), "crm-42"), record, CustomerValues.desired(record, null),
                FieldOwnership.allVend(), null);

        assertThat(plan.actions()).isEmpty();
    }

    @Test
    void shouldSetTheVendsyncTypeOnACustomerWithoutOne() {
        final io.vendsync.schemas.canonical.v1.Customer record = io.vendsync.schemas.canonical.v1.Customer.newBuilder(plain(0))
                .setLastName("Doe-Smith").build();
        final CustomerPlan plan = CustomerActions.plan(current(null, null), record, CustomerValues.desired(record, null),
                FieldOwnership.allVend(), null);

        assertThat(plan.actions()).extracting(CustomerUpdateAction::getAction).containsExactly("setLastName", "setCustomType");
    }
}
