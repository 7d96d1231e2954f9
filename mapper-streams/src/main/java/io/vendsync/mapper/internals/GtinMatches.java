package io.vendsync.mapper.internals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Per Vend product: each of its GTINs with the commercetools SKUs carrying it. A sorted map, so the JSON form is
 * deterministic (joins hash it).
 */
public record GtinMatches(Map<String, List<String>> catalogSkusByGtin) {

    public static final GtinMatches NONE = new GtinMatches(Map.of());

    public GtinMatches {
        catalogSkusByGtin = catalogSkusByGtin == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(catalogSkusByGtin));
    }

    public GtinMatches with(final String gtin, final List<String> catalogSkus) {
        final Map<String, List<String>> next = new TreeMap<>(catalogSkusByGtin);
        next.put(gtin, List.copyOf(catalogSkus));
        return new GtinMatches(next);
    }

    public GtinMatches without(final String gtin) {
        final Map<String, List<String>> next = new TreeMap<>(catalogSkusByGtin);
        next.remove(gtin);
        return new GtinMatches(next);
    }

    /** Whether the GTIN lookup has answered (with or without a match) for every one of {@code gtins}. */
    public boolean hasAnswered(final List<String> gtins) {
        return catalogSkusByGtin.keySet().containsAll(gtins);
    }

    /** Every commercetools SKU any of the product's GTINs points to, sorted. */
    public List<String> catalogSkus() {
        final TreeSet<String> skus = new TreeSet<>();
        catalogSkusByGtin.values().forEach(skus::addAll);
        return List.copyOf(skus);
    }

    /** The product's GTINs that point to at least one commercetools variant. */
    public List<String> matchedGtins() {
        return catalogSkusByGtin.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }
}
