package io.vendsync.mapper.customers;

import io.vendsync.mapper.vend.VendCustomer;
import io.vendsync.mapper.vend.VendCustomerParser;
import io.vendsync.mapper.vend.VendReferenceParser;
import io.vendsync.mapper.MapperConfig;
import io.vendsync.mapper.internals.EmitOnChange;
import io.vendsync.mapper.internals.JsonSerde;
import io.vendsync.mapper.internals.RawTopicReader;
import io.vendsync.mapper.internals.RecordMapper;
import io.vendsync.mapper.vend.VendCustomerGroup;
import io.vendsync.mapper.vend.VendRetailer;
import io.vendsync.mapper.internals.VersionGate;
import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.mapping.CustomerLink;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TableJoined;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Maps Vend customers to {@code canonical.customer.v1} (keyed by {@code customer.key.prefix} + Vend id), reporting on
 * {@code errors.validation}. Runs as its own Kafka Streams application ({@code <application.id>-customers}).
 *
 * <ol>
 *   <li><b>Customers.</b> {@code raw.vend.customers} parsed ({@code PAYLOAD_INVALID} when unreadable) and version-gated,
 *       so late and duplicate events change nothing; deleted ones stay in the table, flagged.</li>
 *   <li><b>Email claims.</b> Live customers with an email are grouped by the SHA-256 of the normalised email (a KTable
 *       aggregate with subtractor, so an email change leaves its old group).</li>
 *   <li><b>Joins.</b> Each customer left-joins its link override ({@code mapping.customer}, same key), its group by foreign
 *       key ({@code raw.vend.customer_groups}) and the claims on its email by foreign key: a change on any side decides
 *       the customer again, so a duplicate that is deleted or renamed releases the other by itself. And the retailer,
 *       whose country is the fallback of an address without one.</li>
 *   <li><b>Decide.</b> {@link CustomerDecider}; an outcome is published only when it differs from the last one.</li>
 * </ol>
 */
public final class CustomerMappingTopology {

    public static final String CUSTOMER_VERSIONS_STORE = "customers-versions";
    public static final String CUSTOMERS_STORE = "customers";
    public static final String GROUP_VERSIONS_STORE = "customers-group-versions";
    public static final String GROUPS_STORE = "customers-groups";
    public static final String LINKS_STORE = "customers-links";
    public static final String CLAIMS_STORE = "customers-email-claims";
    public static final String LINKED_STORE = "customers-linked";
    public static final String GROUPED_STORE = "customers-grouped";
    public static final String STATES_STORE = "customers-states";
    public static final String EMITTED_STORE = "customers-emitted";
    public static final String RETAILER_VERSIONS_STORE = "customers-retailer-versions";
    public static final String RETAILER_COUNTRY_STORE = "customers-retailer-country";
    public static final String RETAILER_STORE = "customers-retailer";
    public static final String LOCATED_STORE = "customers-located";
    /** The one key the retailer (the store) is kept under, every customer's foreign key into it. */
    static final String STORE_KEY = "store";

    private CustomerMappingTopology() {
    }

