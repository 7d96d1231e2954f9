package io.vendsync.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vendsync.ingest.IngestConfig;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.schemas.raw.VendChange;
import io.vendsync.schemas.serde.ConfluentRestSchemaRegistryClient;
import io.vendsync.schemas.serde.SerdeFactory;
import io.vendsync.simulator.InventoryRecord;
import io.vendsync.simulator.SimulatorOptions;
import io.vendsync.simulator.VendSimulator;
import io.vendsync.testkit.commercetools.CommercetoolsMock;
import io.vendsync.testkit.kafka.KafkaFixture;
import io.vendsync.testkit.kafka.TopicProbe;
import io.vendsync.testkit.registry.ApicurioRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Confluent wire format against a real schema registry server (Apicurio Registry, its Confluent-compatible API,
 * compatibility BACKWARD), not one the test fakes: the pipeline registers each topic's value schema under
 * {@code <topic>-value}, a consumer that knows nothing of vendsync decodes the values with the registry alone, and the
 * registry refuses a schema change that would break readers of what is already on a topic.
 */
class SchemaRegistryEndToEndTest {

    private static final Duration CONVERGE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final KafkaFixture kafka = KafkaFixture.shared();
    private final String prefix = "registry" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final Topics topics = new Topics(prefix, SerdeFactory.singleObject()); // for the names only
    private ApicurioRegistry registry;
    private CommercetoolsMock commercetools;
    private VendSimulator vend;

    @BeforeEach
    void start() {
        registry = ApicurioRegistry.shared();
        System.out.printf("Apicurio Registry ready in %d ms at %s%n", registry.startup().toMillis(), registry.confluentUrl());
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
            assertThat(subjects()).contains(raw, canonical, topics.rawProducts.name() + "-value", topics.rawOutlets.name() + "-value");
            assertThat(get("/subjects/" + encode(canonical) + "/versions")).containsExactly(1);

            // A plain Avro consumer: the magic byte, the schema id, the writer schema from the registry, a generic reader.
            final List<GenericRecord> rawChanges = decode(topics.rawInventory.name(), VendChange.getClassSchema());
            assertThat(rawChanges).hasSizeGreaterThanOrEqualTo(vend.inventory().size())
                    .allSatisfy(change -> assertThat(((GenericRecord) change.get("source")).get("entity").toString()).isEqualTo("inventory"));
            final Map<String, Long> quantityByInventoryId = new HashMap<>();
            for (final GenericRecord level : decode(topics.canonicalInventory.name(), InventoryLevel.getClassSchema())) {
                quantityByInventoryId.put(level.get("vend_inventory_id").toString(), (Long) level.get("quantity"));
            }
            final java.util.Set<String> withSku = vend.products().stream().filter(p -> p.sku() != null && !p.sku().isBlank())
                    .map(io.vendsync.simulator.Product::id).collect(java.util.stream.Collectors.toSet());
            for (final InventoryRecord record : vend.inventory().stream().filter(r -> withSku.contains(r.productId())).toList()) {
                assertThat(quantityByInventoryId.get(record.id())).as("canonical level of %s", record.id())
                        .isEqualTo((long) record.inventoryLevel());
            }

            // BACKWARD: a new required field would leave readers of the new schema unable to read the levels on the topic.
            final Schema breaking = withField(InventoryLevel.getClassSchema(), "{\"name\":\"warehouse\",\"type\":\"string\"}");
            final HttpResponse<String> refused = register(canonical, breaking);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThatThrownBy(() -> new ConfluentRestSchemaRegistryClient(registry.confluentUrl(), null).register(canonical, breaking))
                    .as("the apps' own client, as a serializer with that schema would call it")
                    .isInstanceOf(SerializationException.class).hasMessageContaining("409");
            // An optional field with a default stays readable both ways: the registry takes it as version 2.
            final Schema compatible = withField(InventoryLevel.getClassSchema(),
                    "{\"name\":\"warehouse\",\"type\":[\"null\",\"string\"],\"default\":null}");
            final HttpResponse<String> accepted = register(canonical, compatible);
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
            assertThat(get("/subjects/" + encode(canonical) + "/versions")).containsExactly(1, 2);
        }
    }

    /** Every value of {@code topic}, decoded as a consumer without vendsync's classes would; checks the writer schema too. */
    private List<GenericRecord> decode(final String topic, final Schema contract) throws Exception {
        final List<GenericRecord> records = new ArrayList<>();
        for (final ConsumerRecord<String, byte[]> record : TopicProbe.readAll(kafka.bootstrapServers(), topic,
                new StringDeserializer(), new ByteArrayDeserializer())) {
            final byte[] bytes = record.value();
            assertThat(bytes[0]).as("Confluent magic byte on %s", topic).isZero();
            final int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
            final Schema writer = new Schema.Parser().parse(getJson("/schemas/ids/" + id).path("schema").asText());
            assertThat(writer).as("the registered schema is the published contract").isEqualTo(contract);
            records.add(new GenericDatumReader<GenericRecord>(writer).read(null,
                    DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null)));
        }
        return records;
    }

    private static Schema withField(final Schema schema, final String field) throws IOException {
        final JsonNode json = JSON.readTree(schema.toString());
        ((com.fasterxml.jackson.databind.node.ArrayNode) json.get("fields")).add(JSON.readTree(field));
        return new Schema.Parser().parse(json.toString());
    }

    private List<String> subjects() throws Exception {
        final List<String> subjects = new ArrayList<>();
        getJson("/subjects").forEach(node -> subjects.add(node.asText()));
        return subjects;
    }

    private List<Integer> get(final String path) throws Exception {
        final List<Integer> values = new ArrayList<>();
        getJson(path).forEach(node -> values.add(node.asInt()));
        return values;
    }

    private JsonNode getJson(final String path) throws Exception {
        final HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(registry.confluentUrl() + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> register(final String subject, final Schema schema) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(registry.confluentUrl() + "/subjects/" + encode(subject) + "/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("schema", schema.toString()))))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(final String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }
}
