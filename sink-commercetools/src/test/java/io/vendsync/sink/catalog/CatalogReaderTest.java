package io.vendsync.sink.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.common.LocalizedString;
import com.commercetools.api.models.product.Attribute;
import com.commercetools.api.models.product.AttributeBuilder;
import com.commercetools.api.models.product.Product;
import com.commercetools.api.models.product.ProductDraft;
import com.commercetools.api.models.product.ProductRemoveVariantActionBuilder;
import com.commercetools.api.models.product.ProductSetAttributeActionBuilder;
import com.commercetools.api.models.product.ProductUpdate;
import com.commercetools.api.models.product.ProductVariantDraft;
import com.commercetools.api.models.product_type.AttributeDefinitionDraftBuilder;
import com.commercetools.api.models.product_type.AttributeTextTypeBuilder;
import com.commercetools.api.models.product_type.ProductTypeDraftBuilder;
import com.commercetools.api.models.product_type.ProductTypeResourceIdentifierBuilder;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.mapping.CommercetoolsVariant;
import io.vendsync.schemas.serde.SerdeFactory;
import io.vendsync.sink.internals.MockProject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The catalog reader against the commercetools mock, publishing to a MockProducer. */
class CatalogReaderTest {

    private static final Topics TOPICS = new Topics("test.catalog.", SerdeFactory.singleObject());
    private static final String TOPIC = TOPICS.commercetoolsVariants.name();
    private static final String PRODUCT_TYPE_KEY = "catalog-test-type";

    private MockProject project;
    private MockProducer<String, CommercetoolsVariant> producer;

    @BeforeEach
    void setUp() {
        project = new MockProject();
        producer = new MockProducer<>(true, null, TOPICS.commercetoolsVariants.keySerde().serializer(),
                TOPICS.commercetoolsVariants.valueSerde().serializer());
        project.direct.productTypes().post(ProductTypeDraftBuilder.of().key(PRODUCT_TYPE_KEY).name("Apparel").description("test")
                .attributes(List.of(AttributeDefinitionDraftBuilder.of().name("gtin").label(LocalizedString.ofEnglish("GTIN"))
                        .type(AttributeTextTypeBuilder.of().build()).isRequired(false).build()))
                .build()).executeBlocking();
    }

    @AfterEach
    void tearDown() {
        project.close();
    }

    private CatalogReader reader(final Duration overlap) {
        return new CatalogReader(project.api, "gtin", producer, TOPIC, overlap, Duration.ofHours(1), System::currentTimeMillis);
    }

    /** A product with one variant per SKU; {@code gtins} (nullable entries) pair with the SKUs. */
    private static ProductDraft draft(final String key, final List<String> skus, final List<String> gtins) {
        final List<ProductVariantDraft> variants = new ArrayList<>();
        for (int i = 0; i < skus.size(); i++) {
            final List<Attribute> attributes = gtins.get(i) == null ? List.of()
                    : List.of(AttributeBuilder.of().name("gtin").value(gtins.get(i)).build());
            variants.add(ProductVariantDraft.builder().sku(skus.get(i)).key(skus.get(i).toLowerCase(java.util.Locale.ROOT))
                    .attributes(attributes).build());
        }
        return ProductDraft.builder()
                .key(key)
                .productType(ProductTypeResourceIdentifierBuilder.of().key(PRODUCT_TYPE_KEY).build())
                .name(LocalizedString.ofEnglish(key))
                .slug(LocalizedString.ofEnglish(key))
                .masterVariant(variants.get(0))
                .variants(variants.subList(1, variants.size()))
                .publish(true)
                .build();
    }

    private Product create(final ProductDraft draft) {
        return project.direct.products().post(draft).executeBlocking().getBody();
    }

