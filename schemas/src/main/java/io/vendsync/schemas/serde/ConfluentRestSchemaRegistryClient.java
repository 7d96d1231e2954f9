package io.vendsync.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A small client of the Confluent Schema Registry REST API (also served by Apicurio under
 * {@code /apis/ccompat/v7} and by Karapace). io.confluent jars are not on Maven Central, so we speak
 * the two calls we need ourselves. Results are cached: ids and schemas are immutable once assigned.
 */
public final class ConfluentRestSchemaRegistryClient implements SchemaRegistryClient {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String authorization;
    private final HttpClient http;
    private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

    /**
     * @param baseUrl registry base URL, e.g. {@code http://registry:8081} or {@code http://apicurio/apis/ccompat/v7}
     * @param authorization value of the Authorization header, or null
     */
    public ConfluentRestSchemaRegistryClient(final String baseUrl, final String authorization) {
        this.baseUrl = stripTrailingSlash(Objects.requireNonNull(baseUrl, "baseUrl"));
        this.authorization = authorization;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public int register(final String subject, final Schema schema) {
        final String cacheKey = subject + '\u0000' + schema.toString();
        return idsBySubjectAndSchema.computeIfAbsent(cacheKey, k -> {
            final String body;
            try {
                body = JSON.writeValueAsString(Map.of("schema", schema.toString()));
            } catch (IOException e) {
                throw new SerializationException("Cannot encode schema for subject " + subject, e);
            }
            final String path = "/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "/versions";
            final JsonNode answer = send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build(), path);
            final int id = answer.path("id").asInt(-1);
            if (id < 0) {
                throw new SerializationException("Schema registry answered without an id for " + subject + ": " + answer);
            }
            schemasById.putIfAbsent(id, schema);
            return id;
        });
    }

    @Override
    public Schema schemaById(final int id) {
        return schemasById.computeIfAbsent(id, k -> {
            final String path = "/schemas/ids/" + id;
            final JsonNode answer = send(request(path).GET().build(), path);
            return new Schema.Parser().parse(answer.path("schema").asText());
        });
    }

    private HttpRequest.Builder request(final String path) {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", CONTENT_TYPE)
                .header("Content-Type", CONTENT_TYPE);
        if (authorization != null && !authorization.isBlank()) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private JsonNode send(final HttpRequest request, final String path) {
        try {
            final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new SerializationException("Schema registry " + request.method() + " " + path
                        + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SerializationException("Schema registry " + request.method() + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SerializationException("Interrupted talking to the schema registry", e);
        }
    }

    private static String stripTrailingSlash(final String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
