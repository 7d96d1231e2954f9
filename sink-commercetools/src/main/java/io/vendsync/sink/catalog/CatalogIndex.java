package io.vendsync.sink.catalog;

import io.vendsync.schemas.mapping.CommercetoolsVariant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The catalog as last read (variants per product) and as last published (one record per SKU), so a read
 * publishes only what changed: a SKU whose record differs in more than last_modified_ms, or a tombstone for a
 * SKU no variant reports any more. Two variants reporting one SKU become one record, the first by (product id, variant id), listing the
 * others in {@code sku_shared_with}. Not thread-safe; {@link CatalogReader} serialises access.
 */
public final class CatalogIndex {

    /** A record to publish for {@code sku}; {@code value} null is a tombstone. */
    public record Change(String sku, CommercetoolsVariant value) {
    }

    private static final Comparator<CommercetoolsVariant> ORDER =
            Comparator.comparing(CommercetoolsVariant::getProductId).thenComparingInt(CommercetoolsVariant::getVariantId);

    private final Map<String, List<CommercetoolsVariant>> byProduct = new HashMap<>();
    private final Map<String, Set<String>> productsBySku = new HashMap<>();
    private final Map<String, CommercetoolsVariant> published = new HashMap<>();
    private final Set<String> unsent = new HashSet<>();

    /** What the topic already holds (read back at start), so a restart publishes only differences. */
    public void seedPublished(final Map<String, CommercetoolsVariant> records) {
        published.clear();
        published.putAll(records);
    }

    /** A full read: every product not in it is gone, and so are its SKUs. */
    public List<Change> replaceAll(final Map<String, List<CommercetoolsVariant>> variantsByProduct) {
        final Set<String> affected = new HashSet<>(published.keySet());
        affected.addAll(productsBySku.keySet());
        affected.addAll(unsent);
        byProduct.clear();
        productsBySku.clear();
        variantsByProduct.forEach(this::put);
        affected.addAll(productsBySku.keySet());
        return changes(affected);
    }

    /** A delta read: only these products changed (deleted products do not appear in a delta; a full read removes them). */
    public List<Change> upsert(final Map<String, List<CommercetoolsVariant>> variantsByProduct) {
        final Set<String> affected = new HashSet<>();
        variantsByProduct.forEach((productId, variants) -> {
            remove(productId).forEach(affected::add);
            put(productId, variants);
            variants.forEach(v -> affected.add(v.getSku()));
        });
        return changes(affected);
    }

    /** A record whose send failed: the next read that covers its SKU sends the current value again, even if unchanged. */
    public void sendAgain(final String sku) {
        unsent.add(sku);
    }

    public CommercetoolsVariant published(final String sku) {
        return published.get(sku);
    }

    public int publishedSize() {
        return published.size();
    }

    private void put(final String productId, final List<CommercetoolsVariant> variants) {
        byProduct.put(productId, List.copyOf(variants));
        variants.forEach(v -> productsBySku.computeIfAbsent(v.getSku(), sku -> new TreeSet<>()).add(productId));
    }

    private List<String> remove(final String productId) {
        final List<CommercetoolsVariant> old = byProduct.remove(productId);
        if (old == null) {
            return List.of();
        }
        final List<String> skus = new ArrayList<>();
        for (final CommercetoolsVariant variant : old) {
            skus.add(variant.getSku());
            final Set<String> products = productsBySku.get(variant.getSku());
            if (products != null) {
                products.remove(productId);
                if (products.isEmpty()) {
                    productsBySku.remove(variant.getSku());
                }
            }
        }
        return skus;
    }

    private List<Change> changes(final Collection<String> skus) {
        final List<Change> changes = new ArrayList<>();
        for (final String sku : new TreeSet<>(skus)) {
            final CommercetoolsVariant desired = desired(sku);
            if (unsent.remove(sku) | !sameExceptTime(desired, published.get(sku))) {
                changes.add(new Change(sku, desired));
                if (desired == null) {
                    published.remove(sku);
                } else {
                    published.put(sku, desired);
                }
            }
        }
        return changes;
    }

    /**
     * Equal but for last_modified_ms: any edit of a product (a price, a description) moves its lastModifiedAt, and
     * republishing all its variants for that would only make the mapper re-join them.
     */
    private static boolean sameExceptTime(final CommercetoolsVariant a, final CommercetoolsVariant b) {
        if (a == null || b == null) {
            return a == b;
        }
        return Objects.equals(CommercetoolsVariant.newBuilder(a).setLastModifiedMs(0L).build(),
                CommercetoolsVariant.newBuilder(b).setLastModifiedMs(0L).build());
    }

    private CommercetoolsVariant desired(final String sku) {
        final Set<String> products = productsBySku.get(sku);
        if (products == null || products.isEmpty()) {
            return null;
        }
        final List<CommercetoolsVariant> variants = new ArrayList<>();
        for (final String productId : products) {
            byProduct.getOrDefault(productId, List.of()).stream().filter(v -> v.getSku().equals(sku)).forEach(variants::add);
        }
        variants.sort(ORDER);
        final CommercetoolsVariant first = variants.get(0);
        final List<String> others = variants.subList(1, variants.size()).stream()
                .map(v -> v.getProductId() + "/" + v.getVariantId()).toList();
        return CommercetoolsVariant.newBuilder(first).setSkuSharedWith(others).build();
    }
}
