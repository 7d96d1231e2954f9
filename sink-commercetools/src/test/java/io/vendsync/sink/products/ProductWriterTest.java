package io.vendsync.sink.products;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.commercetools.api.models.common.LocalizedString;
import com.commercetools.api.models.product.Attribute;
import com.commercetools.api.models.product.ProductChangeNameAction;
import com.commercetools.api.models.product.ProductDraft;
import com.commercetools.api.models.product.ProductUpdate;
import com.commercetools.api.models.product.ProductUpdateAction;
import com.commercetools.api.models.product.ProductVariant;
import com.commercetools.api.models.product.ProductVariantDraft;
import com.commercetools.api.models.product_type.AttributeDefinitionDraft;
import com.commercetools.api.models.product_type.AttributeTextType;
import com.commercetools.api.models.product_type.ProductType;
import com.commercetools.api.models.product_type.ProductTypeDraft;
import com.commercetools.api.models.product_type.ProductTypeResourceIdentifier;
import com.commercetools.api.models.tax_category.TaxCategory;
import com.commercetools.api.models.tax_category.TaxCategoryDraft;
import com.commercetools.api.models.tax_category.TaxRateDraft;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.Product;
import io.vendsync.schemas.serde.SerdeFactory;
import io.vendsync.schemas.canonical.v1.VariantAttribute;
import io.vendsync.schemas.ops.IntegrationLogEntry;
import io.vendsync.sink.SinkStatistics;
import io.vendsync.sink.write.WriterTemplate;
import io.vendsync.sink.internals.Failure;
import io.vendsync.sink.internals.FailureClassifier;
import io.vendsync.sink.internals.FailureRouter;
import io.vendsync.sink.internals.MemoryAppliedVersions;
import io.vendsync.sink.internals.MockProject;
import io.vendsync.sink.internals.RecordProcessor;
import io.vendsync.sink.internals.TopicHandler;
import io.vendsync.sink.internals.SinkWriteException;
import io.vendsync.sink.internals.WriteOutcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The product writer against the commercetools mock; writes are counted from the integration log, not assumed. */
class ProductWriterTest {

    private static final String TYPE_KEY = "vendsync-vend-product";
    private static final String TAX_KEY = "vend-tax-gst";
    private static final String KEY = "vend-family-f1";

    private MockProject project;

    @BeforeEach
    void setUp() {
        project = new MockProject();
        project.log.clear();
    }

    @AfterEach
    void tearDown() {
        project.close();
    }

    private WriterTemplate<Product, ProductWriter.Current, ProductUpdateAction> writer(final PublishPolicy publish,
                                                                                      final int maxConflictRetries) {
        return new WriterTemplate<>(new ProductWriter(project.api, TYPE_KEY, "en", publish, "gtin"), maxConflictRetries,
                new SinkStatistics());
    }

    private WriterTemplate<Product, ProductWriter.Current, ProductUpdateAction> writer() {
        return writer(PublishPolicy.NEVER, 5);
    }

    private TaxCategory taxCategory() {
        return project.direct.taxCategories().post(TaxCategoryDraft.builder().key(TAX_KEY).name("GST")
                .rates(TaxRateDraft.builder().name("GST").amount(0.15).includedInPrice(true).country("NZ").build())
                .build()).executeBlocking().getBody();
    }

    static io.vendsync.schemas.canonical.v1.ProductVariant variant(final String vendId, final String sku, final String... options) {
        final List<VariantAttribute> attributes = new ArrayList<>();
        for (int i = 0; i + 1 < options.length; i += 2) {
            attributes.add(VariantAttribute.newBuilder().setName(options[i]).setValue(options[i + 1]).build());
        }
        return io.vendsync.schemas.canonical.v1.ProductVariant.newBuilder().setVendProductId(vendId).setSku(sku)
                .setVariantKey("vend-" + vendId).setSkuSource("VEND_SKU").setCtVariantId(null).setAttributes(attributes)
                .setGtins(List.of()).build();
    }

