package io.vendsync.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Vend's webhooks docs guarantee only the form field {@code payload} ("Other form fields (such as environment or
 * domain_prefix) may be present but are not guaranteed"), and the manual setup page lets a store register one URL for
 * every type: a webhook posted to the bare path with no {@code type} is still a trigger, read by its 1.0 payload.
 */
class UntypedWebhookTest {

    private final List<String> triggered = new CopyOnWriteArrayList<>();
    private final List<String> rejected = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Vertx vertx;
    private WebhookReceiver receiver;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        receiver = WebhookReceiver.start(vertx, "127.0.0.1", 0, "/webhooks/vend", 1_048_576, null,
                (entity, reason) -> triggered.add(entity), (code, reason, contentType, body) -> rejected.add(code));
    }

    @AfterEach
    void stop() throws Exception {
        receiver.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldReadACustomerUpdateWithoutTypeByItsLegacyCustomerPayload() throws Exception {
        // spec 0.9 definitions.Customer, the 1.0 shape webhooks carry.
        final String customer = "{\"id\":\"06bf537b-c783-11e6-ff13-f21286299973\",\"customer_code\":\"Tony-N4ZJ\","
                + "\"first_name\":\"Anthony\",\"physical_address1\":\"Street 1\",\"enable_loyalty\":1,\"loyalty_balance\":\"5809.64\","
                + "\"updated_at\":\"2017-01-19 16:49:35\",\"deleted_at\":null}";

        assertThat(post(customer).statusCode()).isEqualTo(200);

        assertThat(triggered).containsExactly("customers");
        assertThat(rejected).isEmpty();
    }

    @Test
    void shouldReadASaleUpdateWithoutTypeByItsRegisterSalePayload() throws Exception {
        final String sale = "{\"id\":\"06bf537b-c783-11e6-f6b9-7ea7909ffedd\",\"register_id\":\"b1e198a9-f019-11e3-a0f5-b8ca3a64f8f4\","
                + "\"status\":\"CLOSED\",\"invoice_number\":\"MR-1036\",\"return_for\":null,"
                + "\"register_sale_products\":[{\"product_id\":\"p\",\"quantity\":1,\"price\":34.78}],\"register_sale_payments\":[]}";

        assertThat(post(sale).statusCode()).isEqualTo(200);

        assertThat(triggered).containsExactlyInAnyOrder("sales", "inventory");
    }

    /** The docs' webhooks_example_payloads: consignment.send/receive carry one consignment product, no outlet. */
    @Test
    void shouldReadAConsignmentWebhookWithoutTypeByItsConsignmentProductPayload() throws Exception {
        final String line = "{\"id\": \"0afa8de1-1441-11e7-edec-da42913731c8\", \"consignment_id\": \"0afa8de1-1441-11e7-edec-da427ee4bec7\", "
                + "\"product_id\": \"0624dbcd-ef13-11e6-e986-fcc1c366e772\", \"count\": \"8.00000\", \"received\": \"8.00000\", "
                + "\"cost\": 4, \"sequence_number\": 5}";

        assertThat(post(line).statusCode()).isEqualTo(200);

        assertThat(triggered).containsExactlyInAnyOrder("consignments", "inventory");
    }

    /**
     * The docs' product.update example: a price-book price edit, or the product's tax changed at an outlet, reaches us only
     * as this product's update.
     */
    @Test
    void shouldReReadThePriceBookEntriesAndOutletTaxesOnAProductUpdateSinceItsPayloadCarriesThem() throws Exception {
        final String product = "{\"id\":\"0624dbcd-ef13-11e6-e986-fcc1c366e772\",\"handle\":\"postshavebalm\",\"sku\":\"10107\","
                + "\"price_book_entries\":[{\"id\":\"e\",\"product_id\":\"0624dbcd-ef13-11e6-e986-fcc1c366e772\",\"type\":\"BASE\","
                + "\"price\":\"6.95652\"}],\"taxes\":[{\"outlet_id\":\"o1\",\"tax_id\":\"t1\"}],\"version\":5303657190}";

        assertThat(post(product).statusCode()).isEqualTo(200);

        assertThat(triggered).containsExactlyInAnyOrder("products", "inventory", "price_book_products", "outlet_taxes");
    }

    @Test
    void shouldReReadTheRegistersOnARegisterClosureSinceNoCollectionListsClosures() throws Exception {
        assertThat(post("{\"id\":\"c\",\"register_id\":\"r\",\"register_open_time\":\"2026-12-05 08:00:00\","
                + "\"register_close_time\":\"2026-12-05 18:00:00\"}").statusCode()).isEqualTo(200);

        assertThat(triggered).containsExactly("registers");
    }

    @Test
    void shouldReReadEveryWebhookCollectionWhenNeitherTypeNorPayloadShapeTellsWhich() throws Exception {
        assertThat(post("{\"id\":\"x\",\"version\":7}").statusCode()).isEqualTo(200);

        assertThat(triggered).contains("customers", "sales", "products", "inventory");
        assertThat(rejected).isEmpty();
    }

    private HttpResponse<String> post(final String payload) throws Exception {
        final String body = "domain_prefix=demo&payload=" + URLEncoder.encode(payload, StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + "/webhooks/vend"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