    /** Adds the customer mapper's topology to {@code builder}. */
    public static void build(final StreamsBuilder builder, final Topics topics, final MapperConfig config) {
        final CustomerSettings settings = CustomerSettings.of(config, topics);
        final KTable<String, VendCustomer> customers = RawTopicReader.read(builder, topics, topics.raw("customers"), "customers",
                        "customers", VendCustomerParser::customer)
                .processValues(new VersionGate<VendCustomer>(CUSTOMER_VERSIONS_STORE, VendCustomer::version),
                        Named.as("customers-version-gate"))
                .toTable(Named.as("customers-table"), store(CUSTOMERS_STORE, new JsonSerde<>(VendCustomer.class)));

        // The price mapper reports unreadable customer_groups.
        final KTable<String, VendCustomerGroup> groups = RawTopicReader.readReportedElsewhere(builder, topics,
                        topics.raw("customer_groups"), "customer_groups", "customers-groups", VendReferenceParser::customerGroup,
                        RawTopicReader.nothingMore())
                .processValues(new VersionGate<VendCustomerGroup>(GROUP_VERSIONS_STORE, VendCustomerGroup::version),
                        Named.as("customers-groups-version-gate"))
                .toTable(Named.as("customers-groups-table"), store(GROUPS_STORE, new JsonSerde<>(VendCustomerGroup.class)));

        final Topic<String, CustomerLink> linkTopic = topics.customerLinkOverrides;
        final KTable<String, CustomerLink> links = builder.table(linkTopic.name(),
                linkTopic.consumed().withName("customers-links-source"), store(LINKS_STORE, linkTopic.valueSerde()));

        final KTable<String, EmailClaims> claims = customers
                .filter((id, customer) -> !customer.deleted() && customer.normalisedEmail() != null, Named.as("customers-claiming"))
                .groupBy((id, customer) -> KeyValue.pair(Emails.claimKey(customer.normalisedEmail()), EmailClaim.of(customer)),
                        Grouped.with("customers-by-email", Serdes.String(), new JsonSerde<>(EmailClaim.class)))
                .aggregate(() -> EmailClaims.NONE, (email, claim, current) -> current.with(claim),
                        (email, claim, current) -> current.without(claim.customerId()), Named.as("customers-email-claims-aggregate"),
                        store(CLAIMS_STORE, new JsonSerde<>(EmailClaims.class)));

        final KTable<String, CustomerState> states = customers
                .leftJoin(links, (customer, link) -> new CustomerState(customer,
                                link == null ? null : link.getCommercetoolsCustomerId(), null, null, null),
                        Named.as("customers-link-join"), store(LINKED_STORE, new JsonSerde<>(CustomerState.class)))
                // A customer without group or email joins nothing on that side and passes on with null.
                .leftJoin(groups, state -> state.customer().groupId(), CustomerState::withGroup,
                        TableJoined.as("customers-group-join"), store(GROUPED_STORE, new JsonSerde<>(CustomerState.class)))
                .leftJoin(claims, CustomerState::claimKey, CustomerState::withClaims,
                        TableJoined.as("customers-claims-join"), store(STATES_STORE, new JsonSerde<>(CustomerState.class)))
                // Only a change of the store's country re-joins the customers: then each is decided again (and published
                // only if it changed).
                .leftJoin(storeCountry(builder, topics), state -> STORE_KEY,
                        (state, store) -> state.withStoreCountry(store == null ? null : store.country()),
                        TableJoined.as("customers-retailer-join"), store(LOCATED_STORE, new JsonSerde<>(CustomerState.class)));

        final CustomerDecider decider = new CustomerDecider(settings);
        final KStream<String, CustomerOutcome> outcomes = states.toStream(Named.as("customers-changes"))
                .filter((id, state) -> state != null, Named.as("customers-present"))
                .processValues(new RecordMapper<CustomerState, CustomerOutcome>(decider::decide), Named.as("customers-decide"))
                .processValues(new EmitOnChange<CustomerOutcome>(EMITTED_STORE, CustomerOutcome::fingerprint),
                        Named.as("customers-emit-on-change"));
        outcomes.filter((id, outcome) -> outcome.customer() != null, Named.as("customers-published"))
                .map((id, outcome) -> KeyValue.pair(outcome.customer().getKey(), outcome.customer()), Named.as("customers-key"))
                .to(topics.canonicalCustomers.name(), topics.canonicalCustomers.produced().withName("customers-canonical-sink"));
        outcomes.flatMapValues(CustomerOutcome::errors, Named.as("customers-errors"))
                .to(topics.validationErrors.name(), topics.validationErrors.produced().withName("customers-errors-sink"));
    }

    /**
     * The retailer's country (one object; the price mapper reports it when unreadable), version-gated, under
     * {@link #STORE_KEY}, and only when it changed: any other retailer change (its currency, a version bump) would re-join
     * every customer for nothing.
     */
    private static KTable<String, StoreCountry> storeCountry(final StreamsBuilder builder, final Topics topics) {
        return RawTopicReader.readReportedElsewhere(builder, topics, topics.raw("retailer"), "retailer", "customers-retailer",
                        VendReferenceParser::retailer, RawTopicReader.nothingMore())
                .processValues(new VersionGate<VendRetailer>(RETAILER_VERSIONS_STORE, VendRetailer::version),
                        Named.as("customers-retailer-version-gate"))
                .mapValues(retailer -> new StoreCountry(retailer.country()), Named.as("customers-retailer-country"))
                .processValues(new EmitOnChange<StoreCountry>(RETAILER_COUNTRY_STORE, store -> String.valueOf(store.country())),
                        Named.as("customers-retailer-country-changes"))
                .selectKey((id, store) -> STORE_KEY, Named.as("customers-retailer-store-key"))
                .repartition(Repartitioned.<String, StoreCountry>as("customers-retailer-by-store")
                        .withKeySerde(Serdes.String()).withValueSerde(new JsonSerde<>(StoreCountry.class)))
                .toTable(Named.as("customers-retailer-table"), store(RETAILER_STORE, new JsonSerde<>(StoreCountry.class)));
    }

    private static <V> Materialized<String, V, KeyValueStore<Bytes, byte[]>> store(final String storeName, final Serde<V> valueSerde) {
        return Materialized.<String, V, KeyValueStore<Bytes, byte[]>>as(storeName)
                .withKeySerde(Serdes.String()).withValueSerde(valueSerde);
    }
}
