package io.vendsync.sink.prices;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.cart.ProductPublishScope;
import com.commercetools.api.models.product.ProductProjection;
import com.commercetools.api.models.product.ProductPublishAction;
import com.commercetools.api.models.product.ProductUpdateAction;
import com.commercetools.api.models.product.ProductVariant;
import io.vendsync.schemas.canonical.v1.ScopedPrice;
import io.vendsync.schemas.canonical.v1.VariantPrices;
import io.vendsync.sink.SinkStatistics;
import io.vendsync.sink.internals.ChannelResolver;
import io.vendsync.sink.internals.MissingReferenceException;
import io.vendsync.sink.internals.SinkWriteException;
import io.vendsync.sink.write.Attempt;
import io.vendsync.sink.write.ResourceWriter;
import io.vendsync.sink.products.ProductWriter;
import io.vendsync.sink.products.PublishPolicy;
import io.vendsync.sink.write.WriterTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The price resource on the {@link WriterTemplate}: makes a variant's embedded prices equal a {@link VariantPrices}
 * record. Finds the variant by SKU (staged product projection), diffs its staged prices against the record
 * ({@link PriceActions}); the actions are sent staged. Nothing differs: no request, so replaying the topic against a
 * project that matches writes nothing.
 *
 * <ul>
 *   <li>Channels are referenced by key and created when missing ({@link ChannelResolver}: roles InventorySupply and
 *       ProductDistribution, so one outlet channel serves stock and prices); customer groups by key, created when missing.</li>
 *   <li>No product has the SKU yet: {@link MissingReferenceException} (transient), since products come from
 *       {@code canonical.product.v1} and may not be written yet; the retry tiers try again. Prices never create a product.</li>
 *   <li>After a 409 the template rebuilds from the fresh variant; chunks already applied stay applied, the rebuilt diff only
 *       holds what is still missing.</li>
 *   <li>Prices are written staged, and published as {@code product.publish} says for the product writer's own changes:
 *       under {@code always}, a price change of a published product is published with it, prices only (without that, a Vend price
 *       change would wait for the product's next change to go live); under {@code never} and {@code on-create} it stays
 *       staged for a merchandiser. An unpublished product is never published by a price.</li>
 * </ul>
 */
public final class PriceWriter implements ResourceWriter<VariantPrices, PriceWriter.Current, ProductUpdateAction> {

    public static final String ENTITY = "price";

    /** The product holding the SKU, its variant, and the record's prices with their channel and customer group ids. */
    public record Current(ProductProjection product, ProductVariant variant, List<DesiredPrice> desired) {
    }

    private final ProjectApiRoot api;
    private final ChannelResolver channels;
    private final CustomerGroupResolver customerGroups;
    private final PublishPolicy publish;

    public PriceWriter(final ProjectApiRoot api, final ChannelResolver channels, final CustomerGroupResolver customerGroups,
                       final PublishPolicy publish) {
        this.api = Objects.requireNonNull(api, "api");
        this.channels = Objects.requireNonNull(channels, "channels");
        this.customerGroups = Objects.requireNonNull(customerGroups, "customerGroups");
        this.publish = Objects.requireNonNull(publish, "publish");
    }

    /** The price writer on the template, publishing per {@code publish} ({@code product.publish}), counting into {@code statistics}. */
    public static WriterTemplate<VariantPrices, Current, ProductUpdateAction> template(final ProjectApiRoot api,
            final ChannelResolver channels, final CustomerGroupResolver customerGroups, final PublishPolicy publish,
            final int maxConflictRetries, final SinkStatistics statistics) {
        return new WriterTemplate<>(new PriceWriter(api, channels, customerGroups, publish), maxConflictRetries, statistics);
    }

    @Override
    public String entity() {
        return ENTITY;
    }

    @Override
    public String key(final VariantPrices record) {
        return record.getSku();
    }

    @Override
    public long sourceVersion(final VariantPrices record) {
        return record.getSourceVersion();
    }

    @Override
    public boolean absoluteState() {
        return true;
    }

    @Override
    public Current find(final VariantPrices record, final Attempt attempt) {
        final String sku = record.getSku();
        final List<ProductProjection> found = attempt.tag(api.productProjections().get().withStaged(true)
                        .withWhere("masterVariant(sku = :sku) or variants(sku = :sku)").withPredicateVar("sku", sku)
                        .withLimit(2))
                .executeBlocking().getBody().getResults();
        if (found.isEmpty()) {
            return null;
        }
        if (found.size() > 1) {
            // The real API forbids it; the mock does not. Writing to one of them would be a guess.
            throw new SinkWriteException(attempt.correlationId(), "SKU '" + sku + "' is on " + found.size()
                    + " products; remove the duplicate in commercetools", null);
        }
        final ProductProjection product = found.get(0);
        return new Current(product, variant(product, sku), resolve(record, attempt.correlationId()));
    }

    /** Prices never make a product: it comes from {@code canonical.product.v1}, so the record waits on a retry tier. */
    @Override
    public void create(final VariantPrices record, final Attempt attempt) {
        throw new MissingReferenceException(attempt.correlationId() + ": no commercetools product has a variant with SKU '"
                + record.getSku() + "' yet (products come from canonical.product.v1); retried later");
    }

    @Override
    public List<ProductUpdateAction> diff(final Current current, final VariantPrices record) {
        final List<ProductUpdateAction> actions = PriceActions.diff(record.getSku(), current.variant().getPrices(), current.desired());
        if (actions.isEmpty() || publish != PublishPolicy.ALWAYS || !Boolean.TRUE.equals(current.product().getPublished())) {
            return actions;
        }
        final List<ProductUpdateAction> published = new ArrayList<>(actions);
        // Scope Prices: only the prices go live, not a merchandiser's unfinished staged edits of the product. Last, so a
        // request split in chunks publishes at its end.
        published.add(ProductPublishAction.builder().scope(ProductPublishScope.PRICES).build());
        return published;
    }

    @Override
    public long version(final Current current) {
        return current.product().getVersion();
    }

    @Override
    public long update(final Current current, final long version, final List<ProductUpdateAction> actions, final Attempt attempt) {
        return ProductWriter.update(api, current.product().getId(), version, actions, attempt);
    }

    private List<DesiredPrice> resolve(final VariantPrices record, final String correlationId) {
        final List<DesiredPrice> desired = new ArrayList<>(record.getPrices().size());
        for (final ScopedPrice price : record.getPrices()) {
            desired.add(new DesiredPrice(price,
                    price.getChannelKey() == null ? null : channels.resolve(price.getChannelKey(), correlationId),
                    price.getCustomerGroupKey() == null ? null : customerGroups.resolve(price.getCustomerGroupKey(), correlationId)));
        }
        return desired;
    }

    private static ProductVariant variant(final ProductProjection product, final String sku) {
        return Stream.concat(Stream.of(product.getMasterVariant()),
                        product.getVariants() == null ? Stream.empty() : product.getVariants().stream())
                .filter(v -> v != null && sku.equals(v.getSku())).findFirst()
                .orElseThrow(() -> new IllegalStateException("product " + product.getId() + " matched SKU " + sku + " but has no such variant"));
    }
}
