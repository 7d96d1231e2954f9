package io.vendsync.sink.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercetools.api.models.customer.AuthenticationMode;
import com.commercetools.api.models.customer.Customer;
import com.commercetools.api.models.customer.CustomerChangeEmailActionBuilder;
import com.commercetools.api.models.customer.CustomerDraftBuilder;
import com.commercetools.api.models.customer.CustomerSetAuthenticationModeActionBuilder;
import com.commercetools.api.models.customer.CustomerSetFirstNameActionBuilder;
import com.commercetools.api.models.customer.CustomerUpdateBuilder;
import com.commercetools.api.models.customer_group.CustomerGroup;
import io.vendsync.schemas.canonical.v1.CustomerAddress;
import io.vendsync.sink.SinkStatistics;
import io.vendsync.sink.internals.MockProject;
import io.vendsync.sink.internals.SinkWriteException;
import io.vendsync.sink.internals.WriteOutcome;
import io.vendsync.sink.prices.CustomerGroupResolver;
import io.vendsync.sink.write.WriterTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue #11: the customer writer against the commercetools mock, one test per matching, ownership and delete rule. */
class CustomerWriterTest {

    private static final String VEND_ID = "b8ca3a65-0183-11e4-fbb5-4f73f02a9d1c";
    private static final String KEY = "vend-customer-" + VEND_ID;
    private static final long T0 = 1_700_000_000_000L;

    private MockProject project;
    private SinkStatistics statistics;
    private CustomerStatistics counts;

    @BeforeEach
    void setUp() {
        project = new MockProject();
        statistics = new SinkStatistics();
        counts = new CustomerStatistics();
    }

    @AfterEach
    void tearDown() {
        project.close();
    }

    private WriterTemplate<io.vendsync.schemas.canonical.v1.Customer, CustomerMatch, CustomerWrite> writer(
            final Map<CustomerField, Owner> owners, final DeletePolicy deletes) {
        return CustomerWriter.template(project.api, new CustomerGroupResolver(project.api), new FieldOwnership(owners), deletes,
                counts, 3, statistics);
    }

    private WriterTemplate<io.vendsync.schemas.canonical.v1.Customer, CustomerMatch, CustomerWrite> writer() {
        return writer(Map.of(), DeletePolicy.DELETE_CREATED);
    }

    static io.vendsync.schemas.canonical.v1.Customer.Builder jane(final long version, final long updatedAtMs) {
        return io.vendsync.schemas.canonical.v1.Customer.newBuilder().setKey(KEY).setVendCustomerId(VEND_ID).setCustomerCode("JANE-4ZJ")
                .setDeleted(false).setEmail("Jane.Doe@Example.com").setFirstName("Jane").setLastName("Doe")
                .setDateOfBirth("1990-02-03").setPhone("+64 9 555 0100")
                .setAddress(CustomerAddress.newBuilder().setLine1("1 Queen St").setCity("Auckland").setPostcode("1010").setCountry("NZ").build())
                .setMarketingConsent(true).setCustomFields(Map.of("custom_field_1", "likes tea"))
                .setSourceVersion(version).setSourceUpdatedAtMs(updatedAtMs);
    }

    private List<Customer> byEmail(final String email) {
        return project.direct.customers().get().withWhere("lowercaseEmail = :e").withPredicateVar("e", email.toLowerCase())
                .executeBlocking().getBody().getResults();
    }

    private Customer byKey() {
        return project.direct.customers().withKey(KEY).get().executeBlocking().getBody();
    }

    private Customer onlineCustomer(final String email, final String key) {
        final CustomerDraftBuilder draft = CustomerDraftBuilder.of().email(email).password("secret-1").firstName("J").lastName("Online");
        if (key != null) {
            draft.key(key);
        }
        return project.direct.customers().post(draft.build()).executeBlocking().getBody().getCustomer();
    }

    private void editOnline(final String firstName) {
        final Customer current = byKey();
        project.direct.customers().withId(current.getId()).post(CustomerUpdateBuilder.of().version(current.getVersion())
                .actions(CustomerSetFirstNameActionBuilder.of().firstName(firstName).build()).build()).executeBlocking();
    }

