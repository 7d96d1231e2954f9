package io.vendsync.cli.reconcile;

import io.vendsync.cli.reconcile.Mismatch.Area;
import io.vendsync.cli.reconcile.Mismatch.Kind;
import io.vendsync.schemas.canonical.v1.ScopedPrice;
import io.vendsync.schemas.canonical.v1.VariantPrices;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Prices per variant: the set the mapper derived from Vend for each SKU ({@code canonical.price.v1}: retail price per
 * market, outlet prices, price books; tax-inclusive where the outlets show it) against the variant's embedded prices,
 * matched by price key. Deriving them from Vend a second time would be a second price engine; this finds what the sink
 * did not write, what was edited or added online, and duplicates. A variant's price without a desired key is extra: the
 * sink removes it.
 */
public final class PriceCheck {

    private PriceCheck() {
    }

    public static Comparison compare(final Identity identity, final List<CommercetoolsData.Variant> variants) {
        final Map<String, List<CommercetoolsData.Variant>> bySku = variants.stream().filter(v -> v.sku() != null)
                .collect(Collectors.groupingBy(CommercetoolsData.Variant::sku));
        final List<Mismatch> mismatches = new ArrayList<>();
        int compared = 0;
        for (final VariantPrices desired : new TreeMap<>(identity.prices()).values()) {
            final String sku = desired.getSku();
            final List<CommercetoolsData.Variant> found = bySku.getOrDefault(sku, List.of());
            compared += desired.getPrices().size();
            if (found.isEmpty()) {
                desired.getPrices().forEach(price -> mismatches.add(new Mismatch(Area.PRICES, Kind.MISSING, outlet(identity, price),
                        sku + "/" + price.getPriceKey(), text(price), null, "no variant with this SKU")));
                continue;
            }
            if (found.size() > 1) {
                mismatches.add(new Mismatch(Area.PRICES, Kind.DUPLICATE, null, sku, "1 variant", found.size() + " variants",
                        "variants of products " + found.stream().map(CommercetoolsData.Variant::productKey).toList()
                                + " share this SKU; their prices are not compared"));
                continue;
            }
            final Map<String, List<CommercetoolsData.Price>> current = found.get(0).prices().stream()
                    .collect(Collectors.groupingBy(p -> p.key() == null ? "" : p.key(), TreeMap::new, Collectors.toList()));
            for (final ScopedPrice price : desired.getPrices()) {
                final List<CommercetoolsData.Price> have = current.remove(price.getPriceKey());
                final String key = sku + "/" + price.getPriceKey();
                if (have == null) {
                    mismatches.add(new Mismatch(Area.PRICES, Kind.MISSING, outlet(identity, price), key, text(price), null,
                            "the variant has no price with this key"));
                } else if (have.size() > 1) {
                    mismatches.add(new Mismatch(Area.PRICES, Kind.DUPLICATE, outlet(identity, price), key, text(price),
                            have.stream().map(PriceCheck::text).collect(Collectors.joining(", ")), have.size() + " prices with one key"));
                } else if (!same(price, have.get(0))) {
                    mismatches.add(new Mismatch(Area.PRICES, Kind.DIFFERENT, outlet(identity, price), key, text(price),
                            text(have.get(0)), "amount, currency, country or quantity breaks differ"));
                }
            }
            current.forEach((key, extra) -> extra.forEach(price -> mismatches.add(new Mismatch(Area.PRICES, Kind.EXTRA, null,
                    sku + "/" + (key.isEmpty() ? "(no key)" : key), null, text(price), "a price Vend does not have"))));
        }
        return new Comparison(Area.PRICES, compared, mismatches, Map.of());
    }

    private static boolean same(final ScopedPrice desired, final CommercetoolsData.Price current) {
        return desired.getCurrency().equals(current.currency()) && amount(desired).compareTo(current.amount()) == 0
                && Objects.equals(desired.getCountry(), current.country()) && sameTiers(tiers(desired), current.tiers());
    }

    private static boolean sameTiers(final SortedMap<Long, BigDecimal> desired, final SortedMap<Long, BigDecimal> current) {
        return desired.keySet().equals(current.keySet())
                && desired.entrySet().stream().allMatch(t -> t.getValue().compareTo(current.get(t.getKey())) == 0);
    }

    private static BigDecimal amount(final ScopedPrice price) {
        return BigDecimal.valueOf(price.getCentAmount(), price.getFractionDigits());
    }

    /** The desired quantity breaks, minimum quantity -> amount per unit. */
    private static SortedMap<Long, BigDecimal> tiers(final ScopedPrice price) {
        final SortedMap<Long, BigDecimal> tiers = new TreeMap<>();
        price.getTiers().forEach(t -> tiers.put(t.getMinimumQuantity(), BigDecimal.valueOf(t.getCentAmount(), price.getFractionDigits())));
        return tiers;
    }

    private static String outlet(final Identity identity, final ScopedPrice price) {
        return price.getChannelKey() == null ? null : identity.channelLabel(price.getChannelKey());
    }

    private static String text(final ScopedPrice price) {
        return amount(price).toPlainString() + " " + price.getCurrency() + (price.getCountry() == null ? "" : " " + price.getCountry())
                + tiersText(tiers(price));
    }

    private static String text(final CommercetoolsData.Price price) {
        return price.amount().toPlainString() + " " + price.currency() + (price.country() == null ? "" : " " + price.country())
                + tiersText(price.tiers());
    }

    private static String tiersText(final SortedMap<Long, BigDecimal> tiers) {
        return tiers.isEmpty() ? "" : tiers.entrySet().stream().map(t -> t.getKey() + "+ at " + t.getValue().toPlainString())
                .collect(Collectors.joining(", ", " (", ")"));
    }
}
