package io.vendsync.demo.catalog;

import static io.vendsync.demo.Awaits.await;
import static io.vendsync.demo.Awaits.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vendsync.demo.Awaits;
import io.vendsync.demo.FullReplay;
import io.vendsync.demo.LocalPipeline;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.ValidationError;
import io.vendsync.schemas.serde.SerdeFactory;
import io.vendsync.simulator.SimulatorOptions;
import io.vendsync.simulator.VendSimulator;
import io.vendsync.testkit.commercetools.CommercetoolsMock;
import io.vendsync.testkit.kafka.KafkaFixture;
import io.vendsync.testkit.kafka.TopicProbe;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #11 on real components: a store's customers (VIP members, one without an email, two whose emails differ only in
 * case, one deleted) go Vend simulator -> ingest -> raw topics -> customer mapper -> canonical.customer.v1 -> sink ->
 * commercetools mock, where two customers already exist online (one to link by email, one whose key belongs to another
 * system). Checked by reading commercetools over plain HTTP; then a webhook edit, a delete, and a full replay.
 */
class CustomerEndToEndTest {

    private final KafkaFixture kafka = KafkaFixture.shared();
    private final String prefix = "cus" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final Topics topics = new Topics(prefix, SerdeFactory.singleObject());
    private CommercetoolsMock commercetools;
    private CommercetoolsCatalogView view;
    private VendSimulator vend;

    @BeforeEach
    void startVendAndCommercetools() {
        commercetools = CommercetoolsMock.shared().withUniqueProjectKey();
        view = new CommercetoolsCatalogView(commercetools);
        vend = VendSimulator.start(SimulatorOptions.defaults());
        vend.seed(1, 1, 31L);
        vend.seedStore(1, 6, 31L); // six customers, the first and the sixth in the VIP group
    }

    @AfterEach
    void stopVend() {
        vend.close();
    }

    @Test
    void shouldLandAStoresCustomersInCommercetoolsByTheRulesAndWriteNothingOnReplay() throws Exception {
        final List<String> cases = vend.seedCustomerCases(31L);
        final String noEmail = cases.get(0);
        final String twin = cases.get(1);
        final String twinLower = cases.get(2);
        final String deleted = cases.get(3);
        final String walkIn = cases.get(4);
        final List<JsonNode> seeded = live().stream().filter(c -> !cases.contains(id(c))).toList();
        final JsonNode toLink = seeded.get(0);
        final JsonNode conflicting = seeded.get(1);
        // Online first: a shopper who signed up with the POS customer's email in other letter case, and a CRM-keyed one.
        final String onlineId = view.post("customers", "{\"email\":\"" + toLink.path("email").asText().toUpperCase(Locale.ROOT)
                + "\",\"password\":\"s3cret-pw\",\"firstName\":\"Online\"}").path("customer").path("id").asText();
        view.post("customers", "{\"email\":\"" + conflicting.path("email").asText() + "\",\"password\":\"s3cret-pw\",\"key\":\"crm-1\"}");

        try (LocalPipeline pipeline = start()) {
            final String keyPrefix = pipeline.mapperConfig().customerKeyPrefix();
            final List<String> expected = live().stream().map(CustomerEndToEndTest::id)
                    .filter(id -> !List.of(noEmail, twinLower, id(conflicting), walkIn).contains(id)).toList();
            for (final String id : expected) {
                await("commercetools customer " + keyPrefix + id, () -> customer(keyPrefix + id));
            }

            // Linked, not duplicated: the online shopper now carries the Vend key.
            assertThat(customer(keyPrefix + id(toLink)).orElseThrow().path("id").asText()).isEqualTo(onlineId);
            // Two emails differing in case: one commercetools customer, the older Vend customer's.
            assertThat(view.customers()).filteredOn(c -> c.path("email").asText().equalsIgnoreCase("pat.twin@example.com"))
                    .singleElement().satisfies(c -> assertThat(c.path("key").asText()).isEqualTo(keyPrefix + twin));
            // Withheld: no email, the younger twin, the deleted one, the one whose online match has another key, and
            // Vend's walk-in customer (no person).
            for (final String id : List.of(noEmail, twinLower, deleted, id(conflicting), walkIn)) {
                assertThat(customer(keyPrefix + id)).as("no commercetools customer for " + id).isEmpty();
            }
            assertThat(view.customers()).filteredOn(c -> "crm-1".equals(c.path("key").asText())).hasSize(1);
            // VIP members are in the commercetools group of the price scopes' key; the others in none.
            final String vipKey = pipeline.mapperConfig().customerGroupKeyPrefix() + vipGroupId();
            final String vipId = view.customerGroups().stream().filter(g -> vipKey.equals(g.path("key").asText())).findFirst()
                    .orElseThrow().path("id").asText();
            // The mock drops a draft's group, so the writer sets it by an update right after the create: wait for it.
            await("the VIP group on " + twin, () -> customer(keyPrefix + twin)
                    .filter(c -> vipId.equals(c.path("customerGroup").path("id").asText())));
            assertThat(customer(keyPrefix + id(seeded.get(2))).orElseThrow().path("customerGroup").isMissingNode()).isTrue();
            // Reported with the rule's code and both candidates; the key conflict is dead-lettered by the sink.
            final List<ValidationError> errors = TopicProbe.await(kafka.bootstrapServers(), topics.validationErrors.name(),
                    new StringDeserializer(), topics.validationErrors.valueSerde().deserializer(), all -> all.stream()
                            .map(ConsumerRecord::value).anyMatch(e -> "CUSTOMER_EMAIL_DUPLICATE".equals(e.getCode())), Awaits.CONVERGE)
                    .stream().map(ConsumerRecord::value).toList();
            assertThat(errors).anySatisfy(e -> {
                assertThat(e.getCode()).isEqualTo("CUSTOMER_EMAIL_MISSING");
                assertThat(e.getSourceKey()).isEqualTo(noEmail);
            });
            assertThat(errors).as("the walk-in customer is not reported").noneMatch(e -> walkIn.equals(e.getSourceKey()));
            assertThat(errors).filteredOn(e -> "CUSTOMER_EMAIL_DUPLICATE".equals(e.getCode())).allSatisfy(e -> {
                assertThat(e.getSourceKey()).isEqualTo(twinLower);
                assertThat(e.getCandidates()).containsExactly(twin, twinLower);
            });
            awaitTrue(() -> pipeline.sink().catalogStatistics().orElseThrow().failed() == 1);

            // A Vend edit arrives by webhook (customer.update); a Vend delete removes the customer vendsync created.
            final JsonNode edited = seeded.get(2);
            vend.putCustomer(id(edited), fields(edited).put("last_name", "Renamed"));
            await("the edit", () -> customer(keyPrefix + id(edited)).filter(c -> "Renamed".equals(c.path("lastName").asText())));
            vend.deleteCustomer(id(seeded.get(3)));
            awaitTrue(() -> call(() -> customer(keyPrefix + id(seeded.get(3))).isEmpty()));
            assertThat(customer(keyPrefix + id(toLink))).as("a linked customer is kept by the default delete policy").isPresent();

            // A second sink replays every canonical topic from the start: it writes nothing to commercetools.
            for (final io.vendsync.simulator.Product product : vend.products()) {
                await("seeded product " + product.sku(), () -> view.variantBySku(product.sku()));
            }
            awaitSettled(pipeline);
            assertThat(FullReplay.writes(kafka.bootstrapServers(), topics, pipeline, prefix + "replay", Duration.ofSeconds(120)))
                    .as("commercetools writes while replaying every canonical topic").isEmpty();
            // Personal data stays out of the integration log by default.
            assertThat(TopicProbe.readAll(kafka.bootstrapServers(), topics.integrationLog.name(), new StringDeserializer(),
                    topics.integrationLog.valueSerde().deserializer())).map(ConsumerRecord::value)
                    .filteredOn(e -> e.getUrl().contains("/customers"))
                    .noneMatch(e -> String.valueOf(e.getRequestBody()).contains(toLink.path("last_name").asText())
                            || String.valueOf(e.getResponseBody()).contains(toLink.path("last_name").asText()));
        }
    }

