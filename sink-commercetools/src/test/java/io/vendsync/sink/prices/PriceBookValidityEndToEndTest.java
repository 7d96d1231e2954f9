package io.vendsync.sink.prices;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercetools.api.models.common.LocalizedString;
import com.commercetools.api.models.common.Price;
import com.commercetools.api.models.product.ProductDraft;
import com.commercetools.api.models.product.ProductVariantDraft;
import com.commercetools.api.models.product_type.ProductType;
import com.commercetools.api.models.product_type.ProductTypeDraft;
import com.commercetools.api.models.product_type.ProductTypeResourceIdentifier;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vendsync.mapper.MapperConfig;
import io.vendsync.mapper.prices.PriceMappingTopology;
import io.vendsync.runtime.CommonConfig;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.TaxCategory;
import io.vendsync.schemas.canonical.v1.VariantPrices;
import io.vendsync.schemas.mapping.ProductResolution;
import io.vendsync.schemas.raw.Op;
import io.vendsync.schemas.raw.VendChange;
import io.vendsync.schemas.raw.VendSource;
import io.vendsync.schemas.serde.SerdeFactory;
import io.vendsync.sink.SinkStatistics;
import io.vendsync.sink.internals.ChannelResolver;
import io.vendsync.sink.internals.MockProject;
import io.vendsync.sink.internals.WriteOutcome;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #4's "a price-book change with validity ends in commercetools": Vend records through the price mapper's topology
 * (TopologyTestDriver, the app's own Streams settings) into the price and tax category writers against the mock.
 */
class PriceBookValidityEndToEndTest {

    private static final Topics TOPICS = new Topics("test.prices-e2e.", SerdeFactory.singleObject());
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private MockProject project;
    private long version = 100;
    private long clock = 1_700_000_000_000L;

    @BeforeEach
    void start() {
        final MapperConfig config = new MapperConfig(Map.of(CommonConfig.BOOTSTRAP_SERVERS, "unused:9092",
                CommonConfig.TOPIC_PREFIX, TOPICS.prefix(), MapperConfig.STATE_DIR, stateDir.toString(),
                MapperConfig.APPLICATION_ID, "vendsync-mapper-prices"));
        final Properties props = config.streamsProperties();
        props.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class);
        final StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
        PriceMappingTopology.build(builder, TOPICS, config);
        driver = new TopologyTestDriver(builder.build(props), props);
        project = new MockProject();
    }

    @AfterEach
    void stop() {
        driver.close();
        project.close();
    }

    private void vend(final String entity, final String id, final ObjectNode node) {
        node.put("id", id).put("version", ++version).putNull("deleted_at");
        clock += 1_000;
        driver.createInputTopic(TOPICS.raw(entity).name(), TOPICS.raw(entity).keySerde().serializer(),
                TOPICS.raw(entity).valueSerde().serializer()).pipeInput(id, VendChange.newBuilder().setBefore(null)
                .setAfter(node.toString()).setOp(Op.u).setSource(VendSource.newBuilder().setConnector("vend").setDomainPrefix("acme")
                        .setEntity(entity).setVersion(version).setTsMs(clock).setTrigger("poll").setSnapshot(false).build())
                .setTsMs(clock).build(), clock);
    }

    private void vipBook(final String validTo) {
        vend("price_books", "book-vip", JSON.createObjectNode().put("name", "VIP January").put("type", "GENERAL")
                .put("customer_group_id", "group-vip").putNull("outlet_id").put("valid_from", "2025-01-01")
                .put("valid_to", validTo).put("restrict_to_platform_key", "0"));
    }

    @Test
    void shouldCarryAPriceBookValidityChangeToCommercetoolsInOneUpdate() {
        final String sku = "E2E-" + UUID.randomUUID();
        final ProductType type = project.direct.productTypes().post(ProductTypeDraft.builder().key("pt-" + UUID.randomUUID())
                .name("Tee").description("Tee").build()).executeBlocking().getBody();
        project.direct.products().post(ProductDraft.builder().productType(ProductTypeResourceIdentifier.builder().id(type.getId()).build())
                .name(LocalizedString.ofEnglish("Tee")).slug(LocalizedString.ofEnglish("tee-" + UUID.randomUUID()))
                .masterVariant(ProductVariantDraft.builder().sku(sku).build()).build()).executeBlocking();

        final ObjectNode retailer = JSON.createObjectNode().put("tax_exclusive", false).put("country", "NZ");
        retailer.putObject("currency").put("code", "NZD");
        vend("retailer", "retailer-1", retailer);
        final ObjectNode gst = JSON.createObjectNode().put("name", "GST").put("is_default", true);
        gst.putArray("rates").addObject().put("name", "GST").put("rate", new BigDecimal("0.15"));
        vend("taxes", "tax-gst", gst);
        vend("customer_groups", "group-vip", JSON.createObjectNode().put("name", "VIP").put("group_id", "0000004711"));
        vend("outlets", "outlet-1", JSON.createObjectNode().put("name", "Main").put("currency", "NZD")
                .put("physical_country_id", "NZ").put("display_prices", "inclusive"));
        vend("products", "prod-1", JSON.createObjectNode().put("sku", sku).put("price_excluding_tax", new BigDecimal("100.00")));
        driver.createInputTopic(TOPICS.productResolutions.name(), TOPICS.productResolutions.keySerde().serializer(),
                TOPICS.productResolutions.valueSerde().serializer()).pipeInput("prod-1", ProductResolution.newBuilder()
                .setProductId("prod-1").setSku(sku).setSkuSource("VEND_SKU").setConflictCode(null).setCandidates(List.of())
                .setDeleted(false).setHasInventory(true).setVersion(version).build(), clock);
        vipBook("2025-01-31");
        vend("price_book_products", "entry-1", JSON.createObjectNode().put("price_book_id", "book-vip").put("product_id", "prod-1")
                .put("price", new BigDecimal("80.00")));

        final TestOutputTopic<String, VariantPrices> prices = driver.createOutputTopic(TOPICS.canonicalPrices.name(),
                TOPICS.canonicalPrices.keySerde().deserializer(), TOPICS.canonicalPrices.valueSerde().deserializer());
        final TestOutputTopic<String, TaxCategory> taxes = driver.createOutputTopic(TOPICS.canonicalTaxCategories.name(),
                TOPICS.canonicalTaxCategories.keySerde().deserializer(), TOPICS.canonicalTaxCategories.valueSerde().deserializer());
        final SinkStatistics statistics = new SinkStatistics();
        final var writer = PriceWriter.template(project.api, new ChannelResolver(project.api),
                new CustomerGroupResolver(project.api), 3, statistics);
        final var taxWriter = TaxCategoryWriter.template(project.api, 3, statistics);

        final VariantPrices first = prices.readKeyValuesToMap().get(sku);
        assertThat(writer.apply(first)).isEqualTo(WriteOutcome.UPDATED);
        for (final TaxCategory category : taxes.readKeyValuesToMap().values()) {
            assertThat(taxWriter.apply(category)).isEqualTo(WriteOutcome.CREATED);
        }

        // Replaying every canonical record against the project that now matches writes nothing.
        project.log.clear();
        assertThat(writer.apply(first)).isEqualTo(WriteOutcome.UNCHANGED);
        assertThat(project.writes()).isEmpty();

        vipBook("2025-02-28");
        final VariantPrices changed = prices.readKeyValuesToMap().get(sku);
        assertThat(writer.apply(changed)).isEqualTo(WriteOutcome.UPDATED);

        assertThat(project.writes()).hasSize(1);
        final List<Price> current = project.direct.productProjections().get().withStaged(true)
                .withWhere("masterVariant(sku = :sku)").withPredicateVar("sku", sku).executeBlocking().getBody().getResults()
                .get(0).getMasterVariant().getPrices();
        assertThat(current).extracting(Price::getKey).containsExactlyInAnyOrder("retail-NZD-NZ", "pb-book-vip-NZD-NZ");
        final Price vip = current.stream().filter(p -> p.getKey().equals("pb-book-vip-NZD-NZ")).findFirst().orElseThrow();
        assertThat(vip.getValidUntil().toInstant()).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
        assertThat(vip.getValue().getCentAmount()).isEqualTo(9200L);
        assertThat(project.direct.taxCategories().withKey("vend-tax-tax-gst").get().executeBlocking().getBody().getRates())
                .singleElement().satisfies(rate -> {
                    assertThat(rate.getCountry()).isEqualTo("NZ");
                    assertThat(rate.getIncludedInPrice()).isTrue();
                });
    }
}
