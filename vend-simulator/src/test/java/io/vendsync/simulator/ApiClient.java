package io.vendsync.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Minimal real-HTTP client for the tests: java.net.http over loopback. */
final class ApiClient {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;

    ApiClient(final VendSimulator simulator) {
        this(simulator.baseUrl(), simulator.token());
    }

    ApiClient(final String baseUrl, final String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    HttpResponse<String> get(final String path) {
        return send(authorized(path).GET().build());
    }

    HttpResponse<String> getWithAuthorization(final String path, final String authorizationHeader) {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10));
        if (authorizationHeader != null) {
            builder.header("Authorization", authorizationHeader);
        }
        return send(builder.GET().build());
    }

    HttpResponse<String> postForm(final String path, final String field, final String value) {
        final String body = field + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
        return send(authorized(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> postJsonUnauthenticated(final String path, final String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> put(final String path) {
        return send(authorized(path).PUT(HttpRequest.BodyPublishers.noBody()).build());
    }

    HttpResponse<String> delete(final String path) {
        return send(authorized(path).DELETE().build());
    }

    static JsonNode json(final HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder authorized(final String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(final HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