    @Test
    void shouldCreateCustomerUnderItsKeyThenWriteNothingOnReplay() {
        final var writer = writer();
        assertThat(writer.apply(jane(10, T0).build())).isEqualTo(WriteOutcome.CREATED);

        final Customer created = byKey();
        assertThat(created.getFirstName()).isEqualTo("Jane");
        assertThat(created.getExternalId()).as("the Vend id, for systems that match by external id").isEqualTo(VEND_ID);
        assertThat(created.getAuthenticationMode().getJsonName()).isEqualTo("ExternalAuth");
        assertThat(created.getDateOfBirth()).hasToString("1990-02-03");
        assertThat(CustomerValues.address(created).getPhone()).isEqualTo("+64 9 555 0100");
        assertThat(CustomerType.fields(created)).containsEntry(CustomerType.MARKETING_CONSENT, true)
                .containsEntry("vendCustomField1", "likes tea").containsEntry(CustomerType.ORIGIN, CustomerType.CREATED)
                .as("the code on the till and the loyalty card").containsEntry(CustomerType.CUSTOMER_CODE, "JANE-4ZJ");

        assertThat(CustomerType.ordersLinked(created)).as("its orders looked for, and the customer marked").isTrue();
        project.log.clear();
        assertThat(writer.apply(jane(10, T0).build())).isEqualTo(WriteOutcome.UNCHANGED);
        assertThat(writer.apply(jane(11, T0 + 1).build())).as("a newer version that changes nothing").isEqualTo(WriteOutcome.UNCHANGED);
        assertThat(project.writes()).as("a replay writes nothing, although the mock lower-cased the email").isEmpty();
        assertThat(byEmail("jane.doe@example.com")).hasSize(1);
    }

    @Test
    void shouldLinkExistingOnlineCustomerByEmail() {
        final Customer online = onlineCustomer("jane.doe@example.com", null);

        assertThat(writer().apply(jane(10, T0).build())).isEqualTo(WriteOutcome.UPDATED);

        assertThat(byEmail("jane.doe@example.com")).as("linked, never duplicated").singleElement().satisfies(c -> {
            assertThat(c.getId()).isEqualTo(online.getId());
            assertThat(c.getKey()).as("findable by the key orders use").isEqualTo(KEY);
            assertThat(c.getAuthenticationMode().getJsonName()).as("its password stays").isEqualTo("Password");
            assertThat(CustomerType.origin(c)).isEqualTo(CustomerType.LINKED);
            assertThat(c.getFirstName()).as("name is Vend's by default").isEqualTo("Jane");
            assertThat(CustomerType.fields(c)).containsEntry(CustomerType.CUSTOMER_CODE, "JANE-4ZJ");
        });
        assertThat(counts.linked()).isEqualTo(1);
    }

    @Test
    void shouldLinkTheCustomerAnotherToolMadeUnderTheVendIdAsExternalIdWhateverItsEmail() {
        final Customer imported = project.direct.customers().post(CustomerDraftBuilder.of().email("jane.old@example.com")
                .password("secret-1").externalId(VEND_ID).build()).executeBlocking().getBody().getCustomer();

        assertThat(writer().apply(jane(10, T0).build())).isEqualTo(WriteOutcome.UPDATED);

        assertThat(byKey()).satisfies(c -> {
            assertThat(c.getId()).as("linked, never a second customer").isEqualTo(imported.getId());
            assertThat(c.getEmail()).as("email is Vend's by default").isEqualToIgnoringCase("Jane.Doe@Example.com");
        });
        assertThat(byEmail("jane.old@example.com")).isEmpty();
    }

    @Test
    void shouldLinkTheCustomerAnOverrideNames() {
        final Customer online = onlineCustomer("someone.else@example.com", null);

        writer().apply(jane(10, T0).setCommercetoolsCustomerId(online.getId()).build());

        assertThat(byKey().getId()).isEqualTo(online.getId());
        assertThat(byEmail("jane.doe@example.com")).hasSize(1);
    }