    /** The main sink applied everything it was given: its counts stay put for two seconds. */
    private static void awaitSettled(final LocalPipeline pipeline) throws InterruptedException {
        long last = -1;
        for (int stable = 0; stable < 4; ) {
            final long now = pipeline.sink().statistics().processed() + pipeline.sink().catalogStatistics().orElseThrow().processed()
                    + pipeline.sink().catalogStatistics().orElseThrow().retried();
            stable = now == last ? stable + 1 : 0;
            last = now;
            Thread.sleep(500);
        }
    }

    private LocalPipeline start() {
        return LocalPipeline.start(new LocalPipeline.Settings(kafka.bootstrapServers(), prefix, commercetools.projectKey(),
                Duration.ofHours(1), true), vend, commercetools);
    }

    private List<JsonNode> live() {
        return vend.records("customers").stream().filter(c -> c.path("deleted_at").isNull() || c.path("deleted_at").isMissingNode())
                .toList();
    }

    private Optional<JsonNode> customer(final String key) throws Exception {
        return view.customers().stream().filter(c -> key.equals(c.path("key").asText(null))).findFirst();
    }

    private String vipGroupId() {
        return vend.records("customer_groups").stream().filter(g -> "VIP".equals(g.path("name").asText())).findFirst()
                .orElseThrow().path("id").asText();
    }

    /** A customer's 2.0 fields as putCustomer takes them: without what Vend sets itself. */
    private static ObjectNode fields(final JsonNode customer) {
        final ObjectNode fields = customer.deepCopy();
        for (final String own : List.of("id", "version", "created_at", "updated_at", "deleted_at")) {
            fields.remove(own);
        }
        return fields;
    }

    private static String id(final JsonNode customer) {
        return customer.path("id").asText();
    }

    private static boolean call(final java.util.concurrent.Callable<Boolean> probe) {
        try {
            return probe.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
