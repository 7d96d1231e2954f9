package io.vendsync.mapper.customers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vendsync.mapper.MapperConfig;
import io.vendsync.schemas.canonical.v1.Customer;
import io.vendsync.schemas.canonical.v1.ValidationError;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #11: Vend customers become canonical customers; one test per matching, duplicate, group and delete rule. */
class CustomerMappingTopologyTest {

    private static final String JANE = "b8ca3a65-0183-11e4-fbb5-4f73f02a9d1c";
    private static final String JANE_TWIN = "b8ca3a65-0183-11e4-fbb5-4f73f02a9d2d";
    private static final String VIP = "b1ca8902-f019-11e3-a0f5-b8ca3a64f8f4";
    private static final String OLDER = "2024-01-01T00:00:00+00:00";
    private static final String NEWER = "2024-06-01T00:00:00+00:00";

    @TempDir
    Path stateDir;

    private CustomerDriver mapper;

    @AfterEach
    void close() {
        if (mapper != null) {
            mapper.close();
        }
    }

    private CustomerDriver start(final Map<String, String> settings) {
        mapper = new CustomerDriver(stateDir, settings);
        mapper.group(CustomerDriver.ALL_CUSTOMERS, "All Customers", "1111111111", 1);
        mapper.group(VIP, "VIP", "0123456789", 2);
        return mapper;
    }

    @Test
    void shouldKeyCustomerByPrefixAndVendIdWithItsFields() {
        final CustomerDriver driver = start(Map.of());
        driver.pipe(driver.customer(JANE, " Jane@Example.com ", VIP, OLDER, 10));

        final List<KeyValue<String, Customer>> published = driver.published();
        assertThat(published).hasSize(1);
        assertThat(published.get(0).key).isEqualTo("vend-customer-" + JANE);
        final Customer jane = published.get(0).value;
        assertThat(jane.getKey()).isEqualTo("vend-customer-" + JANE);
        assertThat(jane.getEmail()).as("trimmed, case kept: commercetools preserves it").isEqualTo("Jane@Example.com");
        assertThat(jane.getCustomerCode()).isEqualTo("CODE-" + JANE);
        assertThat(jane.getDateOfBirth()).isEqualTo("1990-02-03");
        assertThat(jane.getMarketingConsent()).as("do_not_email=false").isTrue();
        assertThat(jane.getAddress().getCountry()).isEqualTo("NZ");
        assertThat(jane.getAddress().getLine1()).isEqualTo("1 Queen St");
        assertThat(jane.getCustomFields()).as("blank custom fields are left out").isEqualTo(Map.of("custom_field_1", "likes tea"));
        assertThat(jane.getCompanyName()).as("blank reads as none").isNull();
        assertThat(jane.getSourceVersion()).isEqualTo(10);
        assertThat(jane.getSourceUpdatedAtMs()).isEqualTo(java.time.Instant.parse("2025-01-19T16:49:35Z").toEpochMilli());
        assertThat(driver.errors()).isEmpty();
    }