    static Product family(final String key, final String ctProductId, final long version,
                          final List<io.vendsync.schemas.canonical.v1.ProductVariant> variants) {
        return Product.newBuilder().setProductKey(key).setVendFamilyId("f1").setCtProductId(ctProductId).setName("Classic Tee")
                .setDescription("Soft cotton tee").setSlug("classictee").setTaxCategoryKey(TAX_KEY).setVariants(variants)
                .setDeleted(false).setSourceVersion(version).setSourceTsMs(1_700_000_000_000L).build();
    }

    private static List<io.vendsync.schemas.canonical.v1.ProductVariant> threeTees() {
        final var s = variant("p1", "TEE-S", "size", "S", "colour", "Red");
        s.setGtins(List.of("04006381333931"));
        return List.of(s, variant("p2", "TEE-M", "size", "M", "colour", "Red"), variant("p3", "TEE-L", "size", "L", "colour", "Red"));
    }

    /** A product the retailer made, of the retailer's own product type ("merchant"). */
    private com.commercetools.api.models.product.Product retailersProduct(final String key, final ProductVariantDraft master,
                                                                         final boolean published) {
        final ProductType type = project.direct.productTypes().post(ProductTypeDraft.builder().key("merchant").name("Merchant")
                .description("theirs").build()).executeBlocking().getBody();
        return project.direct.products().post(ProductDraft.builder().key(key).name(LocalizedString.ofEnglish("Merchant " + key))
                .slug(LocalizedString.ofEnglish(key)).productType(ProductTypeResourceIdentifier.builder().id(type.getId()).build())
                .masterVariant(master).publish(published).build()).executeBlocking().getBody();
    }

    private com.commercetools.api.models.product.Product product(final String key) {
        return project.direct.products().withKey(key).get().executeBlocking().getBody();
    }

    private static Map<String, Object> attributes(final ProductVariant variant) {
        return variant.getAttributes().stream().collect(Collectors.toMap(Attribute::getName, Attribute::getValue));
    }

    private static List<ProductVariant> allVariants(final com.commercetools.api.models.product.Product product) {
        final List<ProductVariant> all = new ArrayList<>();
        all.add(product.getMasterData().getStaged().getMasterVariant());
        all.addAll(product.getMasterData().getStaged().getVariants());
        return all;
    }

    @Test
    void shouldCreateNewFamilyWithThreeVariantsAndOptionAttributes() {
        final TaxCategory tax = taxCategory();
        final var writer = writer();

        assertThat(writer.apply(family(KEY, null, 10, threeTees()))).isEqualTo(WriteOutcome.CREATED);

        final var product = product(KEY);
        final ProductType type = project.direct.productTypes().withKey(TYPE_KEY).get().executeBlocking().getBody();
        assertThat(type.getAttributes()).extracting(a -> a.getName()).containsExactlyInAnyOrder("size", "colour", "gtin");
        assertThat(product.getProductType().getId()).isEqualTo(type.getId());
        assertThat(product.getTaxCategory().getId()).isEqualTo(tax.getId());
        assertThat(product.getMasterData().getPublished()).isFalse(); // product.publish=never
        final var staged = product.getMasterData().getStaged();
        assertThat(staged.getName().get("en")).isEqualTo("Classic Tee");
        assertThat(staged.getSlug().get("en")).isEqualTo("classictee");
        assertThat(staged.getDescription().get("en")).isEqualTo("Soft cotton tee");
        assertThat(staged.getMasterVariant().getSku()).isEqualTo("TEE-S");
        assertThat(staged.getMasterVariant().getKey()).isEqualTo("vend-p1");
        assertThat(attributes(staged.getMasterVariant())).containsEntry("size", "S").containsEntry("colour", "Red")
                .containsEntry("gtin", List.of("04006381333931"));
        assertThat(staged.getVariants()).extracting(ProductVariant::getSku).containsExactly("TEE-M", "TEE-L");
        assertThat(attributes(staged.getVariants().get(1))).containsEntry("size", "L");
        assertThat(writer.statistics().created()).isEqualTo(1);
        assertThat(project.requests("POST", "/products")).filteredOn(e -> e.getStatus() == 201).hasSize(1);
        assertThat(project.log).allSatisfy(e -> assertThat(e.getCorrelationId()).isEqualTo("product:" + KEY + "@10"));
    }

