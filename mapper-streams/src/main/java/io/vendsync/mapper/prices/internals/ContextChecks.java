package io.vendsync.mapper.prices.internals;

import io.vendsync.mapper.vend.VendOutlet;
import io.vendsync.mapper.vend.VendPriceBook;
import io.vendsync.mapper.internals.ErrorCode;
import io.vendsync.mapper.prices.Market;
import io.vendsync.mapper.prices.PriceBookPlatform;
import io.vendsync.schemas.canonical.v1.ValidationError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Store-wide price checks: {@code PRICE_CURRENCY_UNUSED} for a configured market, or an enabled live price book, whose
 * currency no live outlet uses (a book's currency is its outlet's, else the retailer's).
 */
public final class ContextChecks {

    private final PriceSettings settings;

    public ContextChecks(final PriceSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public PriceOutcome<Void> check(final PricingContext context, final long timestampMs) {
        final TreeSet<String> used = new TreeSet<>();
        context.outlets().values().forEach(o -> used.add(o.currency()));
        final List<ValidationError> errors = new ArrayList<>();
        for (final Market market : new TreeSet<>(settings.markets())) {
            if (!used.contains(market.currency())) {
                errors.add(PriceErrors.of(ErrorCode.PRICE_CURRENCY_UNUSED, "outlets", settings.outletsTopic(), market.toString(),
                        null, "Market " + market + " is configured in prices.markets, but no live outlet uses " + market.currency()
                                + " (outlets use " + used + "); no product can have a price there",
                        List.copyOf(used), "Remove " + market + " from prices.markets, or open an outlet in " + market.currency()
                                + " in Vend.", null, timestampMs));
            }
        }
        for (final VendPriceBook book : context.books().values()) {
            if (!settings.platforms().contains(PriceBookPlatform.ofVendKey(book.platformKey()))) {
                continue;
            }
            final String currency;
            if (book.outletId() != null) {
                final VendOutlet outlet = context.outlets().get(book.outletId());
                currency = outlet == null ? null : outlet.currency();
            } else {
                currency = context.retailer() == null ? null : context.retailer().currency();
            }
            if (currency != null && !used.contains(currency)) {
                errors.add(PriceErrors.of(ErrorCode.PRICE_CURRENCY_UNUSED, "price_books", settings.priceBooksTopic(), book.id(),
                        book.version(), "Price book " + book.name() + " (" + book.id() + ") prices in " + currency
                                + ", which no live outlet uses (outlets use " + used + "); its prices are not written",
                        List.copyOf(used), "Bind the price book to an outlet in the currency it is meant for, or delete it.",
                        book, timestampMs));
            }
        }
        return new PriceOutcome<>(null, null, errors);
    }
}
