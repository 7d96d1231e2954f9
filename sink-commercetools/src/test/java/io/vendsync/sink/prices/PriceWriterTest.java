package io.vendsync.sink.prices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercetools.api.models.common.LocalizedString;
import com.commercetools.api.models.common.Price;
import com.commercetools.api.models.common.PriceDraft;
import com.commercetools.api.models.common.CentPrecisionMoneyDraft;
import com.commercetools.api.models.customer_group.CustomerGroup;
import com.commercetools.api.models.product.Product;
import com.commercetools.api.models.product.ProductDraft;
import com.commercetools.api.models.product.ProductProjection;
import com.commercetools.api.models.product.ProductSetDescriptionAction;
import com.commercetools.api.models.product.ProductUpdate;
import com.commercetools.api.models.product.ProductVariantDraft;
import com.commercetools.api.models.product_type.ProductType;
import com.commercetools.api.models.product_type.ProductTypeDraft;
import com.commercetools.api.models.product_type.ProductTypeResourceIdentifier;
import io.vendsync.schemas.canonical.v1.PriceTier;
import io.vendsync.schemas.canonical.v1.ScopedPrice;
import io.vendsync.schemas.canonical.v1.VariantPrices;
import com.commercetools.api.models.product.ProductUpdateAction;
import io.vendsync.sink.SinkStatistics;
import io.vendsync.sink.products.PublishPolicy;
import io.vendsync.sink.write.WriterTemplate;
import io.vendsync.sink.internals.ChannelResolver;
import io.vendsync.sink.internals.Failure;
import io.vendsync.sink.internals.FailureClassifier;
import io.vendsync.sink.internals.MockProject;
import io.vendsync.sink.internals.MissingReferenceException;
import io.vendsync.sink.internals.SinkWriteException;
import io.vendsync.sink.internals.WriteOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue #4, the price sink against the commercetools mock; writes are counted from the integration log, not assumed. */
class PriceWriterTest {

    private static final long JAN_1 = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    private static final long FEB_1 = Instant.parse("2025-02-01T00:00:00Z").toEpochMilli();
    private static final long MAR_1 = Instant.parse("2025-03-01T00:00:00Z").toEpochMilli();

    private MockProject project;
    private SinkStatistics statistics;

    @BeforeEach
    void setUp() {
        project = new MockProject();
        project.log.clear(); // the inventory type MockProject ensures
        statistics = new SinkStatistics();
    }

    @AfterEach
    void tearDown() {
        project.close();
    }

    private WriterTemplate<VariantPrices, PriceWriter.Current, ProductUpdateAction> writer(final int maxConflictRetries) {
        return writer(PublishPolicy.NEVER, maxConflictRetries);
    }

    private WriterTemplate<VariantPrices, PriceWriter.Current, ProductUpdateAction> writer(final PublishPolicy publish,
                                                                                          final int maxConflictRetries) {
        return PriceWriter.template(project.api, new ChannelResolver(project.api), new CustomerGroupResolver(project.api),
                publish, maxConflictRetries, statistics);
    }

    /** A product whose master variant has {@code sku}, created behind the writer's back; {@code prices} as drafts. */
    private Product product(final String sku, final PriceDraft... prices) {
        final ProductType type = project.direct.productTypes().post(ProductTypeDraft.builder().key("pt-" + UUID.randomUUID())
                .name("Tee").description("Tee").build()).executeBlocking().getBody();
        return project.direct.products().post(ProductDraft.builder()
                .productType(ProductTypeResourceIdentifier.builder().id(type.getId()).build())
                .name(LocalizedString.ofEnglish("Tee " + sku)).slug(LocalizedString.ofEnglish("tee-" + sku.toLowerCase(java.util.Locale.ROOT)))
                .masterVariant(ProductVariantDraft.builder().sku(sku).prices(List.of(prices)).build())
                .build()).executeBlocking().getBody();
    }

    private List<Price> stagedPrices(final String sku) {
        final ProductProjection projection = project.direct.productProjections().get().withStaged(true)
                .withWhere("masterVariant(sku = :sku)").withPredicateVar("sku", sku).executeBlocking().getBody().getResults().get(0);
        return projection.getMasterVariant().getPrices();
    }