    @Test
    void shouldWriteNothingWhenTheSameRecordIsAppliedAgain() {
        taxCategory();
        writer().apply(family(KEY, null, 10, threeTees()));
        final long version = product(KEY).getVersion();
        project.log.clear();

        // Again, and after a restart (a new writer, empty caches); and the record once matched (ct ids known).
        final var restarted = writer();
        assertThat(restarted.apply(family(KEY, null, 10, threeTees()))).isEqualTo(WriteOutcome.UNCHANGED);
        assertThat(restarted.apply(family(KEY, product(KEY).getId(), 11, threeTees()))).isEqualTo(WriteOutcome.UNCHANGED);

        assertThat(project.writes()).isEmpty();
        assertThat(project.log).isNotEmpty(); // it did read
        assertThat(product(KEY).getVersion()).isEqualTo(version);
        assertThat(restarted.statistics().unchanged()).isEqualTo(2);
    }

    @Test
    void shouldAddANewVariantWithExactlyOneUpdate() {
        taxCategory();
        final var writer = writer();
        writer.apply(family(KEY, null, 10, threeTees()));
        project.log.clear();

        final List<io.vendsync.schemas.canonical.v1.ProductVariant> four = new ArrayList<>(threeTees());
        four.add(variant("p4", "TEE-XL", "size", "XL", "colour", "Red"));
        assertThat(writer.apply(family(KEY, null, 12, four))).isEqualTo(WriteOutcome.UPDATED);

        final List<IntegrationLogEntry> writes = project.writes();
        assertThat(writes).singleElement().satisfies(e -> {
            assertThat(e.getRequestBody()).contains("\"addVariant\"").contains("TEE-XL").doesNotContain("setAttribute")
                    .doesNotContain("changeName").doesNotContain("setTaxCategory");
        });
        final var added = allVariants(product(KEY)).stream().filter(v -> "TEE-XL".equals(v.getSku())).findFirst().orElseThrow();
        assertThat(added.getKey()).isEqualTo("vend-p4");
        assertThat(attributes(added)).containsEntry("size", "XL");
        assertThat(writer.statistics().updated()).isEqualTo(1);
    }

    @Test
    void shouldFailPermanentlyWithoutCreatingWhenASkuIsOnAnotherProduct() {
        taxCategory();
        final var theirs = retailersProduct("merchant-tee", ProductVariantDraft.builder().sku("TEE-M").build(), false);
        project.log.clear();

        assertThatThrownBy(() -> writer().apply(family(KEY, null, 10, threeTees())))
                .isInstanceOf(SinkWriteException.class)
                .hasMessageContaining("TEE-M").hasMessageContaining(theirs.getId())
                .satisfies(e -> assertThat(new FailureClassifier().classify(e).kind()).isEqualTo(Failure.Kind.PERMANENT));

        assertThat(project.requests("POST", "/products")).isEmpty();
        assertThat(project.direct.productProjections().get().withStaged(true).withWhere("masterVariant(sku = :s) or variants(sku = :s)")
                .withPredicateVar("s", "TEE-M").executeBlocking().getBody().getResults()).hasSize(1);
    }

    @Test
    void shouldFailTransientlyWhileTheTaxCategoryIsMissing() {
        final var writer = writer();
        assertThatThrownBy(() -> writer.apply(family(KEY, null, 10, threeTees())))
                .isInstanceOf(SinkWriteException.class)
                .hasMessageContaining(TAX_KEY)
                .satisfies(e -> assertThat(new FailureClassifier().classify(e).kind()).isEqualTo(Failure.Kind.TRANSIENT));
        assertThat(project.writes()).isEmpty();

        taxCategory(); // it arrived from canonical.tax-category.v1; the retry tier applies the record again
        assertThat(writer.apply(family(KEY, null, 10, threeTees()))).isEqualTo(WriteOutcome.CREATED);
    }