    /** Lightspeed's API 2.0 OpenAPI, {@code GET /customers} example, verbatim: a full customer and an unnamed one without email. */
    @Test
    void shouldMapTheDocumentedCustomerExampleWithEveryFieldItCarries() {
        final CustomerDriver driver = start(Map.of());
        driver.rawCustomer("b8ca3a65-0183-11e4-fbb5-4f73f02a9d1c", "{\"id\": \"b8ca3a65-0183-11e4-fbb5-4f73f02a9d1c\", "
                + "\"customer_code\": \"Tony-N4ZJ\", \"first_name\": \"Anthony\", \"last_name\": \"Stark\", \"email\": \"tony@stark.com\", "
                + "\"year_to_date\": 0, \"balance\": -25840.85, \"loyalty_balance\": 5809.64, \"note\": \"\", \"gender\": \"M\", "
                + "\"date_of_birth\": \"1963-03-03\", \"company_name\": \"Stark Industries Inc\", \"do_not_email\": false, "
                + "\"phone\": \"+001 555 12345678\", \"mobile\": \"+001 485 23456789\", \"fax\": \"+001 555 12345345\", "
                + "\"twitter\": \"@ironman\", \"website\": \"http://www.starkinc.com\", \"physical_suburb\": \"Suburb\", "
                + "\"physical_city\": \"Los Angeles\", \"physical_postcode\": \"23422\", \"physical_state\": \"California\", "
                + "\"postal_suburb\": \"Suburb\", \"postal_city\": \"Los Angeles\", \"postal_state\": \"California\", "
                + "\"customer_group_id\": \"b1ca8902-f019-11e3-a0f5-b8ca3a64f8f4\", \"enable_loyalty\": true, \"on_account_limit\": 1000, "
                + "\"created_at\": \"2014-10-09T05:20:09+00:00\", \"updated_at\": \"2017-01-19T16:49:35+00:00\", \"version\": 2691964626, "
                + "\"postal_postcode\": \"23422\", \"name\": \"Anthony Stark\", \"physical_address_1\": \"Street 1\", "
                + "\"physical_address_2\": \"Street 2\", \"physical_country_id\": \"NZ\", \"postal_address_1\": \"Street 1\", "
                + "\"postal_address_2\": \"Street 2\", \"postal_country_id\": \"NZ\", \"custom_field_1\": \"test\", "
                + "\"custom_field_2\": \"\", \"custom_field_3\": \"\", \"custom_field_4\": \"\"}");
        driver.rawCustomer("06bf537b-c783-11e6-ff13-f21286299973", "{\"id\": \"06bf537b-c783-11e6-ff13-f21286299973\", "
                + "\"customer_code\": \"UNNAMED-669D\", \"first_name\": null, \"last_name\": null, \"year_to_date\": 0, \"balance\": 0, "
                + "\"loyalty_balance\": 0, \"on_account_limit\": null, \"do_not_email\": false, "
                + "\"customer_group_id\": \"b1ca8902-f019-11e3-a0f5-b8ca3a64f8f4\", \"enable_loyalty\": true, "
                + "\"created_at\": \"2017-02-13T17:33:25+00:00\", \"updated_at\": \"2017-02-13T17:33:25+00:00\", \"version\": 2847386277}");

        final Customer tony = driver.published().stream().map(kv -> kv.value).filter(c -> c.getEmail() != null).findFirst().orElseThrow();
        assertThat(tony.getKey()).isEqualTo("vend-customer-b8ca3a65-0183-11e4-fbb5-4f73f02a9d1c");
        assertThat(tony.getCustomerCode()).isEqualTo("Tony-N4ZJ");
        assertThat(tony.getFirstName()).isEqualTo("Anthony");
        assertThat(tony.getLastName()).isEqualTo("Stark");
        assertThat(tony.getCompanyName()).isEqualTo("Stark Industries Inc");
        assertThat(tony.getDateOfBirth()).isEqualTo("1963-03-03");
        assertThat(tony.getPhone()).isEqualTo("+001 555 12345678");
        assertThat(tony.getMobile()).isEqualTo("+001 485 23456789");
        assertThat(tony.getMarketingConsent()).isTrue();
        assertThat(tony.getAddress().getLine1()).isEqualTo("Street 1");
        assertThat(tony.getAddress().getLine2()).isEqualTo("Street 2");
        assertThat(tony.getAddress().getCity()).isEqualTo("Los Angeles");
        assertThat(tony.getAddress().getPostcode()).isEqualTo("23422");
        assertThat(tony.getAddress().getState()).isEqualTo("California");
        assertThat(tony.getAddress().getCountry()).isEqualTo("NZ");
        assertThat(tony.getCustomFields()).isEqualTo(Map.of("custom_field_1", "test"));
        assertThat(tony.getCustomerGroupKey()).isEqualTo("vend-group-b1ca8902-f019-11e3-a0f5-b8ca3a64f8f4");
        assertThat(tony.getSourceVersion()).isEqualTo(2691964626L);
        assertThat(driver.errors()).singleElement().satisfies(e -> {
            assertThat(e.getCode()).isEqualTo("CUSTOMER_EMAIL_MISSING");
            assertThat(e.getSourceKey()).isEqualTo("06bf537b-c783-11e6-ff13-f21286299973");
        });
    }