    private List<Price> currentPrices(final String sku) {
        final ProductProjection projection = project.direct.productProjections().get().withStaged(false)
                .withWhere("masterVariant(sku = :sku)").withPredicateVar("sku", sku).executeBlocking().getBody().getResults().get(0);
        return projection.getMasterVariant().getPrices();
    }

    private void publish(final Product product) {
        project.direct.products().withId(product.getId()).post(ProductUpdate.builder().version(product.getVersion())
                .actions(List.of(com.commercetools.api.models.product.ProductPublishAction.builder().build())).build()).executeBlocking();
    }

    private static PriceDraft retailDraft(final long cents) {
        return PriceDraft.builder().key("retail-NZD-NZ").value(CentPrecisionMoneyDraft.builder().centAmount(cents).currencyCode("NZD")
                .fractionDigits(2).build()).country("NZ").build();
    }

    private static ScopedPrice.Builder price(final String key, final long cents) {
        return ScopedPrice.newBuilder().setPriceKey(key).setCurrency("NZD").setCentAmount(cents).setFractionDigits(2)
                .setCountry("NZ").setChannelKey(null).setCustomerGroupKey(null).setValidFromMs(null).setValidUntilMs(null)
                .setTaxIncluded(true).setSource("retail");
    }

    private static VariantPrices record(final String sku, final long version, final ScopedPrice... prices) {
        return VariantPrices.newBuilder().setSku(sku).setVendProductId("vend-" + sku).setPrices(List.of(prices))
                .setSourceVersion(version).setSourceTsMs(1L).build();
    }

    private static VariantPrices storeRecord(final String sku, final long vipValidUntil, final long version) {
        return record(sku, version,
                price("retail-NZD-NZ", 4000).build(),
                price("retail-NZD-NZ-ch-akl", 3800).setChannelKey("akl").build(),
                price("pb-vip-NZD-NZ", 3000).setCustomerGroupKey("vend-group-vip").setValidFromMs(JAN_1)
                        .setValidUntilMs(vipValidUntil).setSource("price_book:vip").build());
    }

    private long productWrites() {
        return project.writes().stream().filter(e -> e.getUrl().contains("/products/")).count();
    }

    @Test
    void shouldCreatePricesWithTheirScopesAndValidity() {
        product("TEE-1");
        project.log.clear();

        assertThat(writer(3).apply(storeRecord("TEE-1", FEB_1, 10))).isEqualTo(WriteOutcome.UPDATED);

        final List<Price> prices = stagedPrices("TEE-1");
        assertThat(prices).extracting(Price::getKey).containsExactlyInAnyOrder("retail-NZD-NZ", "retail-NZD-NZ-ch-akl", "pb-vip-NZD-NZ");
        final Price retail = prices.stream().filter(p -> p.getKey().equals("retail-NZD-NZ")).findFirst().orElseThrow();
        assertThat(retail.getValue().getCentAmount()).isEqualTo(4000L);
        assertThat(retail.getValue().getCurrencyCode()).isEqualTo("NZD");
        assertThat(retail.getCountry()).isEqualTo("NZ");
        assertThat(retail.getChannel()).isNull();
        final Price store = prices.stream().filter(p -> p.getKey().equals("retail-NZD-NZ-ch-akl")).findFirst().orElseThrow();
        assertThat(store.getChannel().getId()).isEqualTo(project.channels("akl").get(0).getId());
        final Price vip = prices.stream().filter(p -> p.getKey().equals("pb-vip-NZD-NZ")).findFirst().orElseThrow();
        final List<CustomerGroup> groups = project.direct.customerGroups().get().withWhere("key = \"vend-group-vip\"")
                .executeBlocking().getBody().getResults();
        assertThat(groups).hasSize(1);
        assertThat(vip.getCustomerGroup().getId()).isEqualTo(groups.get(0).getId());
        assertThat(vip.getValidFrom().toInstant().toEpochMilli()).isEqualTo(JAN_1);
        assertThat(vip.getValidUntil().toInstant().toEpochMilli()).isEqualTo(FEB_1);
        assertThat(productWrites()).as("one update request for three prices").isEqualTo(1);
    }