    @Test
    void shouldRebuildAfterA409() {
        taxCategory();
        final var writer = writer(PublishPolicy.NEVER, 5);
        writer.apply(family(KEY, null, 10, threeTees()));
        final AtomicInteger calls = new AtomicInteger();
        writer.beforeUpdateForTests(current -> {
            if (calls.getAndIncrement() == 0) {
                rename(current.product(), "Renamed behind the back");
            }
        });
        project.log.clear();

        final Product renamed = family(KEY, null, 11, threeTees());
        renamed.setName("Classic Tee 2");
        assertThat(writer.apply(renamed)).isEqualTo(WriteOutcome.UPDATED);

        assertThat(project.requests("POST", "/products/")).extracting(IntegrationLogEntry::getStatus).containsExactly(409, 200);
        assertThat(product(KEY).getMasterData().getStaged().getName().get("en")).isEqualTo("Classic Tee 2");
        assertThat(writer.statistics().conflictRetries()).isEqualTo(1);
    }

    @Test
    void shouldFailAfterBoundedConflictRetries() {
        taxCategory();
        final var writer = writer(PublishPolicy.NEVER, 2);
        writer.apply(family(KEY, null, 10, threeTees()));
        final AtomicInteger calls = new AtomicInteger();
        writer.beforeUpdateForTests(current -> rename(current.product(), "Someone else " + calls.incrementAndGet()));
        project.log.clear();

        final Product renamed = family(KEY, null, 11, threeTees());
        renamed.setName("Classic Tee 2");
        assertThatThrownBy(() -> writer.apply(renamed)).isInstanceOf(SinkWriteException.class).hasMessageContaining("409")
                .satisfies(e -> assertThat(new FailureClassifier().classify(e).kind()).isEqualTo(Failure.Kind.TRANSIENT));

        assertThat(project.requests("POST", "/products/")).hasSize(3).allSatisfy(e -> assertThat(e.getStatus()).isEqualTo(409));
        assertThat(writer.statistics().conflictRetries()).isEqualTo(2);
    }

    @Test
    void shouldOnlyAddVariantsAndSetDefinedAttributesOnAProductVendsyncDidNotCreate() {
        taxCategory();
        final ProductType merchantType = project.direct.productTypes().post(ProductTypeDraft.builder().key("merchant").name("Merchant")
                .description("theirs").attributes(AttributeDefinitionDraft.builder().name("size").label(LocalizedString.ofEnglish("Size"))
                        .type(AttributeTextType.of()).isRequired(false).build()).build()).executeBlocking().getBody();
        final var theirs = project.direct.products().post(ProductDraft.builder().key("shirt-1").name(LocalizedString.ofEnglish("Merchant Shirt"))
                .slug(LocalizedString.ofEnglish("merchant-shirt")).productType(ProductTypeResourceIdentifier.builder().id(merchantType.getId()).build())
                .masterVariant(ProductVariantDraft.builder().sku("CT-S").key("ct-s").build()).build()).executeBlocking().getBody();
        final var matched = variant("p1", "CT-S", "size", "S", "colour", "Red");
        matched.setVariantKey("ct-s");
        matched.setCtVariantId(1);
        project.log.clear();

        assertThat(writer().apply(family("shirt-1", theirs.getId(), 10, List.of(matched, variant("p2", "TEE-M", "size", "M", "colour", "Red")))))
                .isEqualTo(WriteOutcome.UPDATED);

        final var product = product("shirt-1");
        assertThat(product.getMasterData().getStaged().getName().get("en")).isEqualTo("Merchant Shirt");
        assertThat(product.getTaxCategory()).isNull();
        final List<ProductVariant> variants = allVariants(product);
        assertThat(variants).extracting(ProductVariant::getSku).containsExactly("CT-S", "TEE-M");
        assertThat(attributes(variants.get(0))).containsExactly(Map.entry("size", "S"));
        assertThat(attributes(variants.get(1))).containsExactly(Map.entry("size", "M"));
        assertThat(project.writes()).singleElement().satisfies(e -> assertThat(e.getRequestBody())
                .doesNotContain("changeName").doesNotContain("colour").doesNotContain("setTaxCategory"));
    }