    /**
     * Vend's walk-in customer (the official vend-cli's govend customer.go, GET /api/2.0/customers example, verbatim) is
     * what an anonymous sale names; it is no person, so under every missing-email policy it becomes no customer and no
     * report (a placeholder customer would collect every anonymous sale).
     */
    @Test
    void shouldNeitherPublishNorReportVendsWalkInCustomer() {
        for (final String policy : List.of("withhold", "placeholder")) {
            mapper = new CustomerDriver(stateDir.resolve(policy), Map.of(MapperConfig.CUSTOMER_EMAIL_MISSING_POLICY, policy));
            final CustomerDriver driver = mapper;
            driver.rawCustomer("b8ca3a65-011c-11e4-fbb5-5973b0cb6b3f", "{\"id\": \"b8ca3a65-011c-11e4-fbb5-5973b0cb6b3f\", "
                    + "\"customer_code\": \"WALKIN\", \"first_name\": null, \"last_name\": null, \"email\": null, \"year_to_date\": 0, "
                    + "\"balance\": 0, \"loyalty_balance\": 0, \"note\": null, \"gender\": null, \"date_of_birth\": null, "
                    + "\"company_name\": null, \"phone\": null, \"mobile\": null, \"fax\": null, \"twitter\": null, \"website\": null, "
                    + "\"physical_suburb\": null, \"physical_city\": null, \"physical_postcode\": null, \"physical_state\": null, "
                    + "\"postal_suburb\": null, \"postal_city\": null, \"postal_state\": null, "
                    + "\"customer_group_id\": \"b8ca3a65-011c-11e4-fbb5-5973b0cb3205\", \"enable_loyalty\": false, "
                    + "\"created_at\": \"2014-10-21T22:43:35+00:00\", \"updated_at\": \"2014-11-19T11:42:51+00:00\", \"deleted_at\": null, "
                    + "\"version\": 11882051, \"postal_postcode\": null, \"name\": null, \"physical_address_1\": null, "
                    + "\"physical_address_2\": null, \"physical_country_id\": null, \"postal_address_1\": null, \"postal_address_2\": null, "
                    + "\"postal_country_id\": null, \"custom_field_1\": null, \"custom_field_2\": null, \"custom_field_3\": null, "
                    + "\"custom_field_4\": null}");
            driver.pipe(driver.customer(JANE, null, VIP, OLDER, 10).put("customer_code", "JANE-1"));

            assertThat(driver.published()).as(policy).extracting(kv -> kv.value.getVendCustomerId()).doesNotContain("b8ca3a65-011c-11e4-fbb5-5973b0cb6b3f");
            assertThat(driver.errors()).as(policy + ": only the real customer without email is reported")
                    .extracting(ValidationError::getSourceKey).containsOnly(JANE);
            mapper.close();
            mapper = null;
        }
    }

