package io.vendsync.mapper.prices.internals;

import io.vendsync.mapper.vend.TaxFallback;
import io.vendsync.mapper.vend.VendOutlet;
import io.vendsync.mapper.vend.VendTax;
import io.vendsync.mapper.internals.CountryCodes;
import io.vendsync.mapper.internals.ErrorCode;
import io.vendsync.schemas.canonical.v1.TaxCategory;
import io.vendsync.schemas.canonical.v1.TaxRate;
import io.vendsync.schemas.canonical.v1.ValidationError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A Vend tax as a commercetools tax category: key {@code tax.category.key.prefix} + tax id, one rate per country where a
 * live outlet uses the tax (as its default tax, in a product's outlet tax, or as the store's is_default tax at an outlet
 * without a default tax), amount = the sum of the tax's rates.
 * {@code included_in_price} follows how that country's outlets display prices; when they disagree, the majority wins (tie:
 * inclusive, Vend's usual setup) and {@code TAX_DISPLAY_CONFLICT} names the outlets. A deleted tax is published with
 * {@code deleted=true} and no rates. Outlets without a country (and a retailer without one) give no rate.
 */
public final class TaxCategoryCalculator {

    private final PriceSettings settings;

    public TaxCategoryCalculator(final PriceSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public String key(final String taxId) {
        return settings.taxCategoryKeyPrefix() + taxId;
    }

    /**
     * Whether {@code context} holds the outlets the tax is used at (a deleted one counts as known) and at least one
     * outlet: without them its category would be published without their countries' rates.
     */
    public boolean ready(final TaxWithUsage in, final PricingContext context) {
        if (in == null || in.tax() == null || in.tax().deleted()) {
            return true;
        }
        final TaxUsage usage = in.usage() == null ? TaxUsage.NONE : in.usage();
        return !context.outlets().isEmpty() && usage.outlets().keySet().stream()
                .allMatch(outletId -> context.outlets().containsKey(outletId) || context.removedVersion("outlet", outletId) != 0L);
    }

    public PriceOutcome<TaxCategory> taxCategory(final String taxId, final TaxWithUsage in, final PricingContext context,
                                                 final long timestampMs) {
        final VendTax tax = in == null ? null : in.tax();
        if (tax == null) {
            return PriceOutcome.nothing(); // named by outlet taxes only; TAX_CATEGORY_MISSING reports it per product
        }
        final String key = key(taxId);
        if (tax.deleted()) {
            return new PriceOutcome<>(key, TaxCategory.newBuilder().setKey(key).setVendTaxId(taxId).setName(tax.label())
                    .setRates(List.of()).setDeleted(true).setSourceVersion(tax.version()).setSourceTsMs(tax.tsMs()).build(), List.of());
        }
        final TaxUsage usage = in.usage() == null ? TaxUsage.NONE : in.usage();
        long version = tax.version();
        long tsMs = tax.tsMs();
        final Map<String, List<VendOutlet>> byCountry = new TreeMap<>();
        for (final VendOutlet outlet : context.outlets().values()) {
            if (!TaxFallback.appliesAt(taxId, usage.uses(outlet.id()), outlet, context.defaultTaxId())) {
                continue;
            }
            final String country = outlet.countryId() != null ? outlet.countryId()
                    : context.retailer() == null ? null : context.retailer().country();
            if (!CountryCodes.isAlpha2(country)) {
                continue;
            }
            version = Math.max(version, outlet.version());
            tsMs = Math.max(tsMs, outlet.tsMs());
            byCountry.computeIfAbsent(country, c -> new ArrayList<>()).add(outlet);
        }
        final List<TaxRate> rates = new ArrayList<>();
        final List<ValidationError> errors = new ArrayList<>();
        for (final Map.Entry<String, List<VendOutlet>> country : byCountry.entrySet()) {
            final List<String> inclusive = new ArrayList<>();
            final List<String> exclusive = new ArrayList<>();
            for (final VendOutlet outlet : country.getValue()) {
                final boolean displaysInclusive = outlet.displayPrices() != null ? "inclusive".equals(outlet.displayPrices())
                        : context.retailer() == null || !context.retailer().taxExclusive();
                (displaysInclusive ? inclusive : exclusive).add(outlet.id());
            }
            final boolean included = inclusive.size() >= exclusive.size();
            if (!inclusive.isEmpty() && !exclusive.isEmpty()) {
                final List<String> all = new ArrayList<>(inclusive);
                all.addAll(exclusive);
                errors.add(PriceErrors.of(ErrorCode.TAX_DISPLAY_CONFLICT, "taxes", settings.taxesTopic(), taxId, tax.version(),
                        "Outlets in " + country.getKey() + " using tax " + tax.label() + " (" + taxId + ") disagree on display_prices: "
                                + "inclusive " + inclusive + ", exclusive " + exclusive + "; commercetools has one rate per country, "
                                + "written as " + (included ? "included in price" : "not included in price") + " (the majority)",
                        all.stream().sorted().toList(),
                        "Set display_prices the same on every outlet in " + country.getKey() + " in Vend.",
                        Map.of("inclusive", inclusive, "exclusive", exclusive), timestampMs));
            }
            rates.add(TaxRate.newBuilder().setName(tax.label()).setAmount(tax.rate().doubleValue()).setCountry(country.getKey())
                    .setIncludedInPrice(included).build());
        }
        return new PriceOutcome<>(key, TaxCategory.newBuilder().setKey(key).setVendTaxId(taxId).setName(tax.label())
                .setRates(rates).setDeleted(false).setSourceVersion(version).setSourceTsMs(tsMs).build(), errors);
    }
}