    @Test
    void shouldPublishPerPolicy() {
        taxCategory();
        final var always = writer(PublishPolicy.ALWAYS, 5);
        always.apply(family(KEY, null, 10, threeTees()));
        assertThat(product(KEY).getMasterData().getPublished()).isTrue();
        final Product renamed = family(KEY, null, 11, threeTees());
        renamed.setName("Classic Tee 2");
        always.apply(renamed);
        assertThat(product(KEY).getMasterData().getCurrent().getName().get("en")).isEqualTo("Classic Tee 2");
        assertThat(product(KEY).getMasterData().getHasStagedChanges()).isFalse();

        final var onCreate = writer(PublishPolicy.ON_CREATE, 5);
        onCreate.apply(family("vend-family-f2", null, 10, List.of(variant("q1", "MUG"))));
        assertThat(product("vend-family-f2").getMasterData().getPublished()).isTrue();
        final Product renamedMug = family("vend-family-f2", null, 11, List.of(variant("q1", "MUG")));
        renamedMug.setName("Mug");
        onCreate.apply(renamedMug);
        assertThat(product("vend-family-f2").getMasterData().getHasStagedChanges()).isTrue();
        assertThat(product("vend-family-f2").getMasterData().getCurrent().getName().get("en")).isEqualTo("Classic Tee");
    }

    /** The record the mapper sends when every Vend product of the family is deleted (no variants). */
    private static Product deletedFamily(final String key, final String ctProductId, final long version) {
        final Product deleted = family(key, ctProductId, version, List.of());
        deleted.setDeleted(true);
        deleted.setTaxCategoryKey(null);
        return deleted;
    }

    private boolean marked(final String productKey) {
        return !project.direct.customObjects().get().withWhere("container = :container and key = :key")
                .withPredicateVar("container", UnpublishMarkers.CONTAINER).withPredicateVar("key", productKey).executeBlocking().getBody().getResults().isEmpty();
    }

    @Test
    void shouldUnpublishAProductVendsyncCreatedWhenEveryVendProductOfItIsDeleted() {
        taxCategory();
        final var writer = writer(PublishPolicy.ON_CREATE, 5);
        writer.apply(family(KEY, null, 10, threeTees()));
        assertThat(product(KEY).getMasterData().getPublished()).isTrue();
        project.log.clear();

        // As the mapper sends it once the catalog reader has read vendsync's product back: with its commercetools id.
        assertThat(writer.apply(deletedFamily(KEY, product(KEY).getId(), 20))).isEqualTo(WriteOutcome.UPDATED);

        final var product = product(KEY);
        assertThat(product.getMasterData().getPublished()).isFalse();
        assertThat(allVariants(product)).hasSize(3); // never deleted: orders and prices refer to it
        assertThat(marked(KEY)).isTrue();
        assertThat(project.writes()).extracting(IntegrationLogEntry::getUrl)
                .satisfiesExactly(marker -> assertThat(marker).contains("/custom-objects"), // before the unpublish
                        unpublish -> assertThat(unpublish).contains("/products/"));
        assertThat(project.requests("POST", "/products/")).singleElement()
                .satisfies(e -> assertThat(e.getRequestBody()).contains("\"unpublish\""));
        assertThat(((ProductWriter) writer.resource()).deletedFamiliesLeft()).isZero();
    }

    @Test
    void shouldRepublishItWhenTheVendProductIsRestored() {
        taxCategory();
        final var writer = writer(PublishPolicy.ON_CREATE, 5);
        writer.apply(family(KEY, null, 10, threeTees()));
        final String id = product(KEY).getId();
        writer.apply(deletedFamily(KEY, id, 20));
        assertThat(product(KEY).getMasterData().getPublished()).isFalse();

        assertThat(writer.apply(family(KEY, id, 30, threeTees()))).isEqualTo(WriteOutcome.UPDATED);

        assertThat(product(KEY).getMasterData().getPublished()).isTrue();
        assertThat(marked(KEY)).isFalse();
        project.log.clear();
        assertThat(writer.apply(family(KEY, id, 30, threeTees()))).isEqualTo(WriteOutcome.UNCHANGED); // replayed
        assertThat(project.writes()).isEmpty();
    }

