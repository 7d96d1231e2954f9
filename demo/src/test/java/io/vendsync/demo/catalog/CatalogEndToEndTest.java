package io.vendsync.demo.catalog;

import static io.vendsync.demo.Awaits.await;
import static io.vendsync.demo.Awaits.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vendsync.demo.Awaits;
import io.vendsync.demo.CommercetoolsInventoryReader;
import io.vendsync.demo.FullReplay;
import io.vendsync.demo.LocalPipeline;
import io.vendsync.ingest.IngestConfig;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.ValidationError;
import io.vendsync.schemas.mapping.ProductSkuOverride;
import io.vendsync.schemas.serde.SerdeFactory;
import io.vendsync.simulator.Outlet;
import io.vendsync.simulator.Product;
import io.vendsync.simulator.Product.ProductCode;
import io.vendsync.simulator.Product.VariantOption;
import io.vendsync.simulator.Product.VariantSpec;
import io.vendsync.simulator.SimulatorOptions;
import io.vendsync.simulator.VendSimulator;
import io.vendsync.testkit.commercetools.CommercetoolsMock;
import io.vendsync.testkit.kafka.KafkaFixture;
import io.vendsync.testkit.kafka.TopicProbe;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #4 on real components: Vend simulator -> ingest -> raw topics -> the three mappers (exactly_once_v2) ->
 * canonical product, price, tax-category and inventory topics -> sink -> commercetools mock, checked by reading
 * commercetools over plain HTTP. Products the tests place in commercetools first stand for a catalog that existed
 * before vendsync; they are added before Vend's side, and Vend's side after the first convergence, so the catalog
 * reader has published them (as it would have long before, in a running deployment).
 */
class CatalogEndToEndTest {

    private static final Duration CONVERGE = Awaits.CONVERGE;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaFixture kafka = KafkaFixture.shared();
    private final String prefix = "cat" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final Topics topics = new Topics(prefix, SerdeFactory.singleObject());
    private CommercetoolsMock commercetools;
    private CommercetoolsCatalogView catalog;
    private CommercetoolsInventoryReader inventory;
    private VendSimulator vend;

    @BeforeEach
    void startVendAndCommercetools() {
        commercetools = CommercetoolsMock.shared().withUniqueProjectKey();
        catalog = new CommercetoolsCatalogView(commercetools);
        inventory = new CommercetoolsInventoryReader(commercetools.apiUrl(), commercetools.authUrl(),
                commercetools.projectKey(), commercetools.clientId(), commercetools.clientSecret());
        vend = VendSimulator.start(SimulatorOptions.defaults());
        vend.seed(2, 2, 21L);
        vend.seedStore(1, 4, 21L); // taxes, customer groups, price books: what prices need
    }

    @AfterEach
    void stopVend() {
        vend.close();
    }