    @Test
    void shouldWithholdCustomerWhoseOnlineMatchHasAnotherKey() {
        final Customer online = onlineCustomer("jane.doe@example.com", "crm-7");

        assertThatThrownBy(() -> writer().apply(jane(10, T0).build())).isInstanceOf(SinkWriteException.class)
                .hasMessageContaining("CUSTOMER_KEY_CONFLICT").hasMessageContaining(online.getId()).hasMessageContaining("crm-7");

        final List<Customer> customers = byEmail("jane.doe@example.com");
        assertThat(customers).singleElement().satisfies(c -> {
            assertThat(c.getKey()).isEqualTo("crm-7");
            assertThat(c.getFirstName()).isEqualTo("J");
        });
        assertThat(counts.matchConflicts()).isEqualTo(1);
    }

    @Test
    void shouldHandTheCustomerCreatedForAYoungerDuplicateOverToTheOlderOwnerOfTheEmail() {
        // The name owned by commercetools: still the owner's after the hand-over (the duplicate's name is no online edit).
        final var writer = writer(Map.of(CustomerField.NAME, Owner.COMMERCETOOLS), DeletePolicy.DELETE_CREATED);
        // The younger Vend customer with Jane's email was read first and created; then Jane, older, is read and owns it.
        final String twinId = "c9db4b76-0294-22f5-0cc6-5084013b0e2d";
        assertThat(writer.apply(jane(7, T0).setKey("vend-customer-" + twinId).setVendCustomerId(twinId).setFirstName("Janet")
                .setCustomerCode("JANET-1").build())).isEqualTo(WriteOutcome.CREATED);

        assertThat(writer.apply(jane(10, T0).setEmailDuplicateKeys(List.of("vend-customer-" + twinId)).build()))
                .isEqualTo(WriteOutcome.UPDATED);

        assertThat(byEmail("jane.doe@example.com")).as("handed over, never duplicated").singleElement().satisfies(c -> {
            assertThat(c.getKey()).isEqualTo(KEY);
            assertThat(c.getExternalId()).isEqualTo(VEND_ID);
            assertThat(c.getFirstName()).isEqualTo("Jane");
            assertThat(CustomerType.fields(c)).containsEntry(CustomerType.CUSTOMER_CODE, "JANE-4ZJ");
            assertThat(CustomerType.origin(c)).as("still vendsync's own, for the delete policy").isEqualTo(CustomerType.CREATED);
        });
        assertThat(counts.matchConflicts()).isZero();
        project.log.clear();
        assertThat(writer.apply(jane(10, T0).setEmailDuplicateKeys(List.of("vend-customer-" + twinId)).build()))
                .isEqualTo(WriteOutcome.UNCHANGED);
    }

    @Test
    void shouldStillRefuseACustomerAnotherSystemKeyedThoughTheRecordNamesDuplicates() {
        onlineCustomer("jane.doe@example.com", "crm-7");

        assertThatThrownBy(() -> writer().apply(jane(10, T0).setEmailDuplicateKeys(List.of("crm-7")).build()))
                .isInstanceOf(SinkWriteException.class).hasMessageContaining("CUSTOMER_KEY_CONFLICT");
    }

    @Test
    void shouldLinkAnOnlineCustomerWhoseEmailDiffersInLetterCaseOnly() {
        // commercetools keeps the letter case it was given (the mock lower-cases a draft's email, not a changed one).
        final Customer online = onlineCustomer("placeholder@example.com", null);
        project.direct.customers().withId(online.getId()).post(CustomerUpdateBuilder.of().version(online.getVersion())
                .actions(CustomerChangeEmailActionBuilder.of().email("JANE.DOE@example.COM").build()).build()).executeBlocking();

        assertThat(writer().apply(jane(10, T0).build())).isEqualTo(WriteOutcome.UPDATED);

        assertThat(byEmail("jane.doe@example.com")).as("linked, not created a second time").singleElement()
                .satisfies(c -> assertThat(c.getId()).isEqualTo(online.getId()));
        assertThat(counts.linked()).isEqualTo(1);
    }

