package io.vendsync.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.schemas.raw.VendChange;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SpecificAvroSerdeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InventoryLevel level = InventoryLevel.newBuilder()
            .setSku("SKU-1").setChannelKey("vend-outlet-a").setQuantity(7).setSourceVersion(42)
            .setSourceTsMs(1_700_000_000_000L).setVendProductId("p").setVendOutletId("o").setVendInventoryId("i")
            .setDomainPrefix("demo").build();

    private HttpServer registry;
    private final List<String> requests = new ArrayList<>();
    private final Map<Integer, String> schemas = new ConcurrentHashMap<>();

    @BeforeEach
    void startRegistry() throws IOException {
        // The two Confluent Schema Registry REST calls, as the Confluent, Apicurio (ccompat) and Karapace servers answer them.
        registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        registry.createContext("/", this::answer);
        registry.start();
    }

    @AfterEach
    void stopRegistry() {
        registry.stop(0);
    }

    @Test
    void shouldFrameSingleObjectEncodingWithMarkerAndFingerprint() {
        final SpecificAvroSerde<InventoryLevel> serde = SpecificAvroSerde.singleObject(InventoryLevel.class);
        final byte[] bytes = serde.serializer().serialize("t", level);
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        final long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(SchemaNormalization.parsingFingerprint64(InventoryLevel.getClassSchema()));
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(level);
    }

    @Test
    void shouldPassTombstonesThrough() {
        final SpecificAvroSerde<InventoryLevel> serde = SpecificAvroSerde.singleObject(InventoryLevel.class);
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void shouldRejectBytesOfAnotherSchemaWithSerializationException() {
        final byte[] change = SpecificAvroSerde.singleObject(VendChange.class).serializer().serialize("t",
                VendChange.newBuilder().setAfter("{}").setOp(io.vendsync.schemas.raw.Op.u).setTsMs(1)
                        .setSource(io.vendsync.schemas.raw.VendSource.newBuilder().setDomainPrefix("d").setEntity("e")
                                .setVersion(1).setTsMs(1).setTrigger("poll").build()).build());
        assertThatThrownBy(() -> SpecificAvroSerde.singleObject(InventoryLevel.class).deserializer().deserialize("t", change))
                .isInstanceOf(SerializationException.class).hasMessageContaining("InventoryLevel");
    }

    @Test
    void shouldWriteConfluentFramingAndRegisterUnderTopicValueSubject() {
        final SerdeFactory factory = SerdeFactory.forRegistryUrl("http://127.0.0.1:" + registry.getAddress().getPort(), null);
        assertThat(factory.format()).isEqualTo(WireFormat.CONFLUENT);
        final SpecificAvroSerde<InventoryLevel> serde = factory.avro(InventoryLevel.class);
        final byte[] bytes = serde.serializer().serialize("vendsync.canonical.inventory.v1", level);
        assertThat(bytes[0]).isEqualTo((byte) 0);
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(1);
        assertThat(requests).containsExactly("POST /subjects/vendsync.canonical.inventory.v1-value/versions");
        serde.serializer().serialize("vendsync.canonical.inventory.v1", level);
        assertThat(requests).as("the id is cached").hasSize(1);

        // A fresh reader knows nothing: it fetches the writer schema by id.
        final SpecificAvroSerde<InventoryLevel> reader = SerdeFactory
                .forRegistryUrl("http://127.0.0.1:" + registry.getAddress().getPort(), null).avro(InventoryLevel.class);
        assertThat(reader.deserializer().deserialize("vendsync.canonical.inventory.v1", bytes)).isEqualTo(level);
        assertThat(requests).endsWith("GET /schemas/ids/1");
    }

    @Test
    void shouldRefuseUnframedBytesInConfluentMode() {
        final SpecificAvroSerde<InventoryLevel> confluent = SerdeFactory
                .forRegistryUrl("http://127.0.0.1:" + registry.getAddress().getPort(), null).avro(InventoryLevel.class);
        final byte[] singleObject = SpecificAvroSerde.singleObject(InventoryLevel.class).serializer().serialize("t", level);
        assertThatThrownBy(() -> confluent.deserializer().deserialize("t", singleObject))
                .isInstanceOf(SerializationException.class).hasMessageContaining("magic byte");
    }

    private void answer(final HttpExchange exchange) throws IOException {
        final String path = exchange.getRequestURI().getPath();
        requests.add(exchange.getRequestMethod() + " " + path);
        final String body;
        int status = 200;
        if ("POST".equals(exchange.getRequestMethod()) && path.startsWith("/subjects/")) {
            final JsonNode request = JSON.readTree(exchange.getRequestBody());
            final String schema = new Schema.Parser().parse(request.path("schema").asText()).toString();
            final int id = schemas.entrySet().stream().filter(e -> e.getValue().equals(schema)).map(Map.Entry::getKey)
                    .findFirst().orElseGet(() -> {
                        schemas.put(schemas.size() + 1, schema);
                        return schemas.size();
                    });
            body = "{\"id\":" + id + "}";
        } else if (path.startsWith("/schemas/ids/")) {
            final String schema = schemas.get(Integer.parseInt(path.substring("/schemas/ids/".length())));
            if (schema == null) {
                status = 404;
                body = "{\"error_code\":40403,\"message\":\"Schema not found\"}";
            } else {
                body = JSON.writeValueAsString(Map.of("schema", schema));
            }
        } else {
            status = 404;
            body = "{}";
        }
        final byte[] out = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
        exchange.sendResponseHeaders(status, out.length);
        exchange.getResponseBody().write(out);
        exchange.close();
    }
}