    @Test
    void shouldCreateANewVariantFamilyWithItsRetailPriceAndLandItsStockAtEachOutlet() throws Exception {
        try (LocalPipeline pipeline = start()) {
            awaitSeededProductsInCommercetools();
            final List<Product> family = vend.addVariantFamily("Trail Jacket", new BigDecimal("100.00"), List.of(
                    new VariantSpec("JKT-S", List.of(new VariantOption("Size", "S"), new VariantOption("Colour", "Red")), null),
                    new VariantSpec("JKT-M", List.of(new VariantOption("Size", "M"), new VariantOption("Colour", "Red")), null),
                    new VariantSpec("JKT-L", List.of(new VariantOption("Size", "L"), new VariantOption("Colour", "Red")), null)));
            final String productKey = pipeline.mapperConfig().productKeyPrefix() + family.get(0).id();

            final JsonNode product = await("product " + productKey + " with three variants", () -> catalog.productByKey(productKey)
                    .filter(p -> CommercetoolsCatalogView.variants(p).size() == 3));
            // The family parent is the master variant; the others follow in the product mapper's (id) order.
            assertThat(CommercetoolsCatalogView.variants(product)).extracting(v -> v.path("sku").asText())
                    .containsExactlyInAnyOrder("JKT-S", "JKT-M", "JKT-L").first().isEqualTo("JKT-S");
            assertThat(CommercetoolsCatalogView.variants(product)).filteredOn(v -> "JKT-M".equals(v.path("sku").asText()))
                    .singleElement().satisfies(v -> {
                        assertThat(attribute(v, "size")).isEqualTo("M");
                        assertThat(attribute(v, "colour")).isEqualTo("Red");
                    });
            assertThat(product.path("name").path("en").asText()).isEqualTo("Trail Jacket");

            // The retail price: the seeded outlets display tax-inclusive prices, the store's tax is 15 %.
            final long expectedCents = new BigDecimal("100.00").multiply(new BigDecimal("1.15"))
                    .setScale(2, RoundingMode.HALF_EVEN).movePointRight(2).longValueExact();
            final JsonNode price = await("the retail price of JKT-M", () -> catalog.variantBySku("JKT-M")
                    .flatMap(v -> prices(v).stream().filter(p -> "NZD".equals(p.path("value").path("currencyCode").asText())
                            && "NZ".equals(p.path("country").asText()) && p.path("customerGroup").isMissingNode()
                            && p.path("channel").isMissingNode()).findFirst()));
            assertThat(price.path("value").path("centAmount").asLong()).isEqualTo(expectedCents);

            // A stock change at each outlet lands on the entry of (SKU, that outlet's channel).
            final List<Outlet> outlets = vend.outlets();
            vend.setInventory(family.get(1).id(), outlets.get(0).id(), 7);
            vend.setInventory(family.get(1).id(), outlets.get(1).id(), 9);
            final String first = pipeline.mapperConfig().derivedChannelKey(outlets.get(0).id());
            final String second = pipeline.mapperConfig().derivedChannelKey(outlets.get(1).id());
            await("JKT-M stock at both outlets", () -> Optional.of(inventory.readAll()).filter(entries ->
                    quantity(entries, "JKT-M", first) == 7 && quantity(entries, "JKT-M", second) == 9));
            assertThat(pipeline.sink().catalogStatistics().orElseThrow().failed()).isZero();
        }
    }

    @Test
    void shouldMatchExistingCommercetoolsVariantsByBarcodeAndByOverrideWithoutCreatingProducts() throws Exception {
        merchandiserProductType();
        merchandiserProduct("merch-boot", "CT-BOOT-42", "4006381333931");
        merchandiserProduct("merch-scarf", "CT-OVR-1", null);
        try (LocalPipeline pipeline = start()) {
            awaitSeededProductsInCommercetools();
            final String channel = pipeline.mapperConfig().derivedChannelKey(vend.outlets().get(0).id());

            // Barcode only: the Vend SKU is unknown to commercetools, the EAN is the existing variant's GTIN.
            final Product boot = vend.addVariantFamily("Boot", new BigDecimal("80.00"), List.of(new VariantSpec("BOOT-42",
                    List.of(new VariantOption("Size", "42")), new ProductCode("EAN", "4006381333931")))).get(0);
            vend.setInventory(boot.id(), vend.outlets().get(0).id(), 12);

            // Override: an operator maps a seeded product to the existing variant CT-OVR-1.
            final Product scarf = vend.products().get(0);
            try (KafkaProducer<String, ProductSkuOverride> producer = new KafkaProducer<>(producerProperties(), new StringSerializer(),
                    topics.productSkuOverrides.valueSerde().serializer())) {
                producer.send(new ProducerRecord<>(topics.productSkuOverrides.name(), scarf.id(), ProductSkuOverride.newBuilder()
                        .setProductId(scarf.id()).setSku("CT-OVR-1").setOrigin("test").build())).get();
            }
            vend.setInventory(scarf.id(), vend.outlets().get(0).id(), 33);

            await("stock on the existing variants", () -> Optional.of(inventory.readAll()).filter(entries ->
                    quantity(entries, "CT-BOOT-42", channel) == 12 && quantity(entries, "CT-OVR-1", channel) == 33));
            assertThat(quantity(inventory.readAll(), "BOOT-42", channel)).as("no entry under the Vend SKU").isEqualTo(Long.MIN_VALUE);
            // Matched families add nothing: the existing products keep their single variant, no product is made for the boot.
            awaitQuiet();
            assertThat(catalog.productByKey(pipeline.mapperConfig().productKeyPrefix() + boot.id())).isEmpty();
            assertThat(CommercetoolsCatalogView.variants(catalog.productByKey("merch-boot").orElseThrow())).hasSize(1);
            assertThat(CommercetoolsCatalogView.variants(catalog.productByKey("merch-scarf").orElseThrow())).hasSize(1);
            assertThat(catalog.products().stream().flatMap(p -> CommercetoolsCatalogView.variants(p).stream())
                    .filter(v -> "BOOT-42".equals(v.path("sku").asText()))).isEmpty();
        }
    }