    @Test
    void shouldSendNoWriteWhenTheSameRecordIsAppliedAgain() {
        product("TEE-2");
        final var writer = writer(3);
        writer.apply(storeRecord("TEE-2", FEB_1, 10));
        project.log.clear();

        assertThat(writer.apply(storeRecord("TEE-2", FEB_1, 10))).isEqualTo(WriteOutcome.UNCHANGED);
        // A fresh writer (a restarted sink: no caches) replaying the record writes nothing either.
        assertThat(writer(3).apply(storeRecord("TEE-2", FEB_1, 10))).isEqualTo(WriteOutcome.UNCHANGED);

        assertThat(project.writes()).isEmpty();
        assertThat(statistics.unchanged()).isEqualTo(2);
    }

    @Test
    void shouldSendOneUpdateWhenAPriceBooksValidityChanges() {
        product("TEE-3");
        final var writer = writer(3);
        writer.apply(storeRecord("TEE-3", FEB_1, 10));
        project.log.clear();

        assertThat(writer.apply(storeRecord("TEE-3", MAR_1, 11))).isEqualTo(WriteOutcome.UPDATED);

        assertThat(productWrites()).isEqualTo(1);
        final Price vip = stagedPrices("TEE-3").stream().filter(p -> p.getKey().equals("pb-vip-NZD-NZ")).findFirst().orElseThrow();
        assertThat(vip.getValidUntil().toInstant().toEpochMilli()).isEqualTo(MAR_1);
        assertThat(stagedPrices("TEE-3")).hasSize(3);
        project.log.clear();
        assertThat(writer.apply(storeRecord("TEE-3", MAR_1, 11))).isEqualTo(WriteOutcome.UNCHANGED);
        assertThat(project.writes()).isEmpty();
    }

    @Test
    void shouldChangeAnAmountInPlaceAndStayUnchangedAfterwards() {
        product("TEE-4");
        final var writer = writer(3);
        writer.apply(storeRecord("TEE-4", FEB_1, 10));
        final String storePriceId = stagedPrices("TEE-4").stream().filter(p -> p.getKey().equals("retail-NZD-NZ-ch-akl"))
                .findFirst().orElseThrow().getId();
        final VariantPrices changed = record("TEE-4", 12, price("retail-NZD-NZ", 4000).build(),
                price("retail-NZD-NZ-ch-akl", 3500).setChannelKey("akl").build(),
                price("pb-vip-NZD-NZ", 3000).setCustomerGroupKey("vend-group-vip").setValidFromMs(JAN_1).setValidUntilMs(FEB_1).build());
        project.log.clear();

        writer.apply(changed);

        final Price store = stagedPrices("TEE-4").stream().filter(p -> p.getKey().equals("retail-NZD-NZ-ch-akl")).findFirst().orElseThrow();
        assertThat(store.getId()).as("changePrice keeps the price").isEqualTo(storePriceId);
        assertThat(store.getValue().getCentAmount()).isEqualTo(3500L);
        assertThat(project.writes().get(0).getRequestBody()).contains("changePrice").doesNotContain("removePrice");
        project.log.clear();
        assertThat(writer.apply(changed)).isEqualTo(WriteOutcome.UNCHANGED);
        assertThat(project.writes()).isEmpty();
    }

    @Test
    void shouldPublishAPriceChangeOfAPublishedProductWhenProductsArePublishedAlways() {
        publish(product("TEE-P1", retailDraft(4000)));
        project.log.clear();

        assertThat(writer(PublishPolicy.ALWAYS, 3).apply(record("TEE-P1", 10, price("retail-NZD-NZ", 3500).build())))
                .isEqualTo(WriteOutcome.UPDATED);

        // Live in the shop, not waiting for the product's next change: the prices and the publish in one request. (The
        // mock shows staged edits of a published product as current anyway, so the request is what tells.)
        assertThat(project.writes()).singleElement().satisfies(write -> assertThat(write.getRequestBody())
                .contains("changePrice").contains("\"action\":\"publish\"").contains("\"scope\":\"Prices\""));
        assertThat(currentPrices("TEE-P1")).singleElement().satisfies(p -> assertThat(p.getValue().getCentAmount()).isEqualTo(3500L));
    }

