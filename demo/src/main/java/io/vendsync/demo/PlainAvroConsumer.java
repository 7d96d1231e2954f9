package io.vendsync.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.vendsync.testkit.kafka.TopicProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a consumer that knows nothing of vendsync sees of its topics through a Confluent-compatible schema registry:
 * plain HTTP to the registry's REST API and Avro's generic reader, no vendsync serde, no generated classes, no
 * io.confluent jars. The demo's {@code --registry} tour and the registry end-to-end test both look through it.
 */
public final class PlainAvroConsumer {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String registryUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** @param registryUrl the Confluent API base, e.g. {@code http://127.0.0.1:8080/apis/ccompat/v7} */
    public PlainAvroConsumer(final String registryUrl) {
        this.registryUrl = registryUrl;
    }

    /** A value as it travels: the schema id from its Confluent framing, the writer schema the registry has under it, the record. */
    public record Decoded(int schemaId, Schema writer, GenericRecord record) {
    }

    /** The registry's answer to a registration: 200 with an id, 409 for a schema the subject's compatibility refuses. */
    public record Registration(int status, String body) {
    }

    /** Every value of {@code topic} from the start (read_committed), decoded with the registry alone. */
    public List<Decoded> readAll(final String bootstrapServers, final String topic) {
        final List<Decoded> values = new ArrayList<>();
        for (final ConsumerRecord<String, byte[]> record : TopicProbe.readAll(bootstrapServers, topic, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            values.add(decode(topic, record.value()));
        }
        return values;
    }

    /** Magic byte 0, the schema id as a big-endian int32, then the Avro body written with that schema. */
    public Decoded decode(final String topic, final byte[] value) {
        if (value == null || value.length < 5 || value[0] != 0) {
            throw new IllegalArgumentException("Not a Confluent-framed Avro value on " + topic);
        }
        final int id = ByteBuffer.wrap(value, 1, 4).getInt();
        final Schema writer = new Schema.Parser().parse(get("/schemas/ids/" + id).path("schema").asText());
        try {
            final GenericRecord record = new GenericDatumReader<GenericRecord>(writer).read(null,
                    DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));
            return new Decoded(id, writer, record);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot decode a value of " + topic + " with schema id " + id, e);
        }
    }

    public List<String> subjects() {
        final List<String> subjects = new ArrayList<>();
        get("/subjects").forEach(node -> subjects.add(node.asText()));
        return subjects;
    }

    public List<Integer> versions(final String subject) {
        final List<Integer> versions = new ArrayList<>();
        get("/subjects/" + encode(subject) + "/versions").forEach(node -> versions.add(node.asInt()));
        return versions;
    }

    /** Asks the registry to take {@code schema} as the subject's next version. */
    public Registration register(final String subject, final Schema schema) {
        try {
            final HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(registryUrl + "/subjects/" + encode(subject) + "/versions"))
                    .header("Content-Type", CONTENT_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("schema", schema.toString()))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return new Registration(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach the registry at " + registryUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted talking to the registry", e);
        }
    }

    /** {@code schema} with one more field, given as its JSON, e.g. {@code {"name":"warehouse","type":"string"}}. */
    public static Schema withField(final Schema schema, final String fieldJson) {
        try {
            final JsonNode json = JSON.readTree(schema.toString());
            ((ArrayNode) json.get("fields")).add(JSON.readTree(fieldJson));
            return new Schema.Parser().parse(json.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode get(final String path) {
        try {
            final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(registryUrl + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Registry GET " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach the registry at " + registryUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted talking to the registry", e);
        }
    }

    private static String encode(final String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }
}