    @Test
    void shouldLandAPriceBookChangeWithItsValidityOnTheVariant() throws Exception {
        try (LocalPipeline pipeline = start()) {
            awaitSeededProductsInCommercetools();
            final Product product = vend.products().get(1);
            final String bookId = UUID.randomUUID().toString();
            vend.putRecord("price_books", bookId, priceBook("Winter sale", allCustomersGroupId(), "2027-06-01T00:00:00+00:00",
                    "2027-06-30T23:59:59+00:00"));
            vend.putRecord("price_book_products", UUID.randomUUID().toString(), priceBookProduct(bookId, product.id(), "50.00"));

            final JsonNode sale = await("the price-book price with its validity", () -> bookPrice(product.sku(), bookId));
            assertThat(sale.path("validFrom").asText()).startsWith("2027-06-01T00:00:00");
            assertThat(sale.path("validUntil").asText()).startsWith("2027-06-30T23:59:59");
            assertThat(sale.path("value").path("centAmount").asLong()).isEqualTo(5750L); // 50.00 + 15 % GST, outlets display inclusive

            // The book's end moves: the same price, now valid until the end of July.
            vend.putRecord("price_books", bookId, priceBook("Winter sale", allCustomersGroupId(), "2027-06-01T00:00:00+00:00",
                    "2027-07-31T23:59:59+00:00"));
            final JsonNode moved = await("the new validity", () -> bookPrice(product.sku(), bookId)
                    .filter(p -> p.path("validUntil").asText().startsWith("2027-07-31")));
            assertThat(moved.path("validFrom").asText()).startsWith("2027-06-01T00:00:00");
            assertThat(catalog.variantBySku(product.sku()).map(CatalogEndToEndTest::prices).orElseThrow()
                    .stream().filter(p -> p.path("key").asText().contains(bookId))).hasSize(1);
        }
    }