    /** A customer whose cashier filled in only the postal address (2.0 Customer has physical_* and postal_*) keeps it. */
    @Test
    void shouldTakeThePostalAddressWhenVendHasNoPhysicalOne() {
        final CustomerDriver driver = start(Map.of());
        final var jane = driver.customer(JANE, "jane@example.com", VIP, OLDER, 10);
        List.of("physical_address_1", "physical_city", "physical_postcode", "physical_country_id").forEach(jane::remove);
        jane.putNull("physical_address_2").put("physical_suburb", "");
        jane.put("postal_address_1", "PO Box 5").put("postal_city", "Wellington").put("postal_postcode", "6011")
                .put("postal_country_id", "nz");
        driver.pipe(jane);

        final Customer published = driver.published().get(0).value;
        assertThat(published.getAddress()).isNotNull();
        assertThat(published.getAddress().getLine1()).isEqualTo("PO Box 5");
        assertThat(published.getAddress().getCity()).isEqualTo("Wellington");
        assertThat(published.getAddress().getPostcode()).isEqualTo("6011");
        assertThat(published.getAddress().getCountry()).isEqualTo("NZ");
    }

    /** A physical address of only a country (a store's default) is no address against a postal one with lines. */
    @Test
    void shouldTakeThePostalAddressWhenThePhysicalOneHasOnlyACountry() {
        final CustomerDriver driver = start(Map.of());
        final var jane = driver.customer(JANE, "jane@example.com", VIP, OLDER, 10);
        List.of("physical_address_1", "physical_city", "physical_postcode").forEach(jane::remove);
        jane.put("physical_country_id", "NZ").put("postal_address_1", "PO Box 5").put("postal_city", "Wellington")
                .put("postal_postcode", "6011").put("postal_country_id", "NZ");
        driver.pipe(jane);

        final Customer published = driver.published().get(0).value;
        assertThat(published.getAddress().getLine1()).isEqualTo("PO Box 5");
        assertThat(published.getAddress().getCity()).isEqualTo("Wellington");
        assertThat(published.getAddress().getCountry()).isEqualTo("NZ");
    }

    /** An email pasted with a no-break or zero-width space around it is the same email as its twin's. */
    @Test
    void shouldTakeAnEmailWithUnicodeBlanksAroundItForTheSameEmail() {
        final CustomerDriver driver = start(Map.of());
        driver.pipe(driver.customer(JANE, "jane@example.com", VIP, OLDER, 10));
        driver.pipe(driver.customer(JANE_TWIN, "\u200Bjane@example.com\u00A0", VIP, NEWER, 11));

        assertThat(driver.published()).extracting(kv -> kv.value.getEmail()).containsOnly("jane@example.com");
        assertThat(driver.errors()).singleElement().satisfies(e -> {
            assertThat(e.getCode()).as("a duplicate of Jane's, not a second customer").isEqualTo("CUSTOMER_EMAIL_DUPLICATE");
            assertThat(e.getSourceKey()).isEqualTo(JANE_TWIN);
        });
    }

    @Test
    void shouldReportAnUnreadableCustomerByItsIdWithoutItsPersonalData() {
        final CustomerDriver driver = start(Map.of());
        driver.pipe(driver.customer(JANE, "jane@example.com", VIP, OLDER, 10).put("date_of_birth", "1985-13-45"));

        assertThat(driver.published()).isEmpty();
        assertThat(driver.errors()).singleElement().satisfies(e -> {
            assertThat(e.getCode()).isEqualTo("PAYLOAD_INVALID");
            assertThat(e.getSourceKey()).isEqualTo(JANE);
            assertThat(e.getReason()).contains("date_of_birth").doesNotContain("1985").doesNotContain("jane@");
            assertThat(e.getPayload()).as("the error topic is read more widely than the customers'").isNull();
        });
    }

    @Test
    void shouldUseThePriceScopeGroupKeyForVipMembers() {
        final CustomerDriver driver = start(Map.of(MapperConfig.CUSTOMER_GROUP_KEY_PREFIX, "grp-"));
        driver.pipe(driver.customer(JANE, "jane@example.com", VIP, OLDER, 10));

        assertThat(driver.published().get(0).value.getCustomerGroupKey()).isEqualTo("grp-" + VIP);
    }

