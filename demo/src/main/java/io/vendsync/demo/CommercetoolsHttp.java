package io.vendsync.demo;

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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Plain HTTP to one commercetools project with client credentials, independent of the sink's SDK code, for readers
 * that check the sink's work with a second pair of eyes. Pages by offset, because the mock ignores {@code sort} and
 * cursor paging would skip entries.
 */
public final class CommercetoolsHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 500;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String apiUrl;
    private final String authUrl;
    private final String projectKey;
    private final String basicAuth;
    private String token;

    public CommercetoolsHttp(final String apiUrl, final String authUrl, final String projectKey, final String clientId,
                             final String clientSecret) {
        this.apiUrl = apiUrl;
        this.authUrl = authUrl;
        this.projectKey = projectKey;
        this.basicAuth = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Every resource of a collection, e.g. {@code ("product-projections", "&staged=true")}. */
    public List<JsonNode> readCollection(final String resource, final String extraQuery) throws IOException, InterruptedException {
        final List<JsonNode> all = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            final JsonNode page = get("/" + projectKey + "/" + resource + "?limit=" + PAGE + "&offset=" + offset + extraQuery);
            page.path("results").forEach(all::add);
            if (page.path("results").size() < PAGE) {
                return all;
            }
        }
    }

    /** Creates a resource (as a merchandiser would have before vendsync ran); the answer's body. */
    public JsonNode post(final String resource, final String body) throws IOException, InterruptedException {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(apiUrl + "/" + projectKey + "/" + resource))
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("commercetools POST " + resource + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private JsonNode get(final String path) throws IOException, InterruptedException {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(apiUrl + path))
                .header("Authorization", "Bearer " + token()).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("commercetools GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private synchronized String token() throws IOException, InterruptedException {
        if (token == null) {
            // The mock reads scope from the query string only; the real API accepts it there too.
            final String scope = URLEncoder.encode("manage_project:" + projectKey, StandardCharsets.UTF_8);
            final HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(authUrl + "?grant_type=client_credentials&scope=" + scope))
                    .header("Authorization", basicAuth)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + scope))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("commercetools token request answered " + response.statusCode() + ": " + response.body());
            }
            token = JSON.readTree(response.body()).path("access_token").asText();
        }
        return token;
    }
}
