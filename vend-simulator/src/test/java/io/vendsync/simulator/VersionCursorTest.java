package io.vendsync.simulator;

import static io.vendsync.simulator.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VersionCursorTest {
    private VendSimulator simulator;
    private ApiClient api;

    @BeforeEach
    void start() {
        simulator = VendSimulator.start(SimulatorOptions.defaults().withMaxPageSize(50));
        simulator.seed(3, 10, 42L);
        api = new ApiClient(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void shouldPageByVersionCursorUntilEmptyPage() {
        final List<JsonNode> all = readAll("/api/2.0/inventory", 0, 7);

        assertThat(all).hasSize(30);
        final Set<String> ids = new HashSet<>();
        all.forEach(r -> ids.add(r.get("id").asText()));
        assertThat(ids).hasSize(30);
        assertThat(all).extracting(r -> r.get("version").asLong()).isSorted().doesNotHaveDuplicates();
        assertThat(simulator.inventory()).hasSize(30);
    }

    @Test
    void shouldCarryPageVersionMinAndMaxAndNullVersionOnEmptyPage() {
        final JsonNode page = json(api.get("/api/2.0/products?page_size=4"));
        final JsonNode data = page.get("data");
        assertThat(data).hasSize(4);
        assertThat(page.at("/version/min").asLong()).isEqualTo(data.get(0).get("version").asLong());
        assertThat(page.at("/version/max").asLong()).isEqualTo(data.get(3).get("version").asLong());

        final JsonNode empty = json(api.get("/api/2.0/products?after=" + simulator.currentVersion()));
        assertThat(empty.get("data")).isEmpty();
        assertThat(empty.get("version").isNull()).isTrue();
    }

    @Test
    void shouldReturnOnlyTheChangedRecordOnDeltaReadAfterChange() {
        final long cursor = readAllMax("/api/2.0/inventory");
        final InventoryRecord target = simulator.inventory().get(5);

        final InventoryRecord changed = simulator.setInventory(target.productId(), target.outletId(), 777);

        final List<JsonNode> delta = readAll("/api/2.0/inventory", cursor, 7);
        assertThat(delta).hasSize(1);
        assertThat(delta.get(0).get("id").asText()).isEqualTo(target.id());
        assertThat(delta.get(0).get("inventory_level").asLong()).isEqualTo(777);
        assertThat(delta.get(0).get("version").asLong()).isEqualTo(changed.version()).isGreaterThan(cursor);
    }

    @Test
    void shouldShowDeletedProductOnlyWithDeletedTrueAndAtHigherVersion() {
        final Product victim = simulator.products().get(2);
        final long cursor = simulator.currentVersion();

        simulator.deleteProduct(victim.id());

        assertThat(ids(readAll("/api/2.0/products", 0, 50))).doesNotContain(victim.id());
        assertThat(readAll("/api/2.0/products", cursor, 50)).isEmpty();
        final List<JsonNode> withDeleted = readAll("/api/2.0/products", cursor, 50, "&deleted=true");
        assertThat(withDeleted).hasSize(1);
        final JsonNode deleted = withDeleted.get(0);
        assertThat(deleted.get("id").asText()).isEqualTo(victim.id());
        assertThat(deleted.get("version").asLong()).isGreaterThan(victim.version()).isGreaterThan(cursor);
        assertThat(deleted.get("deleted_at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+00:00");
        assertThat(simulator.products()).extracting(Product::id).doesNotContain(victim.id());
    }

    @Test
    void shouldTreatBeforeAsExclusiveUpperBound() {
        final List<JsonNode> products = readAll("/api/2.0/products", 0, 50);
        final long fifth = products.get(4).get("version").asLong();

        final JsonNode page = json(api.get("/api/2.0/products?before=" + fifth));

        assertThat(page.get("data")).hasSize(4);
        assertThat(page.at("/version/max").asLong()).isLessThan(fifth);
    }

    @Test
    void shouldClampPageSizeToTheMaximum() {
        simulator.seed(0, 60, 7L);

        final JsonNode page = json(api.get("/api/2.0/products?page_size=100000"));

        assertThat(page.get("data")).hasSize(50);
    }

    @Test
    void shouldRejectInvalidPageSizeWithJson400() {
        for (final String bad : List.of("abc", "0", "-5", "1.5")) {
            final HttpResponse<String> response = api.get("/api/2.0/outlets?page_size=" + bad);
            assertThat(response.statusCode()).as("page_size=%s", bad).isEqualTo(400);
            assertThat(json(response).get("error").asText()).isEqualTo("Bad Request");
            assertThat(json(response).get("message").asText()).contains("page_size");
        }
        assertThat(api.get("/api/2.0/products?after=x").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldRenderProductInTheApi20Shape() {
        final Product product = simulator.addProduct("Classic Tee", "10001", new BigDecimal("34.78261"));

        final HttpResponse<String> response = api.get("/api/2.0/products/" + product.id());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        final JsonNode data = json(response).get("data");
        assertThat(data.get("name").asText()).isEqualTo("Classic Tee");
        assertThat(data.get("handle").asText()).isEqualTo("classictee");
        assertThat(data.get("sku").asText()).isEqualTo("10001");
        assertThat(data.get("has_inventory").asBoolean()).isTrue();
        assertThat(data.get("has_variants").asBoolean()).isFalse();
        assertThat(data.get("variant_parent_id").isNull()).isTrue();
        assertThat(data.get("variant_options")).isEmpty();
        assertThat(data.get("price_excluding_tax").decimalValue()).isEqualByComparingTo("34.78261");
        assertThat(data.get("price_including_tax").decimalValue()).isEqualByComparingTo("40.00000");
        assertThat(data.at("/product_codes/0/type").asText()).isEqualTo("CUSTOM");
        assertThat(data.at("/product_codes/0/code").asText()).isEqualTo("10001");
        assertThat(data.get("created_at").asText()).endsWith("+00:00");
        assertThat(data.get("deleted_at").isNull()).isTrue();
        assertThat(data.get("version").asLong()).isEqualTo(product.version());
    }

    @Test
    void shouldAnswerUnknownProductAndUnknownPathWithJson404() {
        final HttpResponse<String> missing = api.get("/api/2.0/products/nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("error").asText()).isEqualTo("Not Found");

        final HttpResponse<String> unknown = api.get("/api/2.0/widgets");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).has("message")).isTrue();
    }

    @Test
    void shouldSeedDeterministicallyWithOneInventoryRecordPerProductAndOutlet() {
        try (VendSimulator other = VendSimulator.start(SimulatorOptions.defaults())) {
            other.seed(3, 10, 42L);
            assertThat(other.products()).extracting(Product::id)
                    .containsExactlyElementsOf(simulator.products().stream().map(Product::id).toList());
            assertThat(other.inventory()).extracting(InventoryRecord::inventoryLevel)
                    .containsExactlyElementsOf(simulator.inventory().stream().map(InventoryRecord::inventoryLevel).toList());
        }
        assertThat(simulator.outlets()).extracting(Outlet::name).containsExactly("Outlet 1", "Outlet 2", "Outlet 3");
        assertThat(simulator.products()).extracting(Product::sku).startsWith("SKU-0001", "SKU-0002");
        final JsonNode outlet = json(api.get("/api/2.0/outlets")).at("/data/0");
        assertThat(outlet.get("display_prices").asText()).isEqualTo("inclusive");
        assertThat(outlet.get("time_zone").asText()).isEqualTo("Pacific/Auckland");
        assertThat(outlet.get("currency_symbol").asText()).isEqualTo("$");
    }

    @Test
    void shouldServeRetailer() {
        final JsonNode retailer = json(api.get("/api/2.0/retailer")).get("data");

        assertThat(retailer.get("domain_prefix").asText()).isEqualTo("demo");
        assertThat(retailer.get("tax_exclusive").asBoolean()).isFalse();
        assertThat(retailer.at("/currency/code").asText()).isEqualTo("NZD");
    }

    private List<JsonNode> readAll(final String path, final long after, final int pageSize) {
        return readAll(path, after, pageSize, "");
    }

    /** The documented client loop: after = version.max until an empty page. */
    private List<JsonNode> readAll(final String path, final long after, final int pageSize, final String extra) {
        final List<JsonNode> records = new ArrayList<>();
        long cursor = after;
        for (int guard = 0; guard < 1_000; guard++) {
            final HttpResponse<String> response = api.get(path + "?after=" + cursor + "&page_size=" + pageSize + extra);
            assertThat(response.statusCode()).isEqualTo(200);
            final JsonNode page = json(response);
            if (page.get("data").isEmpty()) {
                assertThat(page.get("version").isNull()).isTrue();
                return records;
            }
            assertThat(page.get("data").size()).isLessThanOrEqualTo(pageSize);
            page.get("data").forEach(records::add);
            cursor = page.at("/version/max").asLong();
        }
        throw new AssertionError("cursor loop did not terminate");
    }

    private long readAllMax(final String path) {
        final List<JsonNode> all = readAll(path, 0, 50);
        return all.get(all.size() - 1).get("version").asLong();
    }

    private static List<String> ids(final List<JsonNode> records) {
        return records.stream().map(r -> r.get("id").asText()).toList();
    }
}
