package io.vendsync.demo.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.vendsync.demo.CommercetoolsHttp;
import io.vendsync.testkit.commercetools.CommercetoolsMock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the commercetools mock holds, read over plain HTTP ({@link CommercetoolsHttp}) and independent of the sink's SDK
 * code, so the catalog tests check the sink's work with a second pair of eyes.
 */
final class CommercetoolsCatalogView {

    private final CommercetoolsHttp http;

    CommercetoolsCatalogView(final CommercetoolsMock commercetools) {
        this.http = new CommercetoolsHttp(commercetools.apiUrl(), commercetools.authUrl(), commercetools.projectKey(),
                commercetools.clientId(), commercetools.clientSecret());
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
        return http.post(resource, body);
    }

    private List<JsonNode> readCollection(final String resource, final String extraQuery) throws IOException, InterruptedException {
        return http.readCollection(resource, extraQuery);
    }
}
