package io.vendsync.demo.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vendsync.testkit.commercetools.CommercetoolsMock;
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
import java.util.Optional;

/**
 * What the commercetools mock holds, read over plain HTTP and independent of the sink's SDK code, so the catalog
 * tests check the sink's work with a second pair of eyes. Pages by offset (the mock ignores {@code sort}).
 */
final class CommercetoolsCatalogView {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 500;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final CommercetoolsMock commercetools;
    private String token;

    CommercetoolsCatalogView(final CommercetoolsMock commercetools) {
        this.commercetools = commercetools;
    }

    /** Staged product projections: what the sink writes (publishing is a policy on top). */
    List<JsonNode> products() throws IOException, InterruptedException {
        return readCollection("product-projections", "&staged=true");
    }

    Optional<JsonNode> productByKey(final String key) throws IOException, InterruptedException {
        return products().stream().filter(p -> key.equals(p.path("key").asText(null))).findFirst();
    }

    /** Every variant (master first) of a projection. */
    static List<JsonNode> variants(final JsonNode projection) {
        final List<JsonNode> all = new ArrayList<>();
        all.add(projection.path("masterVariant"));
        projection.path("variants").forEach(all::add);
        return all;
    }

    /** The variant with this SKU, in any product. */
    Optional<JsonNode> variantBySku(final String sku) throws IOException, InterruptedException {
        return products().stream().flatMap(p -> variants(p).stream())
                .filter(v -> sku.equals(v.path("sku").asText(null))).findFirst();
    }

    List<JsonNode> taxCategories() throws IOException, InterruptedException {
        return readCollection("tax-categories", "");
    }

    List<JsonNode> customerGroups() throws IOException, InterruptedException {
        return readCollection("customer-groups", "");
    }

    List<JsonNode> customers() throws IOException, InterruptedException {
        return readCollection("customers", "");
    }

    List<JsonNode> channels() throws IOException, InterruptedException {
        return readCollection("channels", "");
    }

    /** Creates a resource as a merchandiser would have before vendsync ran (e.g. an existing product). */
    JsonNode post(final String resource, final String body) throws IOException, InterruptedException {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(commercetools.apiUrl() + "/" + commercetools.projectKey() + "/" + resource))
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("commercetools POST " + resource + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private List<JsonNode> readCollection(final String resource, final String extraQuery) throws IOException, InterruptedException {
        final List<JsonNode> all = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            final JsonNode page = get("/" + commercetools.projectKey() + "/" + resource + "?limit=" + PAGE + "&offset=" + offset + extraQuery);
            page.path("results").forEach(all::add);
            if (page.path("results").size() < PAGE) {
                return all;
            }
        }
    }

    private JsonNode get(final String path) throws IOException, InterruptedException {
        final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(commercetools.apiUrl() + path))
                .header("Authorization", "Bearer " + token()).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("commercetools GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private synchronized String token() throws IOException, InterruptedException {
        if (token == null) {
            final String scope = URLEncoder.encode("manage_project:" + commercetools.projectKey(), StandardCharsets.UTF_8);
            final String basic = "Basic " + Base64.getEncoder().encodeToString(
                    (commercetools.clientId() + ":" + commercetools.clientSecret()).getBytes(StandardCharsets.UTF_8));
            final HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(commercetools.authUrl() + "?grant_type=client_credentials&scope=" + scope))
                    .header("Authorization", basic)
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
