package io.vendsync.simulator;

import static io.vendsync.simulator.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PricingSeedTest {
    private VendSimulator simulator;
    private ApiClient api;
    private PricingSeed seed;

    @BeforeEach
    void start() {
        simulator = VendSimulator.start(SimulatorOptions.defaults());
        simulator.seed(2, 4, 61L);
        simulator.seedStore(1, 2, 61L);
        seed = simulator.seedPricing("exclusive", "2026-12-01", "2027-02-28", 62L);
        api = new ApiClient(simulator);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void shouldServeASecondMarketWithItsOwnTaxForEveryProduct() {
        final JsonNode sydney = json(api.get("/api/2.0/outlets")).path("data").findParents("id").stream()
                .filter(o -> o.path("id").asText().equals(seed.auOutletId())).findFirst().orElseThrow();
        assertThat(sydney.path("currency").asText()).isEqualTo("AUD");
        assertThat(sydney.path("physical_country_id").asText()).isEqualTo("AU");
        assertThat(sydney.path("display_prices").asText()).isEqualTo("exclusive");
        final List<JsonNode> auTaxes = simulator.records("outlet_taxes").stream()
                .filter(t -> t.path("outlet_id").asText().equals(seed.auOutletId())).toList();
        assertThat(auTaxes).hasSize(4).allSatisfy(t -> assertThat(t.path("tax_id").asText()).isEqualTo(seed.auTaxId()));
        assertThat(simulator.records("taxes")).anySatisfy(t -> {
            assertThat(t.path("id").asText()).isEqualTo(seed.auTaxId());
            assertThat(t.path("rates").get(0).path("rate").decimalValue()).isEqualByComparingTo("0.10");
        });
    }

    @Test
    void shouldServePriceBooksWithValidityPlatformAndOutletScopes() {
        final JsonNode books = json(api.get("/api/2.0/price_books")).path("data");
        final JsonNode sale = find(books, seed.saleBookId());
        assertThat(sale.path("valid_from").asText()).isEqualTo("2026-12-01");
        assertThat(sale.path("valid_to").asText()).isEqualTo("2027-02-28");
        assertThat(sale.path("restrict_to_platform_key").asText()).isEqualTo("2");
        assertThat(find(books, seed.inStoreBookId()).path("restrict_to_platform_key").asText()).isEqualTo("1");
        assertThat(find(books, seed.auOutletBookId()).path("outlet_id").asText()).isEqualTo(seed.auOutletId());
        assertThat(simulator.records("price_book_products").stream().filter(e -> e.path("price_book_id").asText()
                .equals(seed.saleBookId()))).hasSize(2);
    }

    @Test
    void shouldServeAChangedValidityUnderANewVersion() {
        final JsonNode before = find(json(api.get("/api/2.0/price_books")).path("data"), seed.saleBookId());
        final ObjectNode edited = before.deepCopy();
        List.of("id", "version", "created_at", "updated_at", "deleted_at").forEach(edited::remove);
        edited.put("valid_to", "2027-03-31");

        simulator.putRecord("price_books", seed.saleBookId(), edited);

        final JsonNode after = find(json(api.get("/api/2.0/price_books?after=" + before.path("version").asLong())).path("data"),
                seed.saleBookId());
        assertThat(after.path("valid_to").asText()).isEqualTo("2027-03-31");
    }

    private static JsonNode find(final JsonNode records, final String id) {
        for (final JsonNode record : records) {
            if (record.path("id").asText().equals(id)) {
                return record;
            }
        }
        throw new AssertionError("no record " + id);
    }
}
