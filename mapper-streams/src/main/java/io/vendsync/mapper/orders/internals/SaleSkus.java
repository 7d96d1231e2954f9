package io.vendsync.mapper.orders.internals;

import io.vendsync.mapper.vend.VendSale;
import io.vendsync.schemas.mapping.ProductResolution;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How each product of one sale resolved (mapping.product-resolution), by Vend product id: {@link Resolved#UNKNOWN} when
 * the product has no resolution, absent while its lookup is still on its way through the join. Kept per sale so a
 * resolution arriving later re-maps the sales waiting for it.
 */
public record SaleSkus(SortedMap<String, Resolved> products) {

    public static final SaleSkus NONE = new SaleSkus(new TreeMap<>());

    /**
     * The SKU the product resolution chose, or the conflict that withholds it; {@code deleted}, {@code inactive}: the
     * product is deleted or inactive in Vend (its lines say so, and the sink imports one as a custom line when
     * commercetools has no variant of it; false in state written before they were kept).
     */
    public record Resolved(boolean known, String sku, String conflictCode, java.util.List<String> candidates, boolean deleted,
                           boolean inactive) {

        /** Looked up, and the product has no resolution (yet). */
        public static final Resolved UNKNOWN = new Resolved(false, null, null, java.util.List.of(), false, false);

        public static Resolved of(final ProductResolution resolution) {
            return resolution == null ? UNKNOWN : new Resolved(true, resolution.getSku(), resolution.getConflictCode(),
                    resolution.getCandidates() == null ? java.util.List.of() : java.util.List.copyOf(resolution.getCandidates()),
                    resolution.getDeleted(), !resolution.getActive());
        }
    }

    /** One (sale, product) pair with its resolution, the unit of the join with the resolutions table. */
    public record Pair(String saleId, String productId, Resolved resolved) {
    }

    public SaleSkus {
        products = products == null ? new TreeMap<>() : new TreeMap<>(products);
    }

    public SaleSkus with(final Pair pair) {
        final TreeMap<String, Resolved> copy = new TreeMap<>(products);
        copy.put(pair.productId(), pair.resolved());
        return new SaleSkus(copy);
    }

    public SaleSkus without(final Pair pair) {
        final TreeMap<String, Resolved> copy = new TreeMap<>(products);
        copy.remove(pair.productId());
        return new SaleSkus(copy);
    }

    /** The resolution of {@code productId}, null while its lookup is on its way. */
    public Resolved of(final String productId) {
        return products.get(productId);
    }

    /** Whether every product of {@code sale} has been looked up (resolved or not). */
    public boolean covers(final VendSale sale) {
        return products.keySet().containsAll(sale.productIds());
    }

    public static SaleSkus of(final Map<String, Resolved> products) {
        return new SaleSkus(new TreeMap<>(products));
    }
}
