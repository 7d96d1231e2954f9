package io.vendsync.sink.prices;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.client.error.ConcurrentModificationException;
import com.commercetools.api.models.common.Price;
import com.commercetools.api.models.product.ProductProjection;
import com.commercetools.api.models.product.ProductUpdate;
import com.commercetools.api.models.product.ProductUpdateAction;
import com.commercetools.api.models.product.ProductVariant;
import io.vendsync.schemas.canonical.v1.ScopedPrice;
import io.vendsync.schemas.canonical.v1.VariantPrices;
import io.vendsync.sink.SinkStatistics;
import io.vendsync.sink.internals.CanonicalWriter;
import io.vendsync.sink.internals.ChannelResolver;
import io.vendsync.sink.internals.CommercetoolsClient;
import io.vendsync.sink.internals.MissingReferenceException;
import io.vendsync.sink.internals.SinkWriteException;
import io.vendsync.sink.internals.WriteOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a variant's embedded prices equal a {@link VariantPrices} record: finds the variant by SKU (staged product
 * projection), diffs its staged prices against the record ({@link PriceActions}) and sends the actions in requests of at
 * most 500, staged. Nothing differs: no request, {@link WriteOutcome#UNCHANGED}; so replaying the topic against a project
 * that matches writes nothing.
 *
 * <ul>
 *   <li>Channels are referenced by key and created when missing ({@link ChannelResolver}: roles InventorySupply and
 *       ProductDistribution, so one outlet channel serves stock and prices); customer groups by key, created when missing.</li>
 *   <li>No product has the SKU yet: {@link MissingReferenceException} (transient), since products come from
 *       {@code canonical.product.v1} and may not be written yet; the retry tiers try again.</li>
 *   <li>409: re-read and rebuild from the fresh variant, at most {@code maxConflictRetries} times, then fail. Chunks
 *       already applied stay applied; the rebuilt diff only holds what is still missing.</li>
 *   <li>Prices are written staged and not published: the sink has no publish policy yet, so publishing stays a
 *       merchandiser's decision (or the product writer's, once it has one).</li>
 * </ul>
 * Thread-safe: applies of one SKU are serialised (striped locks), as the main and retry loops may apply one key at once.
 */
public final class PriceWriter implements CanonicalWriter<VariantPrices> {

    private static final Logger LOG = LoggerFactory.getLogger(PriceWriter.class);

    private final ProjectApiRoot api;
    private final ChannelResolver channels;
    private final CustomerGroupResolver customerGroups;
    private final int maxConflictRetries;
    private final SinkStatistics statistics;
    private final Object[] keyLocks = new Object[64];
    /** Test hook: runs after the product was read and before it is updated. */
    private volatile Runnable beforeUpdate = () -> { };

    public PriceWriter(final ProjectApiRoot api, final ChannelResolver channels, final CustomerGroupResolver customerGroups,
                       final int maxConflictRetries, final SinkStatistics statistics) {
        this.api = Objects.requireNonNull(api, "api");
        this.channels = Objects.requireNonNull(channels, "channels");
        this.customerGroups = Objects.requireNonNull(customerGroups, "customerGroups");
        if (maxConflictRetries < 0) {
            throw new IllegalArgumentException("maxConflictRetries must be >= 0");
        }
        this.maxConflictRetries = maxConflictRetries;
        this.statistics = Objects.requireNonNull(statistics, "statistics");
        for (int i = 0; i < keyLocks.length; i++) {
            keyLocks[i] = new Object();
        }
    }

    /** Visible for tests: called after each read of the product, before the update that uses its version. */
    void beforeUpdate(final Runnable hook) {
        this.beforeUpdate = hook == null ? () -> { } : hook;
    }

    @Override
    public String entity() {
        return "price";
    }

    @Override
    public long sourceVersion(final VariantPrices record) {
        return record.getSourceVersion();
    }

    @Override
    public String correlationId(final VariantPrices record) {
        return "price:" + record.getSku() + "@" + record.getSourceVersion();
    }

    @Override
    public WriteOutcome apply(final VariantPrices record) {
        synchronized (keyLocks[Math.floorMod(record.getSku().hashCode(), keyLocks.length)]) {
            final String correlationId = correlationId(record);
            try {
                final WriteOutcome outcome = write(record, correlationId);
                if (outcome == WriteOutcome.UPDATED) {
                    statistics.incrementUpdated();
                } else {
                    statistics.incrementUnchanged();
                }
                return outcome;
            } catch (SinkWriteException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new SinkWriteException(correlationId, "cannot apply prices: " + e.getMessage(), e);
            }
        }
    }

    private WriteOutcome write(final VariantPrices record, final String correlationId) {
        final String sku = record.getSku();
        final List<DesiredPrice> desired = resolve(record, correlationId);
        ConcurrentModificationException lastConflict = null;
        for (int attempt = 1; attempt <= maxConflictRetries + 1; attempt++) {
            final ProductProjection product = find(sku, correlationId, attempt);
            final ProductVariant variant = variant(product, sku);
            final List<ProductUpdateAction> actions = PriceActions.diff(sku, variant.getPrices(), desired);
            if (actions.isEmpty()) {
                return attempt == 1 ? WriteOutcome.UNCHANGED : WriteOutcome.UPDATED;
            }
            beforeUpdate.run();
            long version = product.getVersion();
            try {
                for (final List<ProductUpdateAction> chunk : PriceActions.chunks(actions)) {
                    version = CommercetoolsClient.tag(api.products().withId(product.getId())
                                    .post(ProductUpdate.builder().version(version).actions(chunk).build()), correlationId, attempt)
                            .executeBlocking().getBody().getVersion();
                }
                LOG.debug("{}: {} price actions on product {}", correlationId, actions.size(), product.getId());
                return WriteOutcome.UPDATED;
            } catch (ConcurrentModificationException e) {
                lastConflict = e;
                if (attempt <= maxConflictRetries) {
                    statistics.incrementConflictRetries();
                    LOG.info("{}: product {} changed concurrently (409); re-reading, retry {}/{}", correlationId, product.getId(),
                            attempt, maxConflictRetries);
                }
            }
        }
        throw new SinkWriteException(correlationId, "still conflicting (409 ConcurrentModification) after "
                + maxConflictRetries + " retries", lastConflict);
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

    private ProductProjection find(final String sku, final String correlationId, final int attempt) {
        final List<ProductProjection> found = CommercetoolsClient.tag(api.productProjections().get().withStaged(true)
                        .withWhere("masterVariant(sku = :sku) or variants(sku = :sku)").withPredicateVar("sku", sku)
                        .withLimit(2), correlationId, attempt)
                .executeBlocking().getBody().getResults();
        if (found.isEmpty()) {
            throw new MissingReferenceException(correlationId + ": no commercetools product has a variant with SKU '" + sku
                    + "' yet (products come from canonical.product.v1); retried later");
        }
        if (found.size() > 1) {
            // The real API forbids it; the mock does not. Writing to one of them would be a guess.
            throw new SinkWriteException(correlationId, "SKU '" + sku + "' is on " + found.size()
                    + " products; remove the duplicate in commercetools", null);
        }
        return found.get(0);
    }

    private static ProductVariant variant(final ProductProjection product, final String sku) {
        return Stream.concat(Stream.of(product.getMasterVariant()),
                        product.getVariants() == null ? Stream.empty() : product.getVariants().stream())
                .filter(v -> v != null && sku.equals(v.getSku())).findFirst()
                .orElseThrow(() -> new IllegalStateException("product " + product.getId() + " matched SKU " + sku + " but has no such variant"));
    }
}