    @Test
    void shouldReportEachConflictOnTheValidationTopicWithItsCandidates() throws Exception {
        merchandiserProductType();
        merchandiserProduct("merch-cap-a", "CT-CAP-A", "036000291452");
        merchandiserProduct("merch-cap-b", "CT-CAP-B", "036000291452");
        merchandiserProduct("merch-sock-a", "CT-SOCK-A", null);
        merchandiserProduct("merch-sock-b", "CT-SOCK-B", null);
        try (LocalPipeline pipeline = start()) {
            awaitSeededProductsInCommercetools();
            // Two Vend products with one SKU.
            final Product dupA = vend.addProduct("Mug A", "DUP-1", new BigDecimal("10.00"));
            final Product dupB = vend.addProduct("Mug B", "DUP-1", new BigDecimal("11.00"));
            // A barcode two commercetools variants carry.
            final Product cap = vend.addVariantFamily("Cap", new BigDecimal("20.00"), List.of(new VariantSpec("CAP-1",
                    List.of(new VariantOption("Size", "One")), new ProductCode("UPC", "036000291452")))).get(0);
            // One Vend family whose variants are in two commercetools products.
            final List<Product> socks = vend.addVariantFamily("Sock", new BigDecimal("5.00"), List.of(
                    new VariantSpec("CT-SOCK-A", List.of(new VariantOption("Size", "S")), null),
                    new VariantSpec("CT-SOCK-B", List.of(new VariantOption("Size", "L")), null)));
            // Two undated price books giving one scope two amounts.
            final Product priced = vend.products().get(1);
            final String bookA = UUID.randomUUID().toString();
            final String bookB = UUID.randomUUID().toString();
            vend.putRecord("price_books", bookA, priceBook("Promo A", allCustomersGroupId(), null, null));
            vend.putRecord("price_books", bookB, priceBook("Promo B", allCustomersGroupId(), null, null));
            vend.putRecord("price_book_products", UUID.randomUUID().toString(), priceBookProduct(bookA, priced.id(), "30.00"));
            vend.putRecord("price_book_products", UUID.randomUUID().toString(), priceBookProduct(bookB, priced.id(), "31.00"));

            final List<ValidationError> errors = TopicProbe.await(kafka.bootstrapServers(), topics.validationErrors.name(),
                    new StringDeserializer(), topics.validationErrors.valueSerde().deserializer(), all -> {
                        final List<ValidationError> values = all.stream().map(ConsumerRecord::value).toList();
                        return has(values, "SKU_DUPLICATE", e -> e.getCandidates().containsAll(List.of(dupA.id(), dupB.id())))
                                && has(values, "CT_GTIN_AMBIGUOUS", e -> e.getCandidates().size() == 2
                                        && cap.id().equals(e.getSourceKey()))
                                && has(values, "FAMILY_SPLIT", e -> e.getCandidates().size() == 2)
                                && has(values, "PRICE_CONFLICT", e -> e.getCandidates().containsAll(List.of(bookA, bookB)));
                    }, CONVERGE).stream().map(ConsumerRecord::value).toList();
            assertThat(errors).filteredOn(e -> "CT_GTIN_AMBIGUOUS".equals(e.getCode())).last()
                    .satisfies(e -> assertThat(String.join(",", e.getCandidates())).contains("CT-CAP-A").contains("CT-CAP-B"));
            assertThat(errors).filteredOn(e -> "FAMILY_SPLIT".equals(e.getCode())).last()
                    .satisfies(e -> assertThat(e.getSuggestedFix()).isNotBlank());

            // Nothing was guessed: no stock for the duplicated SKU, no price from either conflicting book, no new product for the socks.
            awaitQuiet();
            final String channel = pipeline.mapperConfig().derivedChannelKey(vend.outlets().get(0).id());
            assertThat(quantity(inventory.readAll(), "DUP-1", channel)).isEqualTo(Long.MIN_VALUE);
            assertThat(catalog.variantBySku(priced.sku()).map(CatalogEndToEndTest::prices).orElseThrow())
                    .noneMatch(p -> p.path("key").asText().contains(bookA) || p.path("key").asText().contains(bookB));
            assertThat(catalog.productByKey(pipeline.mapperConfig().productKeyPrefix() + socks.get(0).id())).isEmpty();
        }
    }

    @Test
    void shouldWriteNothingWhenEveryCanonicalTopicIsReplayedAgainstAProjectThatAlreadyMatches() throws Exception {
        try (LocalPipeline pipeline = start()) {
            awaitSeededProductsInCommercetools();
            final List<Product> family = vend.addVariantFamily("Beanie", new BigDecimal("25.00"), List.of(
                    new VariantSpec("BEANIE-RED", List.of(new VariantOption("Colour", "Red")), null),
                    new VariantSpec("BEANIE-BLUE", List.of(new VariantOption("Colour", "Blue")), null)));
            vend.setInventory(family.get(0).id(), vend.outlets().get(0).id(), 4);
            final String bookId = UUID.randomUUID().toString();
            vend.putRecord("price_books", bookId, priceBook("Beanie week", allCustomersGroupId(), "2027-01-01T00:00:00+00:00", null));
            vend.putRecord("price_book_products", UUID.randomUUID().toString(), priceBookProduct(bookId, family.get(1).id(), "20.00"));
            await("the beanies with their price-book price", () -> bookPrice("BEANIE-BLUE", bookId));
            awaitQuiet();

            // A second sink reads every canonical topic from the start under new groups: a full replay.
            assertThat(FullReplay.writes(kafka.bootstrapServers(), topics, pipeline, prefix + "replay", Duration.ofSeconds(120)))
                    .as("commercetools writes while replaying every canonical topic").isEmpty();
        }
    }

    private LocalPipeline start() {
        // Products and stock arrive by webhook; price books have none, so they are polled, within the rate budget.
        return LocalPipeline.start(new LocalPipeline.Settings(kafka.bootstrapServers(), prefix, commercetools.projectKey(),
                Duration.ofHours(1), true, Map.of(IngestConfig.pollIntervalKey("price_books"), "3000",
                IngestConfig.pollIntervalKey("price_book_products"), "3000")), vend, commercetools);
    }

