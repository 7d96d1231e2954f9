package io.vendsync.sink.products;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.product.ProductData;
import com.commercetools.api.models.product.ProductDraft;
import com.commercetools.api.models.product.ProductProjection;
import com.commercetools.api.models.product.ProductPublishAction;
import com.commercetools.api.models.product.ProductUnpublishAction;
import com.commercetools.api.models.product.ProductUpdate;
import com.commercetools.api.models.product.ProductUpdateAction;
import com.commercetools.api.models.product.ProductVariantDraft;
import com.commercetools.api.models.product_type.ProductTypeResourceIdentifier;
import com.commercetools.api.models.tax_category.TaxCategoryResourceIdentifier;
import io.vendsync.schemas.canonical.v1.Product;
import io.vendsync.schemas.canonical.v1.ProductVariant;
import io.vendsync.sink.SinkConfig;
import io.vendsync.sink.SinkStatistics;
import io.vendsync.sink.internals.MissingReferenceException;
import io.vendsync.sink.internals.SinkWriteException;
import io.vendsync.sink.write.Attempt;
import io.vendsync.sink.write.ResourceWriter;
import io.vendsync.sink.write.WriterTemplate;
import io.vrap.rmf.base.client.error.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The product resource on the {@link WriterTemplate}: creates the product of a canonical {@link Product} (one Vend
 * family), or brings its staged data to the record with the actions of {@link ProductActions}; no request when nothing
 * differs, so a replay writes nothing.
 *
 * <ul>
 *   <li><b>Finding it:</b> by key (a query, so "none" is no error), else by {@code ct_product_id} (a matched product
 *       without a key). With it: whether it has vendsync's product type (then the attribute definitions the record
 *       needs are added to that type), which attributes its type defines, and the id of the record's tax category.</li>
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
 *   <li><b>Order:</b> commercetools products have no custom fields to keep the Vend source version on (as inventory
 *       entries do); the catalog loop skips a record older than the version applied for its key
 *       ({@code ops.sink-catalog-applied}, see {@code RecordProcessor}), so a record late from a retry tier or a
 *       replay never rolls a product back. A record with the same version (re-published because the catalog or a
 *       resolution changed) is always diffed.</li>
 *   <li><b>Families off sale</b> ({@code deleted=true}, or {@code active=false}: every variant deleted or inactive in
 *       Vend; no variants): never deleted (orders, prices and reviews refer to
 *       it), never created. A product vendsync made (it has vendsync's product type; a retailer's matched product has
 *       its own) that is published is unpublished, after writing a marker ({@link UnpublishMarkers}, container
 *       {@code vendsync-unpublished}, keyed by the product key); an unpublished one is left (already done, or a
 *       merchandiser's choice). A retailer's product stays published (a deleted one's stock of 0 stops the sale), counted in
 *       {@link #deletedFamiliesLeft()}. A later live record of a product carrying the marker publishes it again and
 *       removes the marker; without one, an unpublished product stays so. Not {@code ct_product_id}: the catalog
 *       reader reads vendsync's own products back, so they carry one too.</li>
 * </ul>
 */
public final class ProductWriter implements ResourceWriter<Product, ProductWriter.Current, ProductUpdateAction> {

    public static final String ENTITY = "product";
    /** SKUs per staged-projection query in the uniqueness check. */
    static final int SKUS_PER_QUERY = 20;

    private static final Logger LOG = LoggerFactory.getLogger(ProductWriter.class);

    /**
     * The product and what its diff needs: whether its type is vendsync's own (only then are attributes the type lacks
     * added), the attribute names its type defines, and the id of the record's tax category (null: none).
     */
    public record Current(com.commercetools.api.models.product.Product product, boolean ownType, Set<String> definedAttributes,
                          String desiredTaxCategoryId, boolean unpublishedByVendsync) {
    }

    private final ProjectApiRoot api;
    private final ProductTypes types;
    private final String productTypeKey;
    private final ProductActions actions;
    private final String locale;
    private final PublishPolicy publish;
    private final Map<String, String> taxCategoryIds = new ConcurrentHashMap<>();
    private final AtomicLong deletedFamiliesLeft = new AtomicLong();
    private final UnpublishMarkers unpublished;

    /**
     * @param gtinAttribute the variant attribute for GTINs ({@code catalog.gtin.attribute}); null writes none
     */
    public ProductWriter(final ProjectApiRoot api, final String productTypeKey, final String locale, final PublishPolicy publish,
                         final String gtinAttribute) {
        this.api = Objects.requireNonNull(api, "api");
        this.locale = Objects.requireNonNull(locale, "locale");
        this.productTypeKey = Objects.requireNonNull(productTypeKey, "productTypeKey");
        this.types = new ProductTypes(api, productTypeKey, locale, gtinAttribute);
        this.actions = new ProductActions(locale);
        this.publish = Objects.requireNonNull(publish, "publish");
        this.unpublished = new UnpublishMarkers(api);
    }

    /** The product writer the sink's settings describe, on the template, counting into {@code statistics}. */
    public static WriterTemplate<Product, Current, ProductUpdateAction> of(final ProjectApiRoot api, final SinkConfig config,
                                                                           final SinkStatistics statistics) {
        return new WriterTemplate<>(new ProductWriter(api, config.productTypeKey(), config.productLocale(),
                PublishPolicy.of(config.productPublish()), config.catalogGtinAttribute()), config.conflictMaxRetries(), statistics);
    }

    /** Records of deleted Vend families whose product is not vendsync's (another product type), left published. */
    public long deletedFamiliesLeft() {
        return deletedFamiliesLeft.get();
    }

    @Override
    public String entity() {
        return ENTITY;
    }

    @Override
    public String key(final Product record) {
        return record.getProductKey();
    }

    @Override
    public long sourceVersion(final Product record) {
        return record.getSourceVersion();
    }

    @Override
    public boolean absoluteState() {
        return true;
    }

    /** A family off sale only unpublishes a product that exists; it never creates one. */
    @Override
    public boolean createsWhenMissing(final Product record) {
        return !offSale(record);
    }

    /** Every variant deleted, or every one deleted or inactive, in Vend ({@code deleted} alone in records before {@code active}). */
    static boolean offSale(final Product record) {
        return record.getDeleted() || !record.getActive();
    }

    /**
     * The product by key, else by the id of the product a variant matched; null when there is none. By query, not by
     * GET of the key: a product not created yet is the normal case, and the SDK logs every 404 as an error.
     */
    @Override
    public Current find(final Product record, final Attempt attempt) {
        if (offSale(record)) {
            return findOffSale(record, attempt);
        }
        if (record.getVariants().isEmpty()) {
            throw new SinkWriteException(attempt.correlationId(), "the record has no variants; a commercetools product needs one", null);
        }
        final String desiredTaxId = record.getTaxCategoryKey() == null ? null : taxCategoryId(record.getTaxCategoryKey(), attempt);
        final com.commercetools.api.models.product.Product product = findProduct(record, attempt);
        if (product == null) {
            return null;
        }
        // Only vendsync's own type gets attribute definitions added; another type is read as it is.
        final boolean owned = product.getProductType().getId().equals(types.ownIdIfExists(attempt.correlationId()));
        if (owned) {
            types.ensureOwn(attributeNames(record), attempt.correlationId());
        }
        final Set<String> defined = types.attributeNames(product.getProductType().getId(), attempt.correlationId());
        // Only an unpublished product of ours can carry our marker: published ones need no read, and under
        // product.publish=never (the default) vendsync publishes nothing, so it republishes nothing either.
        final boolean marked = owned && publish != PublishPolicy.NEVER && !product.getMasterData().getPublished()
                && unpublished.exists(record.getProductKey(), attempt);
        return new Current(product, owned, defined, desiredTaxId, marked);
    }

    /** The product of a family off sale, and whether it is vendsync's own (only that one is unpublished). */
    private Current findOffSale(final Product record, final Attempt attempt) {
        final com.commercetools.api.models.product.Product product = findProduct(record, attempt);
        if (product == null) {
            return null;
        }
        // vendsync's type (and a key for the marker): vendsync made it. A matched retailer's product has its own type.
        final boolean owned = product.getKey() != null
                && product.getProductType().getId().equals(types.ownIdIfExists(attempt.correlationId()));
        if (!owned) {
            deletedFamiliesLeft.incrementAndGet();
            LOG.info("{}: every Vend product of family {} is deleted or inactive; product {} is the retailer's (not vendsync's product "
                    + "type), so it stays published{}", attempt.correlationId(), record.getVendFamilyId(), product.getId(),
                    record.getDeleted() ? "; its stock of 0 stops the sale" : "");
        }
        return new Current(product, owned, Set.of(), null, false);
    }

    private com.commercetools.api.models.product.Product findProduct(final Product record, final Attempt attempt) {
        final List<com.commercetools.api.models.product.Product> byKey = attempt.tag(api.products().get()
                        .withWhere("key = :key").withPredicateVar("key", record.getProductKey()).withLimit(1))
                .executeBlocking().getBody().getResults();
        if (!byKey.isEmpty()) {
            return byKey.get(0);
        }
        if (record.getCtProductId() == null) {
            return null;
        }
        try {
            return attempt.tag(api.products().withId(record.getCtProductId()).get()).executeBlocking().getBody();
        } catch (NotFoundException e) {
            return null;
        }
    }

    /**
     * The staged data's diff with the record, and a publish when {@code product.publish=always} or when vendsync had
     * unpublished the product for a deletion (or deactivation) that Vend has undone. A family off sale: an unpublish of
     * vendsync's own published product, nothing else.
     */
    @Override
    public List<ProductUpdateAction> diff(final Current current, final Product record) {
        final com.commercetools.api.models.product.Product product = current.product();
        if (offSale(record)) {
            return current.ownType() && product.getMasterData().getPublished()
                    ? List.of(ProductUnpublishAction.builder().build()) : List.of();
        }
        final List<ProductUpdateAction> diff = actions.diff(record, product.getMasterData().getStaged(), current.ownType(),
                current.definedAttributes(), types.gtinAttribute(),
                product.getTaxCategory() == null ? null : product.getTaxCategory().getId(), current.desiredTaxCategoryId());
        final boolean republish = current.unpublishedByVendsync();
        if (!republish && (diff.isEmpty() || publish != PublishPolicy.ALWAYS)) {
            return diff;
        }
        final List<ProductUpdateAction> all = new ArrayList<>(diff);
        all.add(ProductPublishAction.builder().build());
        return all;
    }

    /** A SKU the update would add must not be on another product. */
    @Override
    public void beforeUpdate(final Current current, final Product record, final List<ProductUpdateAction> actions,
                             final Attempt attempt) {
        ensureSkusFree(ProductActions.newSkus(record, current.product().getMasterData().getStaged()), current.product().getId(), attempt);
    }

    @Override
    public long version(final Current current) {
        return current.product().getVersion();
    }

    /**
     * The update, with vendsync's unpublish marker written before an unpublish (so an undelete finds it even if the
     * sink stops right after) and removed after a republish.
     */
    @Override
    public long update(final Current current, final long version, final List<ProductUpdateAction> actions, final Attempt attempt) {
        final String key = current.product().getKey();
        final boolean unpublishing = actions.stream().anyMatch(ProductUnpublishAction.class::isInstance);
        if (unpublishing) {
            unpublished.write(key, current.product().getId(), attempt.correlationId(), attempt);
        }
        final long newVersion = update(api, current.product().getId(), version, actions, attempt);
        if (unpublishing) {
            LOG.info("{}: every Vend product of it is deleted or inactive; unpublished product {} ({})", attempt.correlationId(), key,
                    current.product().getId());
        } else if (current.unpublishedByVendsync() && actions.stream().anyMatch(ProductPublishAction.class::isInstance)) {
            unpublished.remove(key, attempt);
            LOG.info("{}: restored in Vend; published product {} ({}) again", attempt.correlationId(), key, current.product().getId());
        }
        return newVersion;
    }

    /** One product update request (products and their embedded prices); returns the product's new version. */
    public static long update(final ProjectApiRoot api, final String productId, final long version,
                              final List<ProductUpdateAction> actions, final Attempt attempt) {
        return attempt.tag(api.products().withId(productId).post(ProductUpdate.builder().version(version).actions(actions).build()))
                .executeBlocking().getBody().getVersion();
    }

    @Override
    public void create(final Product record, final Attempt attempt) {
        ensureSkusFree(record.getVariants().stream().map(ProductVariant::getSku).toList(), null, attempt);
        final String correlationId = attempt.correlationId();
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
        final var created = attempt.tag(api.products().post(draft.build())).executeBlocking().getBody();
        LOG.info("{}: created product {} ({}) with {} variant(s)", correlationId, record.getProductKey(), created.getId(),
                variants.size());
    }

    /**
     * Fails the record permanently when a SKU it would add is already on a variant of another product: commercetools
     * forbids duplicates, and a second product for the same article must never be made.
     */
    private void ensureSkusFree(final List<String> skus, final String ownProductId, final Attempt attempt) {
        for (final List<String> batch : WriterTemplate.chunks(skus, SKUS_PER_QUERY)) {
            final StringBuilder where = new StringBuilder();
            var request = api.productProjections().get().withStaged(true).withLimit(500);
            for (int i = 0; i < batch.size(); i++) {
                where.append(i == 0 ? "" : " or ").append("masterVariant(sku = :s").append(i).append(") or variants(sku = :s")
                        .append(i).append(')');
                request = request.withPredicateVar("s" + i, batch.get(i));
            }
            final List<ProductProjection> found = attempt.tag(request.withWhere(where.toString()))
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
                throw new SinkWriteException(attempt.correlationId(), "SKU(s) " + taken + " already belong to commercetools product "
                        + other.getId() + " (key " + other.getKey() + "); a SKU cannot be on two products, so nothing was "
                        + "written. Move the variant in commercetools, or map the Vend product to another SKU "
                        + "(vendsync mapping import).", null);
            }
        }
    }

    /** The tax category's id; a missing one fails the record transiently, as it is on its way from the tax category topic. */
    private String taxCategoryId(final String key, final Attempt attempt) {
        final String cached = taxCategoryIds.get(key);
        if (cached != null) {
            return cached;
        }
        // By query: a tax category not there yet is expected (the topics are not ordered), not an error to log.
        final List<com.commercetools.api.models.tax_category.TaxCategory> found = attempt.tag(api.taxCategories().get()
                .withWhere("key = :key").withPredicateVar("key", key).withLimit(1)).executeBlocking().getBody().getResults();
        if (found.isEmpty()) {
            throw new SinkWriteException(attempt.correlationId(), "tax category '" + key + "' does not exist yet",
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
