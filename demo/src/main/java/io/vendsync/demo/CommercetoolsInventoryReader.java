package io.vendsync.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads every inventory entry (and the products' SKUs and the orders) of a commercetools project over plain HTTP
 * ({@link CommercetoolsHttp}), independent of the sink's SDK code, so the demo and the end-to-end tests check the sink's
 * work with a second pair of eyes.
 */
public final class CommercetoolsInventoryReader {

    /** One inventory entry, with its supply channel resolved to a key. */
    public record Entry(String sku, String channelKey, long quantityOnStock, Long sourceVersion) {
    }

    private final CommercetoolsHttp http;

    public CommercetoolsInventoryReader(final String apiUrl, final String authUrl, final String projectKey,
                                        final String clientId, final String clientSecret) {
        this.http = new CommercetoolsHttp(apiUrl, authUrl, projectKey, clientId, clientSecret);
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
        for (final JsonNode product : http.readCollection("product-projections", "&staged=true")) {
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
        return http.readCollection(resource, "");
    }
}