    /** Creates many products, 32 requests in flight: the mock creates ~1,500 products/s that way. */
    private void createAll(final List<ProductDraft> drafts) {
        for (int from = 0; from < drafts.size(); from += 32) {
            final List<CompletableFuture<?>> batch = drafts.subList(from, Math.min(drafts.size(), from + 32)).stream()
                    .<CompletableFuture<?>>map(d -> project.direct.products().post(d).execute()).toList();
            CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).join();
        }
    }

    private Product update(final Product product, final com.commercetools.api.models.product.ProductUpdateAction action) {
        final Product current = project.direct.products().withId(product.getId()).get().executeBlocking().getBody();
        return project.direct.products().withId(product.getId())
                .post(ProductUpdate.builder().version(current.getVersion()).actions(List.of(action)).build())
                .executeBlocking().getBody();
    }

    /** The latest record per key the producer sent (null: tombstone). */
    private Map<String, CommercetoolsVariant> latest() {
        final Map<String, CommercetoolsVariant> out = new LinkedHashMap<>();
        for (final ProducerRecord<String, CommercetoolsVariant> record : producer.history()) {
            out.put(record.key(), record.value());
        }
        return out;
    }

    @Test
    void shouldPublishEveryVariantOfMoreThanOnePageOnTheFirstRead() {
        final List<ProductDraft> drafts = new ArrayList<>();
        for (int p = 0; p < 520; p++) {
            drafts.add(draft("tee-" + p, List.of("TEE-" + p + "-S", "TEE-" + p + "-M"), java.util.Arrays.asList(null, null)));
        }
        drafts.add(draft("gtins", List.of("EAN-13", "UPC-12", "BAD"), List.of("4006381333931", "036000291452", "4006381333932")));
        createAll(drafts);

        final CatalogReadResult result = reader(CatalogReader.DEFAULT_OVERLAP).readOnce();

        assertThat(result.full()).isTrue();
        assertThat(result.productsRead()).isEqualTo(521);
        assertThat(result.pages()).isEqualTo(2); // 500 + 21: paged, nothing skipped
        assertThat(result.published()).isEqualTo(1043);
        assertThat(result.tombstones()).isZero();
        assertThat(result.invalidGtins()).containsExactly("4006381333932");
        final Map<String, CommercetoolsVariant> published = latest();
        assertThat(published).hasSize(1043).containsKeys("TEE-0-S", "TEE-519-M", "EAN-13");
        assertThat(producer.history()).hasSize(1043); // one record per variant, none twice
        assertThat(published.get("EAN-13").getGtins()).containsExactly("04006381333931");
        assertThat(published.get("UPC-12").getGtins()).containsExactly("00036000291452");
        assertThat(published.get("BAD").getGtins()).isEmpty();
        final CommercetoolsVariant tee = published.get("TEE-7-M");
        assertThat(tee.getProductKey()).isEqualTo("tee-7");
        assertThat(tee.getVariantId()).isEqualTo(2);
        assertThat(tee.getVariantKey()).isEqualTo("tee-7-m");
        assertThat(tee.getPublished()).isTrue();
        assertThat(tee.getLastModifiedMs()).isPositive();
        assertThat(tee.getSkuSharedWith()).isEmpty();
    }

    @Test
    void shouldReadOnlyProductsModifiedSinceTheWatermarkAndPublishWhatChanged() throws Exception {
        final Product a = create(draft("a", List.of("A-1"), java.util.Collections.singletonList(null)));
        final Product b = create(draft("b", List.of("B-1", "B-2"), java.util.Arrays.asList(null, null)));
        Thread.sleep(5);
        create(draft("c", List.of("C-1"), java.util.Collections.singletonList(null)));
        // No overlap, so the test sees the delta itself: products older than the watermark are not read again.
        final CatalogReader reader = reader(Duration.ZERO);
        assertThat(reader.readOnce().published()).isEqualTo(4);
        producer.clear();

        Thread.sleep(5);
        update(b, ProductSetAttributeActionBuilder.of().sku("B-2").name("gtin").value("4006381333931").staged(true).build());
        final CatalogReadResult delta = reader.readOnce();

        assertThat(delta.full()).isFalse();
        assertThat(delta.productsRead()).isBetween(1, 2); // b, and c again (lastModifiedAt >= watermark), never a
        assertThat(delta.published()).isEqualTo(1);
        assertThat(latest()).containsOnlyKeys("B-2");
        assertThat(latest().get("B-2").getGtins()).containsExactly("04006381333931");

        producer.clear();
        assertThat(reader.readOnce().published()).isZero(); // nothing changed: nothing published
        assertThat(producer.history()).isEmpty();
        assertThat(a.getId()).isNotNull();
    }

    @Test
    void shouldTombstoneSkusOfRemovedVariantsAndDeletedProducts() throws Exception {
        final Product a = create(draft("a", List.of("A-1", "A-2"), java.util.Arrays.asList(null, null)));
        final Product b = create(draft("b", List.of("B-1"), java.util.Collections.singletonList(null)));
        final CatalogReader reader = reader(CatalogReader.DEFAULT_OVERLAP);
        reader.readOnce();
        producer.clear();

        update(a, ProductRemoveVariantActionBuilder.of().sku("A-2").staged(true).build());
        final CatalogReadResult delta = reader.readOnce();
        assertThat(delta.full()).isFalse();
        assertThat(delta.tombstones()).isEqualTo(1);
        assertThat(latest()).containsEntry("A-2", null).doesNotContainKey("A-1");
        producer.clear();

        final Product current = project.direct.products().withId(b.getId()).get().executeBlocking().getBody();
        project.direct.products().withId(b.getId()).delete(current.getVersion()).executeBlocking();
        assertThat(reader.readOnce().tombstones()).as("a delta cannot see a deleted product").isZero();
        final CatalogReadResult full = reader.readFull();
        assertThat(full.tombstones()).isEqualTo(1);
        assertThat(latest()).containsOnlyKeys("B-1").containsEntry("B-1", null);
    }

    @Test
    void shouldPublishOneRecordNamingTheOtherVariantWhenTwoReportOneSku() {
        final Product a = create(draft("a", List.of("SHARED"), java.util.Collections.singletonList(null)));
        final Product b = create(draft("b", List.of("SHARED"), java.util.Collections.singletonList(null)));

        reader(CatalogReader.DEFAULT_OVERLAP).readOnce();

        final Product first = a.getId().compareTo(b.getId()) < 0 ? a : b;
        final Product other = first == a ? b : a;
        assertThat(producer.history()).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("SHARED");
            assertThat(record.value().getProductId()).isEqualTo(first.getId());
            assertThat(record.value().getSkuSharedWith()).containsExactly(other.getId() + "/1");
        });
    }

    @Test
    void shouldPublishOnlyDifferencesAfterARestartSeededFromTheTopic() {
        final Product a = create(draft("a", List.of("A-1"), java.util.Collections.singletonList(null)));
        create(draft("b", List.of("B-1"), java.util.Collections.singletonList(null)));
        reader(CatalogReader.DEFAULT_OVERLAP).readOnce();
        final Map<String, CommercetoolsVariant> topic = latest();
        topic.put("GONE-WHILE-DOWN", CommercetoolsVariant.newBuilder(topic.get("A-1")).setSku("GONE-WHILE-DOWN").build());
        producer.clear();

        final CatalogReader restarted = reader(CatalogReader.DEFAULT_OVERLAP);
        restarted.seed(topic);
        final CatalogReadResult result = restarted.readOnce();

        assertThat(result.published()).isZero();
        assertThat(result.tombstones()).isEqualTo(1);
        assertThat(producer.history()).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("GONE-WHILE-DOWN");
            assertThat(record.value()).isNull();
        });
        assertThat(a.getKey()).isEqualTo("a");
    }

    @Test
    void shouldNormaliseGtinsToGtin14AndRefuseBadCheckDigits() {
        assertThat(Gtin14.normalise("4006381333931")).hasValue("04006381333931");
        assertThat(Gtin14.normalise(" 036000291452 ")).hasValue("00036000291452");
        assertThat(Gtin14.normalise("36000291452")).as("a UPC stored as a number loses its leading zero").hasValue("00036000291452");
        assertThat(Gtin14.normalise("96385074")).hasValue("00000096385074");
        assertThat(Gtin14.normalise("4006381333932")).isEmpty();
        assertThat(Gtin14.normalise("ABC")).isEmpty();
        assertThat(Gtin14.normalise("1234567")).isEmpty();
    }
}
