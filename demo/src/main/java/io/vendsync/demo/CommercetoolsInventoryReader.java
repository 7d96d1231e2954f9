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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads every inventory entry (and the products' SKUs and the orders) of a commercetools project over plain HTTP, independent of the sink's
 * SDK code, so the demo and the end-to-end tests check the sink's work with a second pair of eyes.
 * Pages by offset, because the mock ignores {@code sort} and cursor paging would skip entries.
 */
public final class CommercetoolsInventoryReader {

    /** One inventory entry, with its supply channel resolved to a key. */
    public record Entry(String sku, String channelKey, long quantityOnStock, Long sourceVersion) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 500;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String apiUrl;
    private final String authUrl;
    private final String projectKey;
    private final String basicAuth;
    private String token;

    public CommercetoolsInventoryReader(final String apiUrl, final String authUrl, final String projectKey,
                                        final String clientId, final String clientSecret) {
        this.apiUrl = apiUrl;
        this.authUrl = authUrl;
        this.projectKey = projectKey;
        this.basicAuth = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret)
                .getBytes(StandardCharsets.UTF_8));
    }

    public List<Entry> readAll() throws IOException, InterruptedException {
        final Map<String, String> channelKeys = new HashMap<>();
        for (final JsonNode channel : readCollection("channels")) {
            channelKeys.put(channel.path("id").asText(), channel.path("key").asText(null));
        }
        final List<Entry> entries = new ArrayList<>();
        for (final JsonNode entry : readCollection("inventory")) {
            final String channelId = entry.path("supplyChannel").path("id").asText(null);
            final JsonNode version = entry.path("custom").path("fields").path("vendsyncSourceVersion");
            entries.add(new Entry(entry.path("sku").asText(), channelId == null ? null : channelKeys.get(channelId),
                    entry.path("quantityOnStock").asLong(), version.isNumber() ? version.asLong() : null));
        }
        return entries;
    }

    /** The SKUs of every variant of every product (staged data: what the sink writes, published or not). */
    public Set<String> productSkus() throws IOException, InterruptedException {
        final Set<String> skus = new TreeSet<>();
        for (final JsonNode product : readCollection("product-projections", "&staged=true")) {
            skus.add(product.path("masterVariant").path("sku").asText());
            product.path("variants").forEach(variant -> skus.add(variant.path("sku").asText()));
        }
        return skus;
    }

    /** The keys of every customer (those without a key are left out). */
    public Set<String> customerKeys() throws IOException, InterruptedException {
        final Set<String> keys = new TreeSet<>();
        for (final JsonNode customer : readCollection("customers")) {
            if (customer.hasNonNull("key")) {
                keys.add(customer.path("key").asText());
            }
        }
        return keys;
    }

    /** Every customer, as commercetools returns it (a fault test counts them per key: the mock does not keep keys unique). */
    public List<JsonNode> customers() throws IOException, InterruptedException {
        return readCollection("customers");
    }

    /** Every payment, as commercetools returns it (an order refers to its payments by id; refunds of returns are on them). */
    public List<JsonNode> payments() throws IOException, InterruptedException {
        return readCollection("payments");
    }

    /** Every order, as commercetools returns it (the demo and the end-to-end tests count one per closed Vend sale). */
    public List<JsonNode> orders() throws IOException, InterruptedException {
        return readCollection("orders");
    }

    private List<JsonNode> readCollection(final String resource) throws IOException, InterruptedException {
        return readCollection(resource, "");
    }

    private List<JsonNode> readCollection(final String resource, final String extraQuery) throws IOException, InterruptedException {
        final List<JsonNode> all = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            final JsonNode page = get("/" + projectKey + "/" + resource + "?limit=" + PAGE + "&offset=" + offset + extraQuery);
            page.path("results").forEach(all::add);
            if (page.path("results").size() < PAGE) {
                return all;
            }
        }
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