    @Test
    void shouldNeverPublishAProductVendsyncDidNotUnpublishWhenItsVendProductIsRestored() {
        taxCategory();
        final var writer = writer(PublishPolicy.NEVER, 5); // never published: a merchandiser's call
        writer.apply(family(KEY, null, 10, threeTees()));
        final String id = product(KEY).getId();
        project.log.clear();

        assertThat(writer.apply(deletedFamily(KEY, id, 20))).isEqualTo(WriteOutcome.UNCHANGED);
        assertThat(writer.apply(family(KEY, id, 30, threeTees()))).isEqualTo(WriteOutcome.UNCHANGED);

        assertThat(project.writes()).isEmpty();
        assertThat(product(KEY).getMasterData().getPublished()).isFalse();
        assertThat(marked(KEY)).isFalse();
    }

    @Test
    void shouldTakeAProductVendsyncCreatedOffSaleWhileNoVendProductOfItIsActive() {
        taxCategory();
        final var writer = writer(PublishPolicy.ON_CREATE, 5);
        writer.apply(family(KEY, null, 10, threeTees()));
        final String id = product(KEY).getId();
        final Product inactive = family(KEY, id, 20, List.of());
        inactive.setActive(false);
        inactive.setTaxCategoryKey(null);

        assertThat(writer.apply(inactive)).isEqualTo(WriteOutcome.UPDATED);
        assertThat(product(KEY).getMasterData().getPublished()).isFalse();
        assertThat(allVariants(product(KEY))).hasSize(3);
        assertThat(marked(KEY)).isTrue();

        assertThat(writer.apply(family(KEY, id, 30, threeTees()))).isEqualTo(WriteOutcome.UPDATED); // active again
        assertThat(product(KEY).getMasterData().getPublished()).isTrue();
        assertThat(marked(KEY)).isFalse();
    }

    @Test
    void shouldCreateNothingForAFamilyWhoseVendProductsAreAllInactive() {
        taxCategory();
        final Product inactive = family(KEY, null, 10, List.of());
        inactive.setActive(false);

        assertThat(writer(PublishPolicy.ON_CREATE, 5).apply(inactive)).isEqualTo(WriteOutcome.UNCHANGED);
        assertThat(project.writes()).isEmpty();
    }

    @Test
    void shouldLeaveACatalogMatchedProductPublishedWhenItsVendProductIsDeleted() {
        taxCategory();
        final var theirs = retailersProduct("shirt-1", ProductVariantDraft.builder().sku("CT-S").key("ct-s").build(), true);
        final var writer = writer(PublishPolicy.ON_CREATE, 5);
        writer.apply(family(KEY, null, 10, threeTees())); // vendsync's product type exists, as it would in a running sink
        project.log.clear();

        assertThat(writer.apply(deletedFamily("shirt-1", theirs.getId(), 20))).isEqualTo(WriteOutcome.UNCHANGED);

        assertThat(project.writes()).isEmpty(); // its stock of 0 (the inventory mapper) stops the sale
        assertThat(product("shirt-1").getMasterData().getPublished()).isTrue();
        assertThat(((ProductWriter) writer.resource()).deletedFamiliesLeft()).isEqualTo(1);
    }

    @Test
    void shouldWriteNothingWhenTheDeletionIsReplayed() {
        taxCategory();
        writer(PublishPolicy.ON_CREATE, 5).apply(family(KEY, null, 10, threeTees()));
        final String id = product(KEY).getId();
        writer(PublishPolicy.ON_CREATE, 5).apply(deletedFamily(KEY, id, 20));
        final long version = product(KEY).getVersion();
        project.log.clear();

        final var restarted = writer(PublishPolicy.ON_CREATE, 5); // after a restart: nothing remembered
        assertThat(restarted.apply(deletedFamily(KEY, id, 20))).isEqualTo(WriteOutcome.UNCHANGED);
        assertThat(restarted.apply(deletedFamily(KEY, id, 20))).isEqualTo(WriteOutcome.UNCHANGED);

        assertThat(project.writes()).isEmpty();
        assertThat(product(KEY).getVersion()).isEqualTo(version);
        assertThat(marked(KEY)).isTrue();
    }