    @Test
    void shouldCarryVendsNameOfTheGroupAndFollowARename() {
        final CustomerDriver driver = start(Map.of());
        driver.group(VIP, "VIP", "VIP-Y968", 5);
        driver.pipe(driver.customer(JANE, "jane@example.com", VIP, OLDER, 10));
        assertThat(driver.published()).last().satisfies(kv -> assertThat(kv.value.getCustomerGroupName()).isEqualTo("VIP"));

        driver.group(VIP, "Gold members", "VIP-Y968", 6);
        assertThat(driver.published()).last().satisfies(kv -> assertThat(kv.value.getCustomerGroupName()).isEqualTo("Gold members"));
    }

    @Test
    void shouldGiveNoCommercetoolsGroupForAllCustomers() {
        final CustomerDriver driver = start(Map.of());
        driver.pipe(driver.customer(JANE, "jane@example.com", CustomerDriver.ALL_CUSTOMERS, OLDER, 10));

        assertThat(driver.published().get(0).value.getCustomerGroupKey()).isNull();
    }

    @Test
    void shouldPublishOnlyTheOldestOfTwoCustomersWhoseEmailsDifferInCase() {
        final CustomerDriver driver = start(Map.of());
        driver.pipe(driver.customer(JANE_TWIN, "JANE@example.com", VIP, NEWER, 11));
        driver.pipe(driver.customer(JANE, "jane@EXAMPLE.com", VIP, OLDER, 10));

        final List<KeyValue<String, Customer>> published = driver.published();
        // The newer one is published first (it was alone), then the older one takes the email over, naming the duplicate
        // whose commercetools customer the sink hands over to it.
        assertThat(published).extracting(kv -> kv.key).containsExactly("vend-customer-" + JANE_TWIN, "vend-customer-" + JANE);
        assertThat(published.get(0).value.getEmailDuplicateKeys()).isEmpty();
        assertThat(published.get(1).value.getEmailDuplicateKeys()).containsExactly("vend-customer-" + JANE_TWIN);
        final List<ValidationError> errors = driver.errors();
        assertThat(errors).hasSize(1);
        final ValidationError duplicate = errors.get(0);
        assertThat(duplicate.getCode()).isEqualTo("CUSTOMER_EMAIL_DUPLICATE");
        assertThat(duplicate.getSourceKey()).isEqualTo(JANE_TWIN);
        assertThat(duplicate.getCandidates()).as("both, oldest first").containsExactly(JANE, JANE_TWIN);
        assertThat(duplicate.getSuggestedFix()).contains("Merge the duplicates in Vend");
        assertThat(duplicate.getPayload()).as("no personal data on errors.validation").doesNotContain("example.com").doesNotContain("Jane");
    }

    @Test
    void shouldWithholdEveryDuplicateUnderWithholdAll() {
        final CustomerDriver driver = start(Map.of(MapperConfig.CUSTOMER_EMAIL_DUPLICATE_POLICY, "withhold-all"));
        driver.pipe(driver.customer(JANE, "jane@example.com", VIP, OLDER, 10));
        driver.published();
        driver.pipe(driver.customer(JANE_TWIN, "Jane@Example.com", VIP, NEWER, 11));

        assertThat(driver.published()).isEmpty();
        assertThat(driver.errors()).extracting(ValidationError::getSourceKey).containsExactlyInAnyOrder(JANE, JANE_TWIN);
    }