    @Test
    void shouldMoveEmailsBetweenTwoVendCustomersWhoSwapThem() {
        final var writer = writer();
        final String johnId = "d0ec5c87-03a5-33f6-1dd7-6195124c1f3e";
        final String johnKey = "vend-customer-" + johnId;
        writer.apply(jane(10, T0).build());
        writer.apply(jane(20, T0).setKey(johnKey).setVendCustomerId(johnId).setFirstName("John").setEmail("john@example.com").build());

        // The cashier corrects a mix-up: Jane's record now has John's email, and then John's has Jane's.
        assertThat(writer.apply(jane(11, T0).setEmail("john@example.com").build())).isEqualTo(WriteOutcome.UPDATED);
        assertThat(byEmail("john@example.com")).as("commercetools keeps an email unique: John's customer gave it up")
                .singleElement().satisfies(c -> assertThat(c.getKey()).isEqualTo(KEY));
        final Customer john = project.direct.customers().withKey(johnKey).get().executeBlocking().getBody();
        assertThat(john.getEmail()).isEqualTo(CustomerActions.releasedEmail(johnKey));
        assertThat(counts.emailsReleased()).isEqualTo(1);

        assertThat(writer.apply(jane(21, T0).setKey(johnKey).setVendCustomerId(johnId).setFirstName("John")
                .setEmail("jane.doe@example.com").build())).isEqualTo(WriteOutcome.UPDATED);
        assertThat(byEmail("jane.doe@example.com")).singleElement().satisfies(c -> assertThat(c.getKey()).isEqualTo(johnKey));
        assertThat(counts.onlineEditsOverwritten()).as("the release was vendsync's own write, no online edit").isZero();
        assertThat(counts.emailsHeld()).isZero();
    }

    @Test
    void shouldKeepTheEmailAWebShopAccountHoldsAndWriteTheRest() {
        final var writer = writer();
        writer.apply(jane(10, T0).build());
        final Customer account = onlineCustomer("jane.new@example.com", null);

        assertThat(writer.apply(jane(11, T0).setEmail("jane.new@example.com").setLastName("Doe-Smith").build()))
                .isEqualTo(WriteOutcome.UPDATED);

        assertThat(byKey()).satisfies(c -> {
            assertThat(c.getEmail()).as("the account's email is not vendsync's to take").isEqualToIgnoringCase("jane.doe@example.com");
            assertThat(c.getLastName()).as("everything else is written").isEqualTo("Doe-Smith");
        });
        assertThat(byEmail("jane.new@example.com")).singleElement().satisfies(c -> {
            assertThat(c.getId()).isEqualTo(account.getId());
            assertThat(c.getFirstName()).isEqualTo("J");
        });
        assertThat(counts.emailsHeld()).isEqualTo(1);
        assertThat(counts.emailsReleased()).isZero();
    }

    @Test
    void shouldNotTakeTheEmailOfACustomerVendsyncCreatedThatHasBecomeAPasswordLogin() {
        final var writer = writer();
        final String johnKey = "vend-customer-d0ec5c87-03a5-33f6-1dd7-6195124c1f3e";
        writer.apply(jane(10, T0).build());
        writer.apply(jane(20, T0).setKey(johnKey).setVendCustomerId("d0ec5c87-03a5-33f6-1dd7-6195124c1f3e").setFirstName("John")
                .setEmail("john@example.com").build());
        // John signed up in the web shop with the customer vendsync made: its email is his login now.
        final Customer john = project.direct.customers().withKey(johnKey).get().executeBlocking().getBody();
        project.direct.customers().withId(john.getId()).post(CustomerUpdateBuilder.of().version(john.getVersion())
                .actions(CustomerSetAuthenticationModeActionBuilder.of().authMode(AuthenticationMode.PASSWORD).password("secret-1").build())
                .build()).executeBlocking();

        writer.apply(jane(11, T0).setEmail("john@example.com").build());

        assertThat(byEmail("john@example.com")).singleElement().satisfies(c -> assertThat(c.getKey()).isEqualTo(johnKey));
        assertThat(byKey().getEmail()).isEqualToIgnoringCase("jane.doe@example.com");
        assertThat(counts.emailsHeld()).isEqualTo(1);
        assertThat(counts.emailsReleased()).isZero();
    }

    @Test
    void shouldWaitForTheCustomerVendsyncCreatedForAnotherVendCustomerToGiveUpTheEmailOfANewOne() {
        final var writer = writer();
        writer.apply(jane(10, T0).build());
        final String ownerKey = "vend-customer-e1fd6d98-04b6-44a7-2ee8-72a6235d2a4f";

        assertThatThrownBy(() -> writer.apply(jane(30, T0).setKey(ownerKey).setVendCustomerId("e1fd6d98-04b6-44a7-2ee8-72a6235d2a4f").build()))
                .isInstanceOf(SinkWriteException.class)
                .satisfies(e -> assertThat(new io.vendsync.sink.internals.FailureClassifier().classify(e).kind())
                        .as("on a retry tier, not dead-lettered at once").isEqualTo(io.vendsync.sink.internals.Failure.Kind.TRANSIENT));
        assertThat(byEmail("jane.doe@example.com")).singleElement().satisfies(c -> assertThat(c.getKey()).isEqualTo(KEY));
    }