    @Test
    void shouldLeaveAPriceChangeStagedUnlessProductsArePublishedAlways() {
        for (final PublishPolicy policy : List.of(PublishPolicy.NEVER, PublishPolicy.ON_CREATE)) {
            final String sku = "TEE-P-" + policy;
            publish(product(sku, retailDraft(4000)));
            project.log.clear();

            writer(policy, 3).apply(record(sku, 10, price("retail-NZD-NZ", 3500).build()));

            assertThat(project.writes()).as(policy + ": a merchandiser publishes").singleElement()
                    .satisfies(write -> assertThat(write.getRequestBody()).contains("changePrice").doesNotContain("\"publish\""));
            assertThat(stagedPrices(sku)).singleElement().satisfies(p -> assertThat(p.getValue().getCentAmount()).isEqualTo(3500L));
        }
    }

    @Test
    void shouldNeverPublishAnUnpublishedProductForAPrice() {
        product("TEE-P2", retailDraft(4000));
        project.log.clear();

        writer(PublishPolicy.ALWAYS, 3).apply(record("TEE-P2", 10, price("retail-NZD-NZ", 3500).build()));

        assertThat(project.writes()).singleElement()
                .satisfies(write -> assertThat(write.getRequestBody()).contains("changePrice").doesNotContain("\"publish\""));
        final Product product = project.direct.products().get().withWhere("masterData(staged(masterVariant(sku = \"TEE-P2\")))")
                .executeBlocking().getBody().getResults().get(0);
        assertThat(product.getMasterData().getPublished()).isFalse();
    }

    @Test
    void shouldWriteQuantityBreaksAsTiersAndChangeThemInPlace() {
        product("TEE-T1");
        final var writer = writer(3);
        final ScopedPrice.Builder tiered = price("pb-bulk-NZD-NZ", 4000).setSource("price_book:bulk").setTiers(List.of(
                PriceTier.newBuilder().setMinimumQuantity(10).setCentAmount(3500).build(),
                PriceTier.newBuilder().setMinimumQuantity(50).setCentAmount(3000).build()));

        assertThat(writer.apply(record("TEE-T1", 10, tiered.build()))).isEqualTo(WriteOutcome.UPDATED);
        assertThat(stagedPrices("TEE-T1")).singleElement().satisfies(p -> assertThat(p.getTiers())
                .extracting(t -> t.getMinimumQuantity() + "@" + t.getValue().getCentAmount()).containsExactly("10@3500", "50@3000"));
        project.log.clear();
        assertThat(writer.apply(record("TEE-T1", 10, tiered.build()))).as("the same tiers: nothing to write").isEqualTo(WriteOutcome.UNCHANGED);
        assertThat(project.writes()).isEmpty();

        final String id = stagedPrices("TEE-T1").get(0).getId();
        writer.apply(record("TEE-T1", 11, tiered.setTiers(List.of(PriceTier.newBuilder().setMinimumQuantity(10).setCentAmount(3400).build()))
                .build()));

        assertThat(stagedPrices("TEE-T1")).singleElement().satisfies(p -> {
            assertThat(p.getId()).as("changePrice keeps the price").isEqualTo(id);
            assertThat(p.getValue().getCentAmount()).isEqualTo(4000L);
            assertThat(p.getTiers()).extracting(t -> t.getMinimumQuantity() + "@" + t.getValue().getCentAmount()).containsExactly("10@3400");
        });
        project.log.clear();
        assertThat(writer.apply(record("TEE-T1", 11, tiered.build()))).isEqualTo(WriteOutcome.UNCHANGED);
    }

    @Test
    void shouldRemovePricesTheRecordNoLongerLists() {
        product("TEE-5");
        final var writer = writer(3);
        writer.apply(storeRecord("TEE-5", FEB_1, 10));

        writer.apply(record("TEE-5", 13, price("retail-NZD-NZ", 4000).build()));

        assertThat(stagedPrices("TEE-5")).extracting(Price::getKey).containsExactly("retail-NZD-NZ");
    }

