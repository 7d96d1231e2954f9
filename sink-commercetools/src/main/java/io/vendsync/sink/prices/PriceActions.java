package io.vendsync.sink.prices;

import com.commercetools.api.models.common.HighPrecisionMoney;
import com.commercetools.api.models.common.Price;
import com.commercetools.api.models.common.PriceTier;
import com.commercetools.api.models.common.TypedMoney;
import com.commercetools.api.models.product.ProductAddPriceAction;
import com.commercetools.api.models.product.ProductChangePriceAction;
import com.commercetools.api.models.product.ProductRemovePriceAction;
import com.commercetools.api.models.product.ProductUpdateAction;
import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The update actions that make a variant's embedded (staged) prices equal the desired set, and nothing else:
 * <ol>
 *   <li>Each desired price is matched to a current price by price key, else to a current price without a key that has
 *       the same scope (currency, country, channel, customer group, validFrom, validUntil).</li>
 *   <li>A matched pair with the same scope but another amount or other quantity breaks (tiers), or a missing key, gets
 *       {@code changePrice} (its draft sets the key and the tiers too: the mock lacks {@code setPriceKey}); with another
 *       scope, {@code removePrice} + {@code addPrice}.</li>
 *   <li>Unmatched desired prices get {@code addPrice}; unmatched current prices get {@code removePrice}: the record is
 *       the variant's whole price list.</li>
 * </ol>
 * Removals come first, so a new price never meets the old one's scope within a request. Equal sets give no action.
 */
public final class PriceActions {

    private PriceActions() {
    }

    public static List<ProductUpdateAction> diff(final String sku, final List<Price> current, final List<DesiredPrice> desired) {
        final List<Price> unmatched = new ArrayList<>(current == null ? List.of() : current);
        final List<ProductUpdateAction> removes = new ArrayList<>();
        final List<ProductUpdateAction> changes = new ArrayList<>();
        final List<ProductUpdateAction> adds = new ArrayList<>();
        final List<DesiredPrice> unpaired = new ArrayList<>();
        for (final DesiredPrice price : desired) {
            final Price byKey = unmatched.stream().filter(c -> price.key().equals(c.getKey())).findFirst().orElse(null);
            if (byKey != null) {
                unmatched.remove(byKey);
                reconcile(sku, byKey, price, removes, changes, adds);
            } else {
                unpaired.add(price);
            }
        }
        for (final DesiredPrice price : unpaired) {
            final Price byScope = unmatched.stream().filter(c -> c.getKey() == null && sameScope(c, price)).findFirst().orElse(null);
            if (byScope != null) {
                unmatched.remove(byScope);
                reconcile(sku, byScope, price, removes, changes, adds);
            } else {
                adds.add(add(sku, price));
            }
        }
        unmatched.forEach(c -> removes.add(remove(c)));
        final List<ProductUpdateAction> actions = new ArrayList<>(removes);
        actions.addAll(changes);
        actions.addAll(adds);
        return actions;
    }

    private static void reconcile(final String sku, final Price current, final DesiredPrice desired,
                                  final List<ProductUpdateAction> removes, final List<ProductUpdateAction> changes,
                                  final List<ProductUpdateAction> adds) {
        if (!sameScope(current, desired)) {
            removes.add(remove(current));
            adds.add(add(sku, desired));
        } else if (!sameAmount(current.getValue(), desired) || !sameTiers(current.getTiers(), desired)
                || !desired.key().equals(current.getKey())) {
            changes.add(ProductChangePriceAction.builder().priceId(current.getId()).price(desired.draftById()).staged(true).build());
        }
    }

    static boolean sameScope(final Price current, final DesiredPrice desired) {
        return current.getValue() != null && desired.price().getCurrency().equals(current.getValue().getCurrencyCode())
                && Objects.equals(current.getCountry(), desired.price().getCountry())
                && Objects.equals(current.getChannel() == null ? null : current.getChannel().getId(), desired.channelId())
                && Objects.equals(current.getCustomerGroup() == null ? null : current.getCustomerGroup().getId(), desired.customerGroupId())
                && sameInstant(current.getValidFrom(), desired.validFrom())
                && sameInstant(current.getValidUntil(), desired.validUntil());
    }

    static boolean sameAmount(final TypedMoney value, final DesiredPrice desired) {
        return sameMoney(value, desired.amount());
    }

    /** The same quantity breaks: minimums and amounts, in order (none and an empty list are the same). */
    static boolean sameTiers(final List<PriceTier> current, final DesiredPrice desired) {
        final List<PriceTier> have = current == null ? List.of() : current;
        final List<io.vendsync.schemas.canonical.v1.PriceTier> want = desired.price().getTiers();
        if (have.size() != want.size()) {
            return false;
        }
        for (int i = 0; i < want.size(); i++) {
            if (!Objects.equals(have.get(i).getMinimumQuantity(), want.get(i).getMinimumQuantity())
                    || !sameMoney(have.get(i).getValue(), desired.amount(want.get(i)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameMoney(final TypedMoney value, final BigDecimal wanted) {
        if (value == null) {
            return false;
        }
        final int digits = value.getFractionDigits() == null ? DesiredPrice.currencyDigits(value.getCurrencyCode()) : value.getFractionDigits();
        final BigDecimal amount = value instanceof HighPrecisionMoney precise && precise.getPreciseAmount() != null
                ? BigDecimal.valueOf(precise.getPreciseAmount(), digits)
                : BigDecimal.valueOf(value.getCentAmount(), digits);
        return amount.compareTo(wanted) == 0;
    }

    private static boolean sameInstant(final ZonedDateTime a, final ZonedDateTime b) {
        return a == null ? b == null : b != null && a.toInstant().equals(b.toInstant());
    }

    private static ProductUpdateAction add(final String sku, final DesiredPrice price) {
        return ProductAddPriceAction.builder().sku(sku).price(price.draft()).staged(true).build();
    }

    private static ProductUpdateAction remove(final Price price) {
        return ProductRemovePriceAction.builder().priceId(price.getId()).staged(true).build();
    }
}