    @Test
    void shouldUpdateACustomerWhoseEmailVendRemovedAndKeepItsEmail() {
        final var writer = writer();
        writer.apply(jane(10, T0).build());

        assertThat(writer.apply(jane(11, T0).setEmail(null).setMarketingConsent(false).setLastName("Doe-Smith").build()))
                .isEqualTo(WriteOutcome.UPDATED);

        assertThat(byKey()).satisfies(c -> {
            assertThat(c.getEmail()).as("commercetools requires one: it keeps its own").isEqualToIgnoringCase("jane.doe@example.com");
            assertThat(c.getLastName()).isEqualTo("Doe-Smith");
            assertThat(CustomerType.fields(c)).as("the opt-out arrives").containsEntry(CustomerType.MARKETING_CONSENT, false);
        });
        assertThat(writer.apply(jane(12, T0).setEmail("jane.doe@example.com").setMarketingConsent(false).setLastName("Doe-Smith").build()))
                .as("its email back in Vend: nothing to change, and no online edit").isEqualTo(WriteOutcome.UNCHANGED);
        assertThat(counts.onlineEditsOverwritten()).isZero();
    }

    @Test
    void shouldCreateNoCustomerWithoutAnEmail() {
        project.log.clear();
        assertThat(writer().apply(jane(10, T0).setEmail(null).build())).isEqualTo(WriteOutcome.UNCHANGED);

        assertThat(project.requests("POST", "/customers")).as("commercetools requires an email").isEmpty();
        assertThat(project.direct.customers().get().executeBlocking().getBody().getResults()).isEmpty();
    }

    @Test
    void shouldNotOverwriteFieldOwnedByCommercetools() {
        final var writer = writer(Map.of(CustomerField.NAME, Owner.COMMERCETOOLS), DeletePolicy.DELETE_CREATED);
        writer.apply(jane(10, T0).build());
        editOnline("Janey");

        writer.apply(jane(11, T0 + 60_000).setFirstName("Janet").setCompanyName("Acme").build());

        final Customer after = byKey();
        assertThat(after.getFirstName()).isEqualTo("Janey");
        assertThat(after.getCompanyName()).as("Vend's own field still flows").isEqualTo("Acme");
        assertThat(counts.skippedOverwrites()).isEqualTo(1);
    }

    @Test
    void shouldOverwriteAnOnlineEditOfAVendOwnedFieldAndCountIt() {
        final var writer = writer();
        writer.apply(jane(10, T0).build());
        editOnline("Janey");

        writer.apply(jane(11, T0 + 60_000).setLastName("Doe-Smith").build());

        assertThat(byKey().getFirstName()).isEqualTo("Jane");
        assertThat(counts.onlineEditsOverwritten()).isEqualTo(1);
    }

    @Test
    void shouldKeepANewerOnlineEditOfANewestField() {
        final var writer = writer(Map.of(CustomerField.NAME, Owner.NEWEST), DeletePolicy.DELETE_CREATED);
        writer.apply(jane(10, T0).build());
        editOnline("Janey");

        // The Vend change happened before the online edit (updated_at long ago): the online edit wins.
        writer.apply(jane(11, T0 + 1).setFirstName("Janet").setCompanyName("Acme").build());
        assertThat(byKey().getFirstName()).isEqualTo("Janey");
        assertThat(counts.skippedOverwrites()).isEqualTo(1);

        // A Vend change after the online edit wins.
        writer.apply(jane(12, System.currentTimeMillis() + 60_000).setFirstName("Janet").setCompanyName("Acme").build());
        assertThat(byKey().getFirstName()).isEqualTo("Janet");
    }