    /** The seeded products exist in commercetools: the catalog reader has run and the first mapping is done. */
    private void awaitSeededProductsInCommercetools() throws Exception {
        for (final Product product : vend.products()) {
            await("seeded product " + product.sku(), () -> catalog.variantBySku(product.sku()));
        }
    }

    /** Lets in-flight records settle: no new canonical record for two seconds. */
    private void awaitQuiet() throws Exception {
        int last = -1;
        for (int stable = 0; stable < 4; ) {
            final int now = count(topics.canonicalProducts.name()) + count(topics.canonicalPrices.name())
                    + count(topics.canonicalInventory.name());
            stable = now == last ? stable + 1 : 0;
            last = now;
            Thread.sleep(500);
        }
    }

    private int count(final String topic) {
        return TopicProbe.readAll(kafka.bootstrapServers(), topic, new StringDeserializer(), new StringDeserializer()).size();
    }

    private Optional<JsonNode> bookPrice(final String sku, final String bookId) throws Exception {
        return catalog.variantBySku(sku).flatMap(v -> prices(v).stream()
                .filter(p -> p.path("key").asText().contains(bookId)).findFirst());
    }

    private static List<JsonNode> prices(final JsonNode variant) {
        return StreamSupport.stream(variant.path("prices").spliterator(), false).toList();
    }

    private static String attribute(final JsonNode variant, final String name) {
        for (final JsonNode attribute : variant.path("attributes")) {
            if (name.equals(attribute.path("name").asText())) {
                return attribute.path("value").asText();
            }
        }
        return null;
    }

    private static long quantity(final List<CommercetoolsInventoryReader.Entry> entries, final String sku, final String channel) {
        return entries.stream().filter(e -> sku.equals(e.sku()) && channel.equals(e.channelKey()))
                .mapToLong(CommercetoolsInventoryReader.Entry::quantityOnStock).findFirst().orElse(Long.MIN_VALUE);
    }

    private static boolean has(final List<ValidationError> errors, final String code, final Predicate<ValidationError> check) {
        return errors.stream().anyMatch(e -> code.equals(e.getCode()) && check.test(e));
    }

    private String allCustomersGroupId() {
        return vend.records("customer_groups").stream().filter(g -> "1111111111".equals(g.path("group_id").asText()))
                .findFirst().orElseThrow().path("id").asText();
    }

    /** A 2.0 price book for every platform, no outlet; validity as Vend sends it (null for none). */
    private static ObjectNode priceBook(final String name, final String customerGroupId, final String validFrom, final String validTo) {
        final ObjectNode book = JSON.createObjectNode();
        book.put("name", name);
        book.put("type", "GENERAL");
        book.put("customer_group_id", customerGroupId);
        book.putNull("outlet_id");
        book.put("valid_from", validFrom);
        book.put("valid_to", validTo);
        book.put("restrict_to_platform_key", "0");
        book.put("restrict_to_platform_label", "All");
        return book;
    }

    private static ObjectNode priceBookProduct(final String bookId, final String productId, final String priceExcludingTax) {
        final ObjectNode entry = JSON.createObjectNode();
        entry.put("price_book_id", bookId);
        entry.put("product_id", productId);
        entry.put("price", new BigDecimal(priceExcludingTax));
        entry.putNull("tax_id");
        return entry;
    }

    private void merchandiserProductType() throws Exception {
        catalog.post("product-types", """
                {"key":"merch-apparel","name":"Apparel","description":"made by a merchandiser",
                 "attributes":[{"name":"gtin","label":{"en":"GTIN"},"type":{"name":"text"},"isRequired":false,
                   "attributeConstraint":"None","isSearchable":false}]}""");
    }

    private void merchandiserProduct(final String key, final String sku, final String gtin) throws Exception {
        final String attributes = gtin == null ? "[]" : "[{\"name\":\"gtin\",\"value\":\"" + gtin + "\"}]";
        catalog.post("products", "{\"key\":\"" + key + "\",\"productType\":{\"typeId\":\"product-type\",\"key\":\"merch-apparel\"},"
                + "\"name\":{\"en\":\"" + key + "\"},\"slug\":{\"en\":\"" + key + "\"},"
                + "\"masterVariant\":{\"sku\":\"" + sku + "\",\"key\":\"" + key + "-v1\",\"attributes\":" + attributes + "}}");
    }

    private Properties producerProperties() {
        final Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        return props;
    }
}