    @Test
    void shouldReleaseTheWithheldDuplicateWhenTheOwnerIsDeleted() {
        final CustomerDriver driver = start(Map.of());
        final var jane = driver.customer(JANE, "jane@example.com", VIP, OLDER, 10);
        driver.pipe(jane);
        driver.pipe(driver.customer(JANE_TWIN, "jane@example.com", VIP, NEWER, 11));
        // Jane again, now naming the duplicate she owns the email against (the twin itself is withheld).
        assertThat(driver.published()).extracting(kv -> kv.key, kv -> kv.value.getEmailDuplicateKeys()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("vend-customer-" + JANE, List.of()),
                org.assertj.core.groups.Tuple.tuple("vend-customer-" + JANE, List.of("vend-customer-" + JANE_TWIN)));

        driver.delete(jane, 12);

        final List<KeyValue<String, Customer>> published = driver.published();
        assertThat(published).extracting(kv -> kv.key).containsExactlyInAnyOrder("vend-customer-" + JANE, "vend-customer-" + JANE_TWIN);
        assertThat(published).filteredOn(kv -> kv.key.endsWith(JANE)).singleElement().satisfies(kv -> {
            assertThat(kv.value.getDeleted()).isTrue();
            assertThat(kv.value.getEmail()).as("a delete carries no personal data").isNull();
            assertThat(kv.value.getFirstName()).isNull();
        });
    }

    @Test
    void shouldReportAndWithholdCustomerWithoutEmail() {
        final CustomerDriver driver = start(Map.of());
        driver.pipe(driver.customer(JANE, null, VIP, OLDER, 10));

        assertThat(driver.published()).as("published without an email: the sink creates no customer without one")
                .singleElement().satisfies(kv -> {
                    assertThat(kv.value.getEmail()).isNull();
                    assertThat(kv.value.getEmailPlaceholder()).isFalse();
                });
        assertThat(driver.errors()).singleElement().satisfies(e -> {
            assertThat(e.getCode()).isEqualTo("CUSTOMER_EMAIL_MISSING");
            assertThat(e.getSourceKey()).isEqualTo(JANE);
        });
    }

    @Test
    void shouldPublishPlaceholderEmailUnderPlaceholderPolicyAndStillReportIt() {
        final CustomerDriver driver = start(Map.of(MapperConfig.CUSTOMER_EMAIL_MISSING_POLICY, "placeholder"));
        driver.pipe(driver.customer(JANE, "  ", VIP, OLDER, 10));

        final Customer jane = driver.published().get(0).value;
        assertThat(jane.getEmail()).isEqualTo("vend-customer-" + JANE + "@no-email.invalid");
        assertThat(jane.getEmailPlaceholder()).isTrue();
        assertThat(driver.errors()).extracting(ValidationError::getCode).containsExactly("CUSTOMER_EMAIL_MISSING");
    }

    @Test
    void shouldReportAndWithholdAnEmailCommercetoolsCannotUse() {
        final CustomerDriver driver = start(Map.of());
        driver.pipe(driver.customer(JANE, "jane at example", VIP, OLDER, 10));

        assertThat(driver.published()).singleElement().satisfies(kv -> assertThat(kv.value.getEmail()).isNull());
        assertThat(driver.errors()).extracting(ValidationError::getCode).containsExactly("CUSTOMER_EMAIL_INVALID");
    }

    @Test
    void shouldPassOnTheOptOutOfACustomerWhoseEmailVendRemoved() {
        final CustomerDriver driver = start(Map.of());
        driver.pipe(driver.customer(JANE, "jane@example.com", VIP, OLDER, 10).put("do_not_email", false));
        assertThat(driver.published()).singleElement().satisfies(kv -> assertThat(kv.value.getMarketingConsent()).isTrue());

        // She asks to be forgotten by email: the cashier clears the email and ticks "do not email".
        driver.pipe(driver.customer(JANE, null, VIP, OLDER, 11).put("do_not_email", true));

        assertThat(driver.published()).singleElement().satisfies(kv -> {
            assertThat(kv.value.getEmail()).isNull();
            assertThat(kv.value.getMarketingConsent()).as("the opt-out reaches commercetools").isFalse();
        });
        assertThat(driver.errors()).extracting(ValidationError::getCode).containsExactly("CUSTOMER_EMAIL_MISSING");
    }