    @Test
    void shouldNotApplyAnOlderVendVersion() {
        final var writer = writer();
        writer.apply(jane(10, T0).setFirstName("Janet").build());
        project.log.clear();

        assertThat(writer.apply(jane(9, T0).setFirstName("Old").build())).isEqualTo(WriteOutcome.SKIPPED_STALE);
        assertThat(project.writes()).isEmpty();
        assertThat(byKey().getFirstName()).isEqualTo("Janet");
    }

    @Test
    void shouldFollowVendGroupMembership() {
        final var writer = writer();
        writer.apply(jane(10, T0).setCustomerGroupKey("vend-group-vip").build());
        final CustomerGroup vip = project.direct.customerGroups().withKey("vend-group-vip").get().executeBlocking().getBody();
        assertThat(byKey().getCustomerGroup().getId()).isEqualTo(vip.getId());

        writer.apply(jane(11, T0).setCustomerGroupKey("vend-group-gold").build());
        final CustomerGroup gold = project.direct.customerGroups().withKey("vend-group-gold").get().executeBlocking().getBody();
        assertThat(byKey().getCustomerGroup().getId()).isEqualTo(gold.getId());
    }

    @Test
    void shouldNameTheCustomerGroupAsVendDoesAndFollowARename() {
        final var writer = writer();
        writer.apply(jane(10, T0).setCustomerGroupKey("vend-group-vip").setCustomerGroupName("VIP").build());
        assertThat(project.direct.customerGroups().withKey("vend-group-vip").get().executeBlocking().getBody().getName()).isEqualTo("VIP");

        writer.apply(jane(11, T0).setCustomerGroupKey("vend-group-vip").setCustomerGroupName("Gold members").build());
        assertThat(project.direct.customerGroups().withKey("vend-group-vip").get().executeBlocking().getBody().getName())
                .isEqualTo("Gold members");
        project.log.clear();
        writer.apply(jane(12, T0).setCustomerGroupKey("vend-group-vip").setCustomerGroupName("Gold members").setPhone("+64 9 555").build());
        assertThat(project.requests("GET", "/customer-groups/")).as("a known name is not read again").isEmpty();

        // A record older than the customer (a retry tier, a replay) does not name the group back.
        writer.apply(jane(10, T0).setCustomerGroupKey("vend-group-vip").setCustomerGroupName("VIP").build());
        assertThat(project.direct.customerGroups().withKey("vend-group-vip").get().executeBlocking().getBody().getName())
                .isEqualTo("Gold members");
    }

    @Test
    void shouldDeleteACustomerVendsyncCreatedWhenDeletedInVend() {
        final var writer = writer();
        writer.apply(jane(10, T0).build());

        writer.apply(io.vendsync.schemas.canonical.v1.Customer.newBuilder().setKey(KEY).setVendCustomerId(VEND_ID).setDeleted(true)
                .setSourceVersion(11).build());

        assertThat(byEmail("jane.doe@example.com")).isEmpty();
        assertThat(counts.deleted()).isEqualTo(1);
        project.log.clear();
        assertThat(writer.apply(io.vendsync.schemas.canonical.v1.Customer.newBuilder().setKey(KEY).setVendCustomerId(VEND_ID)
                .setDeleted(true).setSourceVersion(11).build())).isEqualTo(WriteOutcome.UNCHANGED);
        assertThat(project.writes()).isEmpty();
    }

    @Test
    void shouldKeepALinkedCustomerWhenDeletedInVend() {
        onlineCustomer("jane.doe@example.com", null);
        final var writer = writer();
        writer.apply(jane(10, T0).build());

        writer.apply(io.vendsync.schemas.canonical.v1.Customer.newBuilder().setKey(KEY).setVendCustomerId(VEND_ID).setDeleted(true)
                .setSourceVersion(11).build());

        assertThat(byKey().getKey()).as("kept with its key, so its orders still find it").isEqualTo(KEY);
        assertThat(counts.deletesKept()).isEqualTo(1);
    }

    @Test
    void shouldKeepEveryCustomerUnderDeletePolicyKeep() {
        final var writer = writer(Map.of(), DeletePolicy.KEEP);
        writer.apply(jane(10, T0).build());

        writer.apply(io.vendsync.schemas.canonical.v1.Customer.newBuilder().setKey(KEY).setVendCustomerId(VEND_ID).setDeleted(true)
                .setSourceVersion(11).build());

        assertThat(byEmail("jane.doe@example.com")).hasSize(1);
    }
}
