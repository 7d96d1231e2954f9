package io.vendsync.sink.products;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.client.error.BadRequestException;
import com.commercetools.api.client.error.ConcurrentModificationException;
import com.commercetools.api.models.product.ProductData;
import com.commercetools.api.models.product.ProductDraft;
import com.commercetools.api.models.product.ProductProjection;
import com.commercetools.api.models.product.ProductPublishAction;
import com.commercetools.api.models.product.ProductUpdate;
import com.commercetools.api.models.product.ProductUpdateAction;
import com.commercetools.api.models.product.ProductVariantDraft;
import com.commercetools.api.models.product_type.ProductTypeResourceIdentifier;
import com.commercetools.api.models.tax_category.TaxCategoryResourceIdentifier;
import io.vendsync.schemas.canonical.v1.Product;
import io.vendsync.schemas.canonical.v1.ProductVariant;
import io.vendsync.sink.SinkConfig;
import io.vendsync.sink.SinkStatistics;
import io.vendsync.sink.internals.CanonicalWriter;
import io.vendsync.sink.internals.CommercetoolsClient;
import io.vendsync.sink.internals.MissingReferenceException;
import io.vendsync.sink.internals.SinkWriteException;
import io.vendsync.sink.internals.WriteOutcome;
import io.vrap.rmf.base.client.error.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a canonical {@link Product} (one Vend family) to commercetools: creates the product, or brings its staged data
 * to the record with the actions of {@link ProductActions}; no request when nothing differs, so a replay writes nothing.
 *
 * <ul>
 *   <li><b>Finding it:</b> by key ({@code GET /products/key=}), else by {@code ct_product_id} (a matched product
 *       without a key).</li>
 *   <li><b>Creating it:</b> first every SKU is looked up in the staged projections: commercetools forbids a SKU on two
 *       variants, the mock does not, so this check is ours. A SKU already on another product fails the record
 *       permanently (the message names the product); nothing is created. The same holds for variants added later. The
 *       product type is vendsync's ({@code product.type.key}, created and extended as needed), product type and tax
 *       category are referenced by key, the first variant is the master, name/slug/description are in
 *       {@code product.locale}. A tax category that does not exist yet fails the record transiently
 *       ({@link MissingReferenceException}): it comes from {@code canonical.tax-category.v1} and the retry tier tries
 *       again.</li>
 *   <li><b>Publishing</b> per {@code product.publish}: never, on-create, or always (with every write that changed
 *       something).</li>
 *   <li><b>Updating:</b> actions in requests of at most 500, each with the version the previous one returned. A 409
 *       re-reads the product and rebuilds the actions (never resends old ones), at most {@code maxConflictRetries}
 *       times.</li>
 *   <li><b>Order:</b> commercetools products have no custom fields to keep the Vend source version on (as inventory
 *       entries do); the catalog loop skips a record older than the version applied for its key
 *       ({@code ops.sink-catalog-applied}, see {@code RecordProcessor}), so a record late from a retry tier or a
 *       replay never rolls a product back. A record with the same version (re-published because the catalog or a
 *       resolution changed) is always diffed.</li>
 *   <li><b>Deleted families</b> ({@code deleted=true}): the product is left as it is, never deleted (its orders, prices
 *       and reviews refer to it; unpublishing or deleting is a merchandiser's call); counted as unchanged and in
 *       {@link #deletedFamiliesLeft()}, logged.</li>
 * </ul>
 * Thread-safe: applies of one key are serialised (the main and the retry loop may meet on a key).
 */
public final class ProductWriter implements CanonicalWriter<Product> {

    public static final String ENTITY = "product";
    /** SKUs per staged-projection query in the uniqueness check. */
    static final int SKUS_PER_QUERY = 20;

    private static final Logger LOG = LoggerFactory.getLogger(ProductWriter.class);

    private final ProjectApiRoot api;
    private final ProductTypes types;
    private final String productTypeKey;
    private final ProductActions actions;
    private final String locale;
    private final PublishPolicy publish;
    private final int maxConflictRetries;
    private final SinkStatistics statistics;
    private final Map<String, String> taxCategoryIds = new ConcurrentHashMap<>();
    private final AtomicLong deletedFamiliesLeft = new AtomicLong();
    private final Object[] keyLocks = new Object[64];
    /** Test hook: runs after the product was read and before it is updated. */
    private volatile Consumer<com.commercetools.api.models.product.Product> beforeUpdate = product -> { };

    /**
     * @param gtinAttribute the variant attribute for GTINs ({@code catalog.gtin.attribute}); null writes none
     */
    public ProductWriter(final ProjectApiRoot api, final String productTypeKey, final String locale, final PublishPolicy publish,
                         final String gtinAttribute, final int maxConflictRetries, final SinkStatistics statistics) {
        this.api = Objects.requireNonNull(api, "api");
        this.locale = Objects.requireNonNull(locale, "locale");
        this.productTypeKey = Objects.requireNonNull(productTypeKey, "productTypeKey");
        this.types = new ProductTypes(api, productTypeKey, locale, gtinAttribute);
        this.actions = new ProductActions(locale);
        this.publish = Objects.requireNonNull(publish, "publish");
        if (maxConflictRetries < 0) {
            throw new IllegalArgumentException("maxConflictRetries must be >= 0");
        }
        this.maxConflictRetries = maxConflictRetries;
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        for (int i = 0; i < keyLocks.length; i++) {
            keyLocks[i] = new Object();
        }
    }

    /** The writer the sink's settings describe. */
    public static ProductWriter of(final ProjectApiRoot api, final SinkConfig config, final SinkStatistics statistics) {
        return new ProductWriter(api, config.productTypeKey(), config.productLocale(), PublishPolicy.of(config.productPublish()),
                config.catalogGtinAttribute(), config.conflictMaxRetries(), statistics);
    }

    /** Visible for tests: called with the product just read, before the update that uses its version. */
    void beforeUpdate(final Consumer<com.commercetools.api.models.product.Product> hook) {
        this.beforeUpdate = hook == null ? product -> { } : hook;
    }

    public SinkStatistics statistics() {
        return statistics;
    }

    /** Records of families deleted in Vend whose product was left in commercetools. */
    public long deletedFamiliesLeft() {
        return deletedFamiliesLeft.get();
    }

    @Override
    public String entity() {
        return ENTITY;
    }

    @Override
    public long sourceVersion(final Product record) {
        return record.getSourceVersion();
    }

    @Override
    public String correlationId(final Product record) {
        return ENTITY + ":" + record.getProductKey() + "@" + record.getSourceVersion();
    }

    @Override
    public WriteOutcome apply(final Product record) {
        synchronized (keyLocks[Math.floorMod(record.getProductKey().hashCode(), keyLocks.length)]) {
            final String correlationId = correlationId(record);
            try {
                final WriteOutcome outcome = doApply(record, correlationId);
                switch (outcome) {
                    case CREATED -> statistics.incrementCreated();
                    case UPDATED -> statistics.incrementUpdated();
                    case UNCHANGED -> statistics.incrementUnchanged();
                    default -> throw new IllegalStateException(outcome.name());
                }
                return outcome;
            } catch (SinkWriteException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new SinkWriteException(correlationId, "cannot apply product: " + e.getMessage(), e);
            }
        }
    }

    private WriteOutcome doApply(final Product record, final String correlationId) {
        if (record.getDeleted()) {
            deletedFamiliesLeft.incrementAndGet();
            LOG.info("{}: every variant of Vend family {} is deleted; the commercetools product is left as it is "
                    + "(vendsync never deletes products)", correlationId, record.getVendFamilyId());
            return WriteOutcome.UNCHANGED;
        }
        if (record.getVariants().isEmpty()) {
            throw new SinkWriteException(correlationId, "the record has no variants; a commercetools product needs one", null);
        }
        final String desiredTaxId = record.getTaxCategoryKey() == null ? null : taxCategoryId(record.getTaxCategoryKey(), correlationId);
        ConcurrentModificationException lastConflict = null;
        for (int attempt = 1; attempt <= maxConflictRetries + 1; attempt++) {
            final com.commercetools.api.models.product.Product current = find(record, correlationId, attempt);
            try {
                if (current == null) {
                    try {
                        create(record, correlationId, attempt);
                        return WriteOutcome.CREATED;
                    } catch (BadRequestException e) {
                        // The real API refuses a second product with the key: someone created it meanwhile; update it instead.
                        if (!String.valueOf(e.getBody()).contains("DuplicateField") || attempt > maxConflictRetries) {
                            throw e;
                        }
                        statistics.incrementConflictRetries();
                        continue;
                    }
                }
                return update(record, current, desiredTaxId, correlationId, attempt);
            } catch (ConcurrentModificationException e) {
                lastConflict = e;
                if (attempt <= maxConflictRetries) {
                    statistics.incrementConflictRetries();
                    LOG.info("{}: product changed concurrently (409, now version {}); re-reading, retry {}/{}",
                            correlationId, e.getCurrentVersion(), attempt, maxConflictRetries);
                }
            }
        }
        throw new SinkWriteException(correlationId, "still conflicting (409 ConcurrentModification) after "
                + maxConflictRetries + " retries", lastConflict);
    }

    private WriteOutcome update(final Product record, final com.commercetools.api.models.product.Product current,
                                final String desiredTaxId, final String correlationId, final int attempt) {
        final ProductData staged = current.getMasterData().getStaged();
        // Only vendsync's own type gets attribute definitions added; another type is read as it is.
        final boolean owned = current.getProductType().getId().equals(types.ownIdIfExists(correlationId));
        if (owned) {
            types.ensureOwn(attributeNames(record), correlationId);
        }
        final Set<String> defined = types.attributeNames(current.getProductType().getId(), correlationId);
        final List<ProductUpdateAction> diff = actions.diff(record, staged, owned, defined, types.gtinAttribute(),
                current.getTaxCategory() == null ? null : current.getTaxCategory().getId(), desiredTaxId);
        if (diff.isEmpty()) {
            return WriteOutcome.UNCHANGED;
        }
        ensureSkusFree(ProductActions.newSkus(record, staged), current.getId(), correlationId, attempt);
        final List<ProductUpdateAction> all = new ArrayList<>(diff);
        if (publish == PublishPolicy.ALWAYS) {
            all.add(ProductPublishAction.builder().build());
        }
        beforeUpdate.accept(current);
        long version = current.getVersion();
        for (final List<ProductUpdateAction> chunk : ProductActions.chunks(all, ProductActions.MAX_ACTIONS_PER_REQUEST)) {
            version = CommercetoolsClient.tag(api.products().withId(current.getId())
                            .post(ProductUpdate.builder().version(version).actions(chunk).build()), correlationId, attempt)
                    .executeBlocking().getBody().getVersion();
        }
        LOG.debug("{}: {} action(s) applied to product {}", correlationId, all.size(), current.getId());
        return WriteOutcome.UPDATED;
    }

    private void create(final Product record, final String correlationId, final int attempt) {
        ensureSkusFree(record.getVariants().stream().map(ProductVariant::getSku).toList(), null, correlationId, attempt);
        final Set<String> defined = types.attributeNames(types.ensureOwn(attributeNames(record), correlationId), correlationId);
        final List<ProductVariantDraft> variants = record.getVariants().stream().map(v -> ProductVariantDraft.builder()
                .sku(v.getSku())
                .key(v.getVariantKey())
                .attributes(ProductActions.attributes(v, defined, types.gtinAttribute()).entrySet().stream()
                        .map(e -> com.commercetools.api.models.product.Attribute.builder().name(e.getKey()).value(e.getValue()).build())
                        .toList())
                .build()).toList();
        final var draft = ProductDraft.builder()
                .key(record.getProductKey())
                .name(actions.localized(record.getName()))
                .slug(actions.localized(record.getSlug()))
                .productType(ProductTypeResourceIdentifier.builder().key(productTypeKey).build())
                .masterVariant(variants.get(0))
                .variants(variants.subList(1, variants.size()))
                .publish(publish != PublishPolicy.NEVER);
        if (record.getDescription() != null) {
            draft.description(actions.localized(record.getDescription()));
        }
        if (record.getTaxCategoryKey() != null) {
            draft.taxCategory(TaxCategoryResourceIdentifier.builder().key(record.getTaxCategoryKey()).build());
        }
        final var created = CommercetoolsClient.tag(api.products().post(draft.build()), correlationId, attempt).executeBlocking().getBody();
        LOG.info("{}: created product {} ({}) with {} variant(s)", correlationId, record.getProductKey(), created.getId(),
                variants.size());
    }

    /**
     * The product by key, else by the id of the product a variant matched; null when there is none. By query, not by
     * GET of the key: a product not created yet is the normal case, and the SDK logs every 404 as an error.
     */
    private com.commercetools.api.models.product.Product find(final Product record, final String correlationId, final int attempt) {
        final List<com.commercetools.api.models.product.Product> byKey = CommercetoolsClient.tag(api.products().get()
                        .withWhere("key = :key").withPredicateVar("key", record.getProductKey()).withLimit(1), correlationId, attempt)
                .executeBlocking().getBody().getResults();
        if (!byKey.isEmpty()) {
            return byKey.get(0);
        }
        if (record.getCtProductId() == null) {
            return null;
        }
        try {
            return CommercetoolsClient.tag(api.products().withId(record.getCtProductId()).get(), correlationId, attempt)
                    .executeBlocking().getBody();
        } catch (NotFoundException e) {
            return null;
        }
    }

    /**
     * Fails the record permanently when a SKU it would add is already on a variant of another product: commercetools
     * forbids duplicates, and a second product for the same article must never be made.
     */
    private void ensureSkusFree(final List<String> skus, final String ownProductId, final String correlationId, final int attempt) {
        for (final List<String> batch : ProductActions.chunks(skus, SKUS_PER_QUERY)) {
            final StringBuilder where = new StringBuilder();
            var request = api.productProjections().get().withStaged(true).withLimit(500);
            for (int i = 0; i < batch.size(); i++) {
                where.append(i == 0 ? "" : " or ").append("masterVariant(sku = :s").append(i).append(") or variants(sku = :s")
                        .append(i).append(')');
                request = request.withPredicateVar("s" + i, batch.get(i));
            }
            final List<ProductProjection> found = CommercetoolsClient.tag(request.withWhere(where.toString()), correlationId, attempt)
                    .executeBlocking().getBody().getResults();
            for (final ProductProjection other : found) {
                if (other.getId().equals(ownProductId)) {
                    continue;
                }
                final Set<String> taken = new TreeSet<>();
                final List<com.commercetools.api.models.product.ProductVariant> variants = new ArrayList<>();
                variants.add(other.getMasterVariant());
                variants.addAll(other.getVariants());
                variants.stream().map(com.commercetools.api.models.product.ProductVariant::getSku)
                        .filter(batch::contains).forEach(taken::add);
                throw new SinkWriteException(correlationId, "SKU(s) " + taken + " already belong to commercetools product "
                        + other.getId() + " (key " + other.getKey() + "); a SKU cannot be on two products, so nothing was "
                        + "written. Move the variant in commercetools, or map the Vend product to another SKU "
                        + "(vendsync mapping import).", null);
            }
        }
    }

    /** The tax category's id; a missing one fails the record transiently, as it is on its way from the tax category topic. */
    private String taxCategoryId(final String key, final String correlationId) {
        final String cached = taxCategoryIds.get(key);
        if (cached != null) {
            return cached;
        }
        // By query: a tax category not there yet is expected (the topics are not ordered), not an error to log.
        final List<com.commercetools.api.models.tax_category.TaxCategory> found = CommercetoolsClient.tag(api.taxCategories().get()
                .withWhere("key = :key").withPredicateVar("key", key).withLimit(1), correlationId, 1).executeBlocking().getBody().getResults();
        if (found.isEmpty()) {
            throw new SinkWriteException(correlationId, "tax category '" + key + "' does not exist yet",
                    new MissingReferenceException("tax category '" + key + "' is not in commercetools yet; it comes from "
                            + "canonical.tax-category.v1, so the record is retried"));
        }
        final String id = found.get(0).getId();
        taxCategoryIds.put(key, id);
        return id;
    }

    private static Set<String> attributeNames(final Product record) {
        final Set<String> names = new TreeSet<>();
        record.getVariants().forEach(v -> v.getAttributes().forEach(a -> names.add(a.getName())));
        return names;
    }
}