    @Test
    void shouldIgnoreAnOlderVendVersion() {
        final CustomerDriver driver = start(Map.of());
        driver.pipe(driver.customer(JANE, "jane@example.com", VIP, OLDER, 10).put("first_name", "Janet"));
        driver.pipe(driver.customer(JANE, "jane@example.com", VIP, OLDER, 9).put("first_name", "Old"));
        driver.pipe(driver.customer(JANE, "jane@example.com", VIP, OLDER, 10).put("first_name", "Janet"));

        assertThat(driver.published()).extracting(kv -> kv.value.getFirstName()).containsExactly("Janet");
    }

    @Test
    void shouldCarryTheExplicitLinkOverride() {
        final CustomerDriver driver = start(Map.of());
        driver.pipe(driver.customer(JANE, "jane@example.com", VIP, OLDER, 10));
        driver.link(JANE, "ct-customer-42");

        final List<KeyValue<String, Customer>> published = driver.published();
        assertThat(published.get(published.size() - 1).value.getCommercetoolsCustomerId()).isEqualTo("ct-customer-42");
    }

    @Test
    void shouldPutAnAddressVendGivesNoCountryInTheStoresCountrySoCommercetoolsKeepsItAndThePhone() {
        final CustomerDriver driver = start(Map.of());
        driver.retailer("nz", 1);
        driver.pipe(driver.customer(JANE, "jane@example.com", VIP, OLDER, 10).putNull("physical_country_id"));

        final Customer published = last(driver);
        assertThat(published.getAddress().getCountry()).isEqualTo("NZ");
        assertThat(published.getAddress().getCity()).isEqualTo("Auckland");
        assertThat(published.getPhone()).isEqualTo("+64 9 555 0100");
    }

    @Test
    void shouldGiveACustomerWithOnlyAPhoneAnAddressOnceTheStoresCountryArrives() {
        final CustomerDriver driver = start(Map.of());
        final ObjectNode phoneOnly = driver.customer(JANE, "jane@example.com", VIP, OLDER, 10);
        for (final String part : List.of("physical_address_1", "physical_city", "physical_postcode", "physical_country_id")) {
            phoneOnly.putNull(part);
        }
        driver.pipe(phoneOnly);
        assertThat(last(driver).getAddress()).isNull();

        driver.retailer("NZ", 1); // read after the customer: the customer is decided again
        assertThat(last(driver).getAddress()).satisfies(address -> {
            assertThat(address.getCountry()).isEqualTo("NZ");
            assertThat(address.getLine1()).isNull();
        });
    }

    @Test
    void shouldKeepTheCustomersOwnCountryOverTheStores() {
        final CustomerDriver driver = start(Map.of());
        driver.retailer("AU", 1);
        driver.pipe(driver.customer(JANE, "jane@example.com", VIP, OLDER, 10));

        assertThat(last(driver).getAddress().getCountry()).isEqualTo("NZ");
    }

    /** The last record published since the previous read (reading the output consumes it). */
    private static Customer last(final CustomerDriver driver) {
        final List<KeyValue<String, Customer>> published = driver.published();
        assertThat(published).isNotEmpty();
        return published.get(published.size() - 1).value;
    }

    @Test
    void shouldReadTheZeroDateOlderVendApisSendAsNoDateOfBirth() {
        final CustomerDriver driver = start(Map.of());
        driver.pipe(driver.customer(JANE, "jane@example.com", VIP, OLDER, 10).put("date_of_birth", "0000-00-00 00:00:00"));

        assertThat(driver.errors()).isEmpty();
        assertThat(driver.published()).singleElement().satisfies(kv -> assertThat(kv.value.getDateOfBirth()).isNull());
    }

    @Test
    void shouldReportUnreadableCustomerRecord() {
        final CustomerDriver driver = start(Map.of());
        driver.rawCustomer(JANE, "{\"id\":\"" + JANE + "\",\"date_of_birth\":\"not a date\",\"version\":3}");

        assertThat(driver.published()).isEmpty();
        assertThat(driver.errors()).extracting(ValidationError::getCode).containsExactly("PAYLOAD_INVALID");
    }
}
