package io.vendsync.sink.catalog;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.product.ProductProjection;
import io.vendsync.schemas.mapping.CommercetoolsVariant;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the commercetools catalog (staged product projections) and publishes one record per variant, keyed by
 * SKU, to the compacted variants topic, so the mapper matches Vend products to what already exists.
 *
 * <ul>
 *   <li>The first read, and one every {@code fullReloadInterval}, is <b>full</b>: a product missing from it was
 *       deleted, and its SKUs get tombstones. Deletions are only seen this way (no Messages API on the mock, and
 *       a deleted product matches no delta query).</li>
 *   <li>Other reads are <b>deltas</b>: products with {@code lastModifiedAt >=} the newest lastModifiedAt seen minus
 *       {@code overlap} (2 minutes by default, as commercetools-project-sync does, because timestamps are made by
 *       distributed API nodes and may commit out of order). The watermark comes from commercetools' own
 *       timestamps, never our clock. Re-reading a product is harmless: only changed records are published.</li>
 *   <li>Records are published only when they differ from what the topic holds ({@link CatalogIndex}); a record whose
 *       send failed is sent again by the next read, which is then full.</li>
 * </ul>
 * Thread-safe: reads are serialised.
 */
public final class CatalogReader {

    public static final Duration DEFAULT_OVERLAP = Duration.ofMinutes(2);
    private static final Logger LOG = LoggerFactory.getLogger(CatalogReader.class);

    private final ProjectionPager pager;
    private final VariantExtractor extractor;
    private final Producer<String, CommercetoolsVariant> producer;
    private final String topic;
    private final Duration overlap;
    private final Duration fullReloadInterval;
    private final LongSupplier clockMs;
    private final CatalogIndex index = new CatalogIndex();
    private long watermarkMs = Long.MIN_VALUE;
    private long lastFullMs = Long.MIN_VALUE;
    private boolean fullDue = true;

    public CatalogReader(final ProjectApiRoot api, final String gtinAttribute, final Producer<String, CommercetoolsVariant> producer,
                         final String topic, final Duration overlap, final Duration fullReloadInterval, final LongSupplier clockMs) {
        this.pager = new ProjectionPager(api);
        this.extractor = new VariantExtractor(gtinAttribute);
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.overlap = Objects.requireNonNull(overlap, "overlap");
        this.fullReloadInterval = Objects.requireNonNull(fullReloadInterval, "fullReloadInterval");
        this.clockMs = Objects.requireNonNull(clockMs, "clockMs");
    }

    /** What the topic holds already (see {@link PublishedCatalog}); call before the first read. */
    public synchronized void seed(final Map<String, CommercetoolsVariant> published) {
        index.seedPublished(published);
    }

    /** One read, full or delta as due, published and acknowledged before it returns. */
    public synchronized CatalogReadResult readOnce() {
        final boolean full = fullDue || watermarkMs == Long.MIN_VALUE
                || clockMs.getAsLong() - lastFullMs >= fullReloadInterval.toMillis();
        return read(full);
    }

    /** A full read now, whatever the schedule. */
    public synchronized CatalogReadResult readFull() {
        return read(true);
    }

    /** The newest lastModifiedAt seen, epoch ms; {@link Long#MIN_VALUE} before the first read. */
    public synchronized long watermarkMs() {
        return watermarkMs;
    }

    private CatalogReadResult read(final boolean full) {
        final long startedMs = clockMs.getAsLong();
        final String where = full ? null
                : "lastModifiedAt >= \"" + Instant.ofEpochMilli(watermarkMs).minus(overlap) + "\"";
        final Map<String, List<CommercetoolsVariant>> variants = new LinkedHashMap<>();
        final List<String> invalidGtins = new ArrayList<>();
        final long[] newest = {watermarkMs};
        final int pages = pager.readAll(where, page -> {
            for (final ProductProjection product : page) {
                variants.put(product.getId(), extractor.variants(product, invalidGtins));
                if (product.getLastModifiedAt() != null) {
                    newest[0] = Math.max(newest[0], product.getLastModifiedAt().toInstant().toEpochMilli());
                }
            }
        });
        final List<CatalogIndex.Change> changes = full ? index.replaceAll(variants) : index.upsert(variants);
        publish(changes);
        watermarkMs = newest[0];
        if (full) {
            lastFullMs = startedMs;
            fullDue = false;
        }
        final int tombstones = (int) changes.stream().filter(c -> c.value() == null).count();
        if (!invalidGtins.isEmpty()) {
            LOG.warn("commercetools catalog: {} GTIN attribute value(s) are not valid GTINs and are ignored, e.g. {}",
                    invalidGtins.size(), invalidGtins.subList(0, Math.min(5, invalidGtins.size())));
        }
        final CatalogReadResult result = new CatalogReadResult(full, variants.size(), pages, changes.size() - tombstones,
                tombstones, invalidGtins);
        LOG.info("commercetools catalog {} read: {} products in {} requests, {} variant records and {} tombstones published to {}",
                full ? "full" : "delta", result.productsRead(), pages, result.published(), tombstones, topic);
        return result;
    }

    private void publish(final List<CatalogIndex.Change> changes) {
        final List<Future<RecordMetadata>> sends = new ArrayList<>(changes.size());
        for (final CatalogIndex.Change change : changes) {
            sends.add(producer.send(new ProducerRecord<>(topic, change.sku(), change.value())));
        }
        producer.flush();
        RuntimeException failure = null;
        for (int i = 0; i < sends.size(); i++) {
            try {
                sends.get(i).get();
            } catch (ExecutionException e) {
                // Forget it was published: the next (full) read computes it again and resends it.
                index.sendAgain(changes.get(i).sku());
                fullDue = true;
                if (failure == null) {
                    failure = new IllegalStateException("Cannot publish catalog record for SKU " + changes.get(i).sku(), e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fullDue = true;
                throw new IllegalStateException("Interrupted while publishing the catalog", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