    @Test
    void shouldAdoptAPriceWithoutKeyThatHasTheSameScope() {
        product("TEE-6", PriceDraft.builder().value(CentPrecisionMoneyDraft.builder().centAmount(4000L).currencyCode("NZD")
                .fractionDigits(2).build()).country("NZ").build());
        final String id = stagedPrices("TEE-6").get(0).getId();
        final var writer = writer(3);

        writer.apply(record("TEE-6", 10, price("retail-NZD-NZ", 4000).build()));

        assertThat(stagedPrices("TEE-6")).singleElement().satisfies(p -> {
            assertThat(p.getId()).isEqualTo(id);
            assertThat(p.getKey()).isEqualTo("retail-NZD-NZ");
        });
        project.log.clear();
        assertThat(writer.apply(record("TEE-6", 10, price("retail-NZD-NZ", 4000).build()))).isEqualTo(WriteOutcome.UNCHANGED);
        assertThat(project.writes()).isEmpty();
    }

    @Test
    void shouldFailTransientlyWhileNoProductHasTheSku() {
        assertThatThrownBy(() -> writer(3).apply(record("NOT-THERE", 10, price("retail-NZD-NZ", 4000).build())))
                .satisfies(e -> assertThat(new FailureClassifier().classify(e).kind()).isEqualTo(Failure.Kind.TRANSIENT))
                .hasRootCauseInstanceOf(MissingReferenceException.class);
        assertThat(project.writes()).isEmpty();
    }

    @Test
    void shouldRereadAndRebuildOnAConflictButOnlyABoundedNumberOfTimes() {
        final Product product = product("TEE-7");
        final AtomicInteger interference = new AtomicInteger();
        final Runnable behindTheBack = () -> {
            final Product fresh = project.direct.products().withId(product.getId()).get().executeBlocking().getBody();
            project.direct.products().withId(product.getId()).post(ProductUpdate.builder().version(fresh.getVersion())
                    .actions(ProductSetDescriptionAction.builder().description(LocalizedString.ofEnglish("edit " + interference.incrementAndGet()))
                            .staged(true).build()).build()).executeBlocking();
        };

        final var once = writer(2);
        final AtomicInteger calls = new AtomicInteger();
        once.beforeUpdateForTests(current -> {
            if (calls.getAndIncrement() == 0) {
                behindTheBack.run();
            }
        });
        assertThat(once.apply(storeRecord("TEE-7", FEB_1, 10))).isEqualTo(WriteOutcome.UPDATED);
        assertThat(statistics.conflictRetries()).isEqualTo(1);
        assertThat(stagedPrices("TEE-7")).hasSize(3);

        final var always = writer(2);
        always.beforeUpdateForTests(current -> behindTheBack.run());
        assertThatThrownBy(() -> always.apply(storeRecord("TEE-7", MAR_1, 11)))
                .isInstanceOf(SinkWriteException.class).hasMessageContaining("after 2 retries")
                .satisfies(e -> assertThat(new FailureClassifier().classify(e).kind()).isEqualTo(Failure.Kind.TRANSIENT));
        assertThat(project.requests("POST", "/products/" + product.getId()).stream()
                .filter(e -> Integer.valueOf(409).equals(e.getStatus())).count()).isEqualTo(1 + 3);
    }

    @Test
    void shouldSplitMoreThan500ActionsIntoRequestsOfAtMost500() {
        product("TEE-8");
        final List<ScopedPrice> prices = new ArrayList<>();
        for (int i = 0; i < 520; i++) {
            prices.add(price("pb-book" + i + "-NZD-NZ", 1000 + i).setCustomerGroupKey("vend-group-g" + (i % 3))
                    .setValidFromMs(JAN_1 + i * 86_400_000L).setValidUntilMs(JAN_1 + (i + 1) * 86_400_000L).build());
        }
        final VariantPrices many = record("TEE-8", 10, prices.toArray(ScopedPrice[]::new));
        final var writer = writer(3);
        project.log.clear();

        writer.apply(many);

        assertThat(productWrites()).isEqualTo(2);
        assertThat(stagedPrices("TEE-8")).hasSize(520);
        project.log.clear();
        assertThat(writer.apply(many)).isEqualTo(WriteOutcome.UNCHANGED);
        assertThat(project.writes()).isEmpty();
    }
}
