package io.vendsync.cli.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.customer.Customer;
import com.commercetools.api.models.customer.CustomerChangeEmailAction;
import com.commercetools.api.models.customer.CustomerUpdate;
import com.commercetools.api.models.inventory.InventoryEntry;
import com.commercetools.api.models.inventory.InventoryEntryChangeQuantityAction;
import com.commercetools.api.models.inventory.InventoryEntryUpdate;
import com.commercetools.api.models.order.Order;
import com.commercetools.api.models.product.Product;
import com.commercetools.api.models.product.ProductAddPriceAction;
import com.commercetools.api.models.product.ProductChangePriceAction;
import com.commercetools.api.models.product.ProductRemovePriceAction;
import com.commercetools.api.models.product.ProductUpdate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vendsync.ingest.IngestConfig;
import io.vendsync.runtime.CommonConfig;
import io.vendsync.runtime.TopicProvisioner;
import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.ScopedPrice;
import io.vendsync.schemas.canonical.v1.VariantPrices;
import io.vendsync.schemas.mapping.MappingOrigin;
import io.vendsync.schemas.mapping.OutletChannel;
import io.vendsync.schemas.mapping.ProductResolution;
import io.vendsync.schemas.serde.SerdeFactory;
import io.vendsync.simulator.Outlet;
import io.vendsync.simulator.SaleLine;
import io.vendsync.simulator.SimulatorOptions;
import io.vendsync.simulator.VendSimulator;
import io.vendsync.sink.CommercetoolsApi;
import io.vendsync.sink.SinkConfig;
import io.vendsync.testkit.commercetools.CommercetoolsMock;
import io.vendsync.testkit.expected.ExpectedCustomers;
import io.vendsync.testkit.kafka.KafkaFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconciliation against real components, without the pipeline: a simulated Vend store, the mapper's identity
 * topics seeded as the mapper would publish them, and a commercetools mock project seeded straight to the matching state
 * ({@link MatchingCommercetools}). Clean, it finds nothing; with one mismatch of every kind planted in every area, it
 * finds exactly those.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconcileCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaFixture kafka = KafkaFixture.shared();
    private final String prefix = "rec" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private VendSimulator vend;
    private List<JsonNode> closedSales;

    @TempDir
    Path out;

    @BeforeAll
    void startVendAndPublishTheMappersIdentity() throws Exception {
        vend = VendSimulator.start(SimulatorOptions.defaults());
        vend.seed(2, 4, 31L);
        vend.seedStore(1, 6, 31L);
        final String register = vend.records("registers").get(0).path("id").asText();
        final String cash = vend.records("payment_types").get(0).path("id").asText();
        closedSales = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            closedSales.add(vend.createSale(register, null, List.of(new SaleLine(vend.products().get(i).id(), 1 + i)), cash));
        }
        final Topics topics = new Topics(prefix, SerdeFactory.singleObject());
        final Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        TopicProvisioner.ensure(props, topics, 1, (short) 1);
        for (final Outlet outlet : vend.outlets()) {
            produce(props, topics.outletChannels, outlet.id(), OutletChannel.newBuilder().setOutletId(outlet.id())
                    .setChannelKey(MatchingCommercetools.channelKey(outlet.id())).setOrigin(MappingOrigin.DERIVED)
                    .setOutletName(outlet.name()).build());
        }
        for (final io.vendsync.simulator.Product product : vend.products()) {
            final String sku = product.sku().trim();
            produce(props, topics.productResolutions, product.id(), ProductResolution.newBuilder().setProductId(product.id())
                    .setSku(sku).setSkuSource("VEND_SKU").setVersion(product.version()).build());
            produce(props, topics.canonicalPrices, sku, VariantPrices.newBuilder().setSku(sku).setVendProductId(product.id())
                    .setSourceVersion(product.version()).setSourceTsMs(0L).setPrices(List.of(ScopedPrice.newBuilder()
                            .setPriceKey(MatchingCommercetools.PRICE_KEY).setCurrency("NZD")
                            .setCentAmount(MatchingCommercetools.cents(product)).setFractionDigits(2).setCountry("NZ")
                            .setTaxIncluded(false).setSource("retail").build())).build());
        }
    }

    @AfterAll
    void stopVend() {
        vend.close();
    }

    @Test
    void shouldFindNoMismatchWhenCommercetoolsMatchesVend() throws Exception {
        final CommercetoolsMock commercetools = CommercetoolsMock.shared().withUniqueProjectKey();
        try (ProjectApiRoot api = CommercetoolsApi.connect(new SinkConfig(settings(commercetools)))) {
            MatchingCommercetools.seed(api, vend, closedSales);
        }
        final long vendRequestsBefore = vend.requestCount();
        final Run run = run(commercetools);

        assertThat(run.exit).as(run.output).isEqualTo(ReconcileCommand.OK);
        assertThat(run.report.path("vendRateBudget").path("requestsUsed").asLong()).as("the requests it reports are the ones Vend saw")
                .isEqualTo(vend.requestCount() - vendRequestsBefore);
        assertThat(run.output).contains("No mismatches.");
        assertThat(run.report.path("mismatchCount").asInt()).isZero();
        assertThat(compared(run.report)).containsEntry("inventory", vend.inventory().size()).containsEntry("prices", 4)
                .containsEntry("customers", ExpectedCustomers.keys(vend.records("customers"), MatchingCommercetools.CUSTOMER_PREFIX).size())
                .containsEntry("orders", 3);
        assertThat(run.report.path("vendRateBudget").path("requestsUsed").asInt()).isPositive()
                .isLessThanOrEqualTo(run.report.path("vendRateBudget").path("requestsPerWindow").asInt());
        assertThat(out.resolve(ReportFiles.HTML)).content().contains("No mismatches").doesNotContain("<script");
    }

    @Test
    void shouldFindEveryKindOfMismatchPlantedInEveryArea() throws Exception {
        final CommercetoolsMock commercetools = CommercetoolsMock.shared().withUniqueProjectKey();
        final List<io.vendsync.simulator.Product> products = vend.products();
        final String sku0 = products.get(0).sku().trim();
        final String sku1 = products.get(1).sku().trim();
        final String sku2 = products.get(2).sku().trim();
        final String sku3 = products.get(3).sku().trim();
        final String channel0 = MatchingCommercetools.channelKey(vend.outlets().get(0).id());
        final String channel1 = MatchingCommercetools.channelKey(vend.outlets().get(1).id());
        final List<String> customers = new ArrayList<>(ExpectedCustomers.keys(vend.records("customers"), MatchingCommercetools.CUSTOMER_PREFIX));
        assertThat(customers).as("the seeded store has customers enough for three plants").hasSizeGreaterThanOrEqualTo(3);
        final List<String> numbers = closedSales.stream().map(s -> s.path("invoice_number").asText()).toList();
        try (ProjectApiRoot api = CommercetoolsApi.connect(new SinkConfig(settings(commercetools)))) {
            MatchingCommercetools.seed(api, vend, closedSales);

            // Inventory: a quantity edited online, an entry gone, one Vend does not stock, a second entry for one SKU/channel.
            final InventoryEntry edited = entry(api, channel0, sku0);
            api.inventory().withId(edited.getId()).post(InventoryEntryUpdate.builder().version(edited.getVersion())
                    .actions(InventoryEntryChangeQuantityAction.builder().quantity(edited.getQuantityOnStock() + 7).build()).build())
                    .executeBlocking();
            final InventoryEntry gone = entry(api, channel1, sku1);
            api.inventory().withId(gone.getId()).delete().withVersion(gone.getVersion()).executeBlocking();
            final InventoryEntry twin = entry(api, channel1, sku2);
            MatchingCommercetools.inventory(api, edited.getSupplyChannel().getId(), "SKU-NOT-IN-VEND", 5);
            MatchingCommercetools.inventory(api, twin.getSupplyChannel().getId(), sku2, twin.getQuantityOnStock());

            // Prices: an amount changed, a price removed, a price Vend does not have, a second product with one SKU.
            final Product p0 = product(api, sku0);
            update(api, p0, ProductChangePriceAction.builder().priceId(p0.getMasterData().getStaged().getMasterVariant().getPrices()
                    .get(0).getId()).price(MatchingCommercetools.price(MatchingCommercetools.PRICE_KEY,
                    MatchingCommercetools.cents(products.get(0)) + 100)).staged(true).build());
            final Product p1 = product(api, sku1);
            update(api, p1, ProductRemovePriceAction.builder().priceId(p1.getMasterData().getStaged().getMasterVariant().getPrices()
                    .get(0).getId()).staged(true).build());
            update(api, product(api, sku2), ProductAddPriceAction.builder().sku(sku2)
                    .price(MatchingCommercetools.price("online-only", 999)).staged(true).build());
            final String typeId = product(api, sku3).getProductType().getId();
            MatchingCommercetools.product(api, typeId, "someone-elses-product", sku3, MatchingCommercetools.cents(products.get(3)));

            // Customers: one deleted online, one with another email, one under vendsync's key for no Vend customer, one twice.
            final Customer deleted = customer(api, customers.get(0));
            api.customers().withId(deleted.getId()).delete().withVersion(deleted.getVersion()).executeBlocking();
            final Customer reEmailed = customer(api, customers.get(1));
            api.customers().withId(reEmailed.getId()).post(CustomerUpdate.builder().version(reEmailed.getVersion())
                    .actions(CustomerChangeEmailAction.builder().email("someone.else@example.com").build()).build()).executeBlocking();
            MatchingCommercetools.customer(api, MatchingCommercetools.CUSTOMER_PREFIX + "no-such-vend-customer", "ghost@example.com");
            MatchingCommercetools.customer(api, customers.get(2), "twin@example.com");

            // Orders: one gone, one with another net total, one number twice, one for a sale Vend does not have.
            final Order missing = order(api, numbers.get(0));
            api.orders().withId(missing.getId()).delete().withVersion(missing.getVersion()).executeBlocking();
            final Order wrong = order(api, numbers.get(1));
            api.orders().withId(wrong.getId()).delete().withVersion(wrong.getVersion()).executeBlocking();
            MatchingCommercetools.order(api, numbers.get(1), closedSales.get(1).path("id").asText(),
                    closedSales.get(1).path("total_price").decimalValue().add(java.math.BigDecimal.ONE));
            MatchingCommercetools.order(api, numbers.get(2), closedSales.get(2).path("id").asText(),
                    closedSales.get(2).path("total_price").decimalValue());
            MatchingCommercetools.order(api, "R-UNKNOWN", "no-such-sale", java.math.BigDecimal.TEN);
        }

        final Run run = run(commercetools);

        assertThat(run.exit).as(run.output).isEqualTo(ReconcileCommand.TOO_MANY_MISMATCHES);
        final Set<String> found = new TreeSet<>();
        run.report.path("mismatches").forEach(m -> found.add(m.path("area").asText() + " " + m.path("kind").asText() + " "
                + m.path("key").asText()));
        assertThat(found).containsExactlyInAnyOrder(
                "inventory different " + channel0 + "/" + sku0,
                "inventory missing " + channel1 + "/" + sku1,
                "inventory extra " + channel0 + "/SKU-NOT-IN-VEND",
                "inventory duplicate " + channel1 + "/" + sku2,
                "prices different " + sku0 + "/" + MatchingCommercetools.PRICE_KEY,
                "prices missing " + sku1 + "/" + MatchingCommercetools.PRICE_KEY,
                "prices extra " + sku2 + "/online-only",
                "prices duplicate " + sku3,
                "customers missing " + customers.get(0),
                "customers different " + customers.get(1),
                "customers extra " + MatchingCommercetools.CUSTOMER_PREFIX + "no-such-vend-customer",
                "customers duplicate " + customers.get(2),
                "orders missing " + numbers.get(0),
                "orders different " + numbers.get(1),
                "orders duplicate " + numbers.get(2),
                "orders extra R-UNKNOWN");
        assertThat(Files.readAllLines(out.resolve(ReportFiles.CSV))).hasSize(found.size() + 1);
        assertThat(out.resolve(ReportFiles.HTML)).content().contains("<svg", vend.outlets().get(0).name()).doesNotContain("<script");
        // Kept for a human look (the README's screenshot is of this page).
        Files.createDirectories(Path.of("target"));
        Files.copy(out.resolve(ReportFiles.HTML), Path.of("target", "reconcile-example.html"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.out.println(run.output);

        final Run tolerant = run(commercetools, "--max-mismatches", Integer.toString(found.size()));
        assertThat(tolerant.exit).as("at the threshold, not beyond it").isEqualTo(ReconcileCommand.OK);
    }

    private record Run(int exit, String output, JsonNode report) {
    }

    private Run run(final CommercetoolsMock commercetools, final String... extra) throws Exception {
        final List<String> args = new ArrayList<>(List.of("--out", out.toString()));
        args.addAll(List.of(extra));
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream print = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        final int exit = ReconcileCommand.run(settings(commercetools), ReconcileOptions.parse(args, Clock.systemUTC()), print, print);
        final Path json = out.resolve(ReportFiles.JSON);
        return new Run(exit, bytes.toString(StandardCharsets.UTF_8), Files.exists(json) ? JSON.readTree(json.toFile()) : null);
    }

    private Map<String, String> settings(final CommercetoolsMock commercetools) {
        final Map<String, String> settings = new HashMap<>();
        settings.put(CommonConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        settings.put(CommonConfig.TOPIC_PREFIX, prefix);
        settings.put(IngestConfig.VEND_BASE_URL, vend.baseUrl());
        settings.put(IngestConfig.VEND_DOMAIN_PREFIX, vend.domainPrefix());
        settings.put(IngestConfig.VEND_TOKEN, vend.token());
        settings.put(SinkConfig.CT_PROJECT_KEY, commercetools.projectKey());
        settings.put(SinkConfig.CT_CLIENT_ID, commercetools.clientId());
        settings.put(SinkConfig.CT_CLIENT_SECRET, commercetools.clientSecret());
        settings.put(SinkConfig.CT_AUTH_URL, commercetools.authUrl());
        settings.put(SinkConfig.CT_API_URL, commercetools.apiUrl());
        return settings;
    }

    private static Map<String, Integer> compared(final JsonNode report) {
        final Map<String, Integer> compared = new HashMap<>();
        report.path("areas").forEach(a -> compared.put(a.path("area").asText(), a.path("compared").asInt()));
        return compared;
    }

    private static <V> void produce(final Properties props, final Topic<String, V> topic, final String key, final V value)
            throws Exception {
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(props, topic.keySerde().serializer(),
                topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        }
    }

    private static InventoryEntry entry(final ProjectApiRoot api, final String channelKey, final String sku) {
        final String channelId = api.channels().withKey(channelKey).get().executeBlocking().getBody().getId();
        return api.inventory().get().withLimit(500).executeBlocking().getBody().getResults().stream()
                .filter(e -> sku.equals(e.getSku()) && e.getSupplyChannel() != null && channelId.equals(e.getSupplyChannel().getId()))
                .findFirst().orElseThrow();
    }

    private static Product product(final ProjectApiRoot api, final String sku) {
        return api.products().get().withLimit(500).executeBlocking().getBody().getResults().stream()
                .filter(p -> sku.equals(p.getMasterData().getStaged().getMasterVariant().getSku())).findFirst().orElseThrow();
    }

    private static void update(final ProjectApiRoot api, final Product product,
                               final com.commercetools.api.models.product.ProductUpdateAction action) {
        api.products().withId(product.getId()).post(ProductUpdate.builder().version(product.getVersion()).actions(action).build())
                .executeBlocking();
    }

    private static Customer customer(final ProjectApiRoot api, final String key) {
        return api.customers().withKey(key).get().executeBlocking().getBody();
    }

    private static Order order(final ProjectApiRoot api, final String number) {
        return api.orders().withOrderNumber(number).get().executeBlocking().getBody();
    }
}
