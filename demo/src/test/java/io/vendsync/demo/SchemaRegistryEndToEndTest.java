package io.vendsync.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vendsync.ingest.IngestConfig;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.schemas.raw.VendChange;
import io.vendsync.schemas.serde.ConfluentRestSchemaRegistryClient;
import io.vendsync.schemas.serde.SerdeFactory;
import io.vendsync.simulator.InventoryRecord;
import io.vendsync.simulator.Product;
import io.vendsync.simulator.SimulatorOptions;
import io.vendsync.simulator.VendSimulator;
import io.vendsync.testkit.commercetools.CommercetoolsMock;
import io.vendsync.testkit.kafka.KafkaFixture;
import io.vendsync.testkit.registry.ApicurioRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The Confluent wire format against a real schema registry server (Apicurio Registry through its Confluent-compatible
 * API, compatibility BACKWARD), not one the test fakes: the pipeline registers each topic's value schema under
 * {@code <topic>-value}, a consumer that knows nothing of vendsync decodes the values with the registry alone, and the
 * registry refuses a schema change that would break readers of what is already on a topic.
 *
 * It starts a registry JVM of its own, so it runs alone ({@link Isolated}) rather than beside another pipeline.
 */
@Isolated
class SchemaRegistryEndToEndTest {

    private static final Duration CONVERGE = Duration.ofSeconds(90);

    private final KafkaFixture kafka = KafkaFixture.shared();
    private final String prefix = "registry" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final Topics topics = new Topics(prefix, SerdeFactory.singleObject()); // for the names only
    private ApicurioRegistry registry;
    private PlainAvroConsumer plain;
    private CommercetoolsMock commercetools;
    private VendSimulator vend;

    @BeforeEach
    void start() {
        registry = ApicurioRegistry.shared();
        System.out.printf("Apicurio Registry ready in %d ms at %s%n", registry.startup().toMillis(), registry.confluentUrl());
        plain = new PlainAvroConsumer(registry.confluentUrl());
        commercetools = CommercetoolsMock.shared().withUniqueProjectKey();
        vend = VendSimulator.start(SimulatorOptions.defaults());
        vend.seed(2, 4, 17L);
    }

    @AfterEach
    void stop() {
        vend.close();
    }

    @Test
    void shouldRegisterRawAndCanonicalValuesUnderTopicValueSubjectsThatAPlainAvroConsumerDecodes() throws Exception {
        final CommercetoolsInventoryReader reader = new CommercetoolsInventoryReader(commercetools.apiUrl(),
                commercetools.authUrl(), commercetools.projectKey(), commercetools.clientId(), commercetools.clientSecret());
        final LocalPipeline.Settings settings = new LocalPipeline.Settings(kafka.bootstrapServers(), prefix,
                commercetools.projectKey(), Duration.ofHours(1), false,
                Map.of(IngestConfig.VEND_ENTITIES, "outlets,products,inventory")).withSchemaRegistry(registry.confluentUrl());
        try (LocalPipeline pipeline = LocalPipeline.start(settings, vend, commercetools)) {
            // The sink could only write what it decoded from Confluent-framed bytes, through the registry.
            final long deadline = System.nanoTime() + CONVERGE.toNanos();
            ExpectedInventory.Comparison comparison;
            do {
                Thread.sleep(250);
                comparison = ExpectedInventory.compare(vend, reader.readAll(), pipeline.mapperConfig()::derivedChannelKey);
            } while (!comparison.converged() && System.nanoTime() < deadline);
            assertThat(comparison.converged()).as("commercetools matches Vend: %s", comparison).isTrue();

            final String raw = topics.rawInventory.name() + "-value";
            final String canonical = topics.canonicalInventory.name() + "-value";
            assertThat(plain.subjects()).contains(raw, canonical, topics.rawProducts.name() + "-value", topics.rawOutlets.name() + "-value");
            assertThat(plain.versions(canonical)).containsExactly(1);

            final List<PlainAvroConsumer.Decoded> rawChanges = plain.readAll(kafka.bootstrapServers(), topics.rawInventory.name());
            assertThat(rawChanges).hasSizeGreaterThanOrEqualTo(vend.inventory().size()).allSatisfy(change -> {
                assertThat(change.writer()).as("the registered schema is the published contract").isEqualTo(VendChange.getClassSchema());
                assertThat(((GenericRecord) change.record().get("source")).get("entity").toString()).isEqualTo("inventory");
            });
            final Map<String, Long> quantityByInventoryId = new HashMap<>();
            for (final PlainAvroConsumer.Decoded level : plain.readAll(kafka.bootstrapServers(), topics.canonicalInventory.name())) {
                assertThat(level.writer()).as("the registered schema is the published contract").isEqualTo(InventoryLevel.getClassSchema());
                quantityByInventoryId.put(level.record().get("vend_inventory_id").toString(), (Long) level.record().get("quantity"));
            }
            final Set<String> withSku = vend.products().stream().filter(p -> p.sku() != null && !p.sku().isBlank())
                    .map(Product::id).collect(Collectors.toSet());
            for (final InventoryRecord record : vend.inventory().stream().filter(r -> withSku.contains(r.productId())).toList()) {
                assertThat(quantityByInventoryId.get(record.id())).as("canonical level of %s", record.id()).isEqualTo(record.inventoryLevel());
            }

            // BACKWARD: a new required field would leave readers of the new schema unable to read the levels on the topic.
            final Schema breaking = PlainAvroConsumer.withField(InventoryLevel.getClassSchema(), "{\"name\":\"warehouse\",\"type\":\"string\"}");
            final PlainAvroConsumer.Registration refused = plain.register(canonical, breaking);
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThatThrownBy(() -> new ConfluentRestSchemaRegistryClient(registry.confluentUrl(), null).register(canonical, breaking))
                    .as("the apps' own client, as a serializer with that schema would call it")
                    .isInstanceOf(SerializationException.class).hasMessageContaining("409");
            // An optional field with a default stays readable both ways: the registry takes it as version 2.
            final PlainAvroConsumer.Registration accepted = plain.register(canonical, PlainAvroConsumer.withField(
                    InventoryLevel.getClassSchema(), "{\"name\":\"warehouse\",\"type\":[\"null\",\"string\"],\"default\":null}"));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
            assertThat(plain.versions(canonical)).containsExactly(1, 2);
        }
    }
}