    @Test
    void shouldNeverLetALateLiveRecordRepublishAfterANewerDeletion() {
        taxCategory();
        final Topics topics = new Topics("test.", SerdeFactory.singleObject());
        final String topic = topics.canonicalProducts.name();
        // The catalog loop's processor, with its applied-version marks (ops.sink-catalog-applied), in memory.
        final var writer = writer(PublishPolicy.ON_CREATE, 5);
        final RecordProcessor loop = new RecordProcessor(List.of(TopicHandler.of(topics.canonicalProducts, writer)),
                new SinkStatistics(), new FailureClassifier(), new FailureRouter(new MockProducer<>(true, null,
                new ByteArraySerializer(), new ByteArraySerializer()), List.of(), List.of(), "test.dlq", () -> 0L),
                new MemoryAppliedVersions());
        final AtomicInteger offset = new AtomicInteger();
        final java.util.function.Consumer<Product> consume = record -> loop.process(new ConsumerRecord<>(topic, 0,
                offset.getAndIncrement(), KEY.getBytes(StandardCharsets.UTF_8),
                topics.canonicalProducts.valueSerde().serializer().serialize(topic, record)), 0);
        consume.accept(family(KEY, null, 10, threeTees()));
        final String id = product(KEY).getId();
        consume.accept(deletedFamily(KEY, id, 20));

        consume.accept(family(KEY, id, 15, threeTees())); // late, e.g. from a retry tier: older than the deletion
        assertThat(product(KEY).getMasterData().getPublished()).isFalse();
        assertThat(marked(KEY)).isTrue();

        consume.accept(family(KEY, id, 30, threeTees())); // the undelete
        assertThat(product(KEY).getMasterData().getPublished()).isTrue();
        consume.accept(deletedFamily(KEY, id, 20)); // the old deletion, late
        assertThat(product(KEY).getMasterData().getPublished()).isTrue();
        assertThat(marked(KEY)).isFalse();
        assertThat(writer.statistics().skippedStale()).isEqualTo(2); // skipped for their age, not failed
    }

    @Test
    void shouldCreateNothingForADeletedFamilyWithoutAProduct() {
        taxCategory();
        assertThat(writer().apply(deletedFamily(KEY, null, 20))).isEqualTo(WriteOutcome.UNCHANGED);

        assertThat(project.writes()).isEmpty();
        assertThat(project.direct.products().get().withWhere("key = :key").withPredicateVar("key", KEY).executeBlocking()
                .getBody().getResults()).isEmpty();
    }

    @Test
    void shouldSendMoreThan500ActionsInRequestsOfAtMost500() {
        taxCategory();
        final var writer = writer();
        writer.apply(family(KEY, null, 10, List.of(variant("p0", "SKU-0"))));
        project.log.clear();

        final List<io.vendsync.schemas.canonical.v1.ProductVariant> many = new ArrayList<>();
        for (int i = 0; i <= 501; i++) {
            many.add(variant("p" + i, "SKU-" + i));
        }
        assertThat(writer.apply(family(KEY, null, 11, many))).isEqualTo(WriteOutcome.UPDATED);

        final List<IntegrationLogEntry> updates = project.requests("POST", "/products/");
        assertThat(updates).hasSize(2).allSatisfy(e -> assertThat(e.getStatus()).isEqualTo(200));
        assertThat(allVariants(product(KEY))).hasSize(502);
    }

    private void rename(final com.commercetools.api.models.product.Product product, final String name) {
        final var fresh = project.direct.products().withId(product.getId()).get().executeBlocking().getBody();
        project.direct.products().withId(product.getId()).post(ProductUpdate.builder().version(fresh.getVersion())
                .actions(ProductChangeNameAction.builder().name(LocalizedString.ofEnglish(name)).build()).build()).executeBlocking();
    }
}
