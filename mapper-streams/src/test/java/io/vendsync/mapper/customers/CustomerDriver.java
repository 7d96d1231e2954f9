package io.vendsync.mapper.customers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vendsync.mapper.TopologyFixture;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.Customer;
import io.vendsync.schemas.canonical.v1.ValidationError;
import io.vendsync.schemas.mapping.CustomerLink;
import io.vendsync.schemas.raw.Op;
import io.vendsync.schemas.raw.VendChange;
import io.vendsync.schemas.serde.SerdeFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;

/** The customer mapper in a {@link TopologyTestDriver}, built from the app's own Streams settings, with Vend 2.0 helpers. */
final class CustomerDriver implements AutoCloseable {

    static final Topics TOPICS = new Topics("test.customers.", SerdeFactory.singleObject());
    static final String ALL_CUSTOMERS = "b1ca8902-f019-11e3-a0f5-b8ca3a64f800";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TopologyFixture fixture;
    private final TestOutputTopic<String, Customer> canonical;

    CustomerDriver(final Path stateDir, final Map<String, String> settings) {
        fixture = new TopologyFixture(stateDir, TOPICS, settings, "vendsync-mapper-customers", CustomerMappingTopology::build);
        canonical = fixture.output(TOPICS.canonicalCustomers);
    }

    void group(final String id, final String name, final String groupId, final long version) {
        final ObjectNode node = JSON.createObjectNode().put("id", id).put("name", name).put("group_id", groupId).put("version", version);
        node.putNull("deleted_at");
        fixture.raw("customer_groups", id, change(Op.u, "customer_groups", node.toString(), version));
    }

    /** The Vend 2.0 retailer (the store) with its country. */
    void retailer(final String country, final long version) {
        final ObjectNode node = JSON.createObjectNode().put("id", "retailer-1").put("domain_prefix", "acme").put("country", country)
                .put("tax_exclusive", true).put("version", version);
        node.putObject("currency").put("code", "NZD").put("symbol", "$");
        fixture.raw("retailer", "retailer-1", change(Op.u, "retailer", node.toString(), version));
    }

    /** A Vend 2.0 customer with the usual fields; {@code email} may be null. */
    ObjectNode customer(final String id, final String email, final String groupId, final String createdAt, final long version) {
        final ObjectNode node = JSON.createObjectNode().put("id", id).put("customer_code", "CODE-" + id).put("first_name", "Jane")
                .put("last_name", "Doe").put("email", email).put("customer_group_id", groupId).put("company_name", "")
                .put("phone", "+64 9 555 0100").putNull("mobile").put("date_of_birth", "1990-02-03").put("do_not_email", false)
                .put("physical_address_1", "1 Queen St").put("physical_city", "Auckland").put("physical_postcode", "1010")
                .put("physical_country_id", "nz").put("custom_field_1", "likes tea").put("custom_field_2", " ")
                .put("created_at", createdAt).put("updated_at", "2025-01-19T16:49:35+00:00").put("version", version);
        node.putNull("deleted_at");
        return node;
    }

    void pipe(final ObjectNode customer) {
        final boolean deleted = customer.hasNonNull("deleted_at");
        fixture.raw("customers", customer.get("id").asText(),
                change(deleted ? Op.d : Op.u, "customers", customer.toString(), customer.get("version").asLong()));
    }

    void delete(final ObjectNode customer, final long version) {
        pipe(customer.put("deleted_at", "2025-02-01T00:00:00+00:00").put("version", version));
    }

    void rawCustomer(final String key, final String after) {
        fixture.raw("customers", key, change(Op.u, "customers", after, 1));
    }

    void link(final String vendId, final String commercetoolsId) {
        fixture.pipe(TOPICS.customerLinkOverrides, vendId, CustomerLink.newBuilder().setCustomerId(vendId)
                .setCommercetoolsCustomerId(commercetoolsId).setOrigin("test").build());
    }

    List<KeyValue<String, Customer>> published() {
        return canonical.readKeyValuesToList();
    }

    List<ValidationError> errors() {
        return fixture.errors().stream().map(kv -> kv.value).toList();
    }

    private static VendChange change(final Op op, final String entity, final String after, final long version) {
        return TopologyFixture.change(op, entity, after, version, TopologyFixture.START_MS);
    }

    @Override
    public void close() {
        fixture.close();
    }
}
