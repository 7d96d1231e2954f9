package io.vendsync.mapper.prices.internals;

import io.vendsync.mapper.vend.TaxFallback;
import io.vendsync.mapper.vend.VendOutlet;
import io.vendsync.mapper.vend.VendPriceBook;
import io.vendsync.mapper.vend.VendPriceBookEntry;
import io.vendsync.mapper.vend.VendTax;
import io.vendsync.mapper.vend.VendRetailer;
import io.vendsync.mapper.vend.VendCustomerGroup;

import io.vendsync.mapper.internals.ErrorCode;
import io.vendsync.mapper.prices.Market;
import io.vendsync.mapper.prices.PriceBookPlatform;
import io.vendsync.schemas.canonical.v1.PriceTier;
import io.vendsync.schemas.canonical.v1.ScopedPrice;
import io.vendsync.schemas.canonical.v1.ValidationError;
import io.vendsync.schemas.canonical.v1.VariantPrices;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The price rules: from one product, its outlet taxes, its price book entries and the store's {@link PricingContext}, the
 * full set of commercetools prices its variant should have, and what stands in the way.
 *
 * <ul>
 *   <li><b>Markets.</b> Each live outlet is in the market (its currency, its {@code physical_country_id}, else the
 *       retailer's country). Its channel is the one the identity topology published on
 *       {@code mapping.outlet-channel-resolved}; until that arrives, the derived key (the same one unless an override says
 *       otherwise, and then the prices move to the override's channel as soon as it does).</li>
 *   <li><b>Amounts.</b> Vend 2.0 prices are tax-exclusive ({@code price_excluding_tax}, price book {@code price}) and are
 *       the source: at an outlet that displays prices tax-inclusive ({@code display_prices}; when absent, the retailer's
 *       {@code tax_exclusive} decides) the amount is {@code price x (1 + rate)}, rate = the sum of the rates of the
 *       product's tax at that outlet (its outlet tax, else the outlet's default tax, else the store's is_default tax; a price book entry's own
 *       {@code tax_id} wins for that entry); at an exclusive outlet it is the price itself. Rounded half-even to the
 *       currency's minor unit. {@code price_including_tax} is Vend's figure at the retailer's default tax, wrong for
 *       outlets taxed otherwise, so it is used only when {@code price_excluding_tax} is absent (divided by
 *       {@code 1 + rate} at exclusive outlets).</li>
 *   <li><b>Retail price.</b> Per market, the amount most of its outlets have (tie: the outlet with the lowest id) is the
 *       market's price (currency + country); an outlet whose amount differs gets a price scoped to its channel too.</li>
 *   <li><b>Price books.</b> Each live book whose platform is enabled ({@code prices.price-book.platforms}) prices its
 *       entries: scoped to its outlet's channel when it has an outlet (in that outlet's currency), else like the retail
 *       price over every live outlet in the retailer's currency; customer group = {@code customer.group.key.prefix} + id,
 *       none for All Customers; {@code valid_from}/{@code valid_to} -> validity.</li>
 *   <li><b>Conflicts.</b> Two prices with one scope (currency, country, channel, customer group) and different amounts
 *       conflict when both are undated, or both dated with overlapping windows (an undated and a dated price do not:
 *       commercetools prefers the one currently valid, which is how a promotion works). Every price of a conflict is left
 *       out and {@code PRICE_CONFLICT} names the sources. Identical prices from two sources are one price (the retail
 *       price, else the book with the lowest id).</li>
 *   <li><b>Reports.</b> {@code PRICE_MISSING} when a market of {@code prices.markets} (default: the markets of the live
 *       outlets) has no undated price for everyone; {@code TAX_CATEGORY_MISSING} when the product's tax at an outlet is
 *       unknown or deleted (that outlet then gets no tax-inclusive amount); {@code PRICE_BOOK_UNKNOWN} when an entry's
 *       price book is unknown (its prices are left out).</li>
 * </ul>
 * A product that is deleted, has no SKU, or whose SKU resolution has a conflict is not priced: the inventory mapper
 * reports those, and the product mapper deals with deleted products.
 */
public final class PriceCalculator {

    public static final String RETAIL = "retail";
    public static final String PRICE_BOOK_SOURCE_PREFIX = "price_book:";

    private final PriceSettings settings;

    public PriceCalculator(final PriceSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** A live outlet as pricing sees it. */
    record OutletView(VendOutlet outlet, Market market, String channelKey, boolean inclusive) {
        String id() {
            return outlet.id();
        }
    }

    /** A quantity break: from {@code minimumQuantity} units on, {@code cents} per unit (commercetools' price tier). */
    record Tier(long minimumQuantity, long cents) {
    }

    /** A price before conflicts are settled; {@code tiers} by rising minimum, empty for most. */
    record Candidate(String bookId, Market market, String channelKey, String groupKey, Long from, Long until, long cents,
                     int digits, boolean included, List<Tier> tiers) {
        String source() {
            return bookId == null ? RETAIL : PRICE_BOOK_SOURCE_PREFIX + bookId;
        }

        String sourceName() {
            return bookId == null ? RETAIL : bookId;
        }

        String scope() {
            return market + "|" + channelKey + "|" + groupKey;
        }

        boolean dated() {
            return from != null || until != null;
        }

        boolean sameValue(final Candidate other) {
            return sameBase(other) && tiers.equals(other.tiers);
        }

        /** The same price for one unit; the quantity breaks aside. */
        boolean sameBase(final Candidate other) {
            return cents == other.cents && digits == other.digits && included == other.included;
        }

        boolean sameValidity(final Candidate other) {
            return Objects.equals(from, other.from) && Objects.equals(until, other.until);
        }

        boolean overlaps(final Candidate other) {
            if (!dated() && !other.dated()) {
                return true;
            }
            if (dated() != other.dated()) {
                return false;
            }
            final long start = Math.max(from == null ? Long.MIN_VALUE : from, other.from == null ? Long.MIN_VALUE : other.from);
            final long end = Math.min(until == null ? Long.MAX_VALUE : until, other.until == null ? Long.MAX_VALUE : other.until);
            return start < end;
        }
    }

    /** Collects the inputs a record was computed from, for its source version and timestamp. */
    private static final class Sources {
        long version;
        long tsMs;

        void add(final long objectVersion, final long objectTsMs) {
            version = Math.max(version, objectVersion);
            tsMs = Math.max(tsMs, objectTsMs);
        }
    }

    /**
     * Whether {@code context} holds everything the product's prices refer to: a live outlet, the tax each outlet would
     * use (its outlet tax, else the outlet's or the store's default), and each book of its entries with the entry's tax
     * and the book's customer group. A deleted object is known too (its removal is in the context). Pricing without one of
     * them would publish prices without it and report it missing, though it is most often on its way (a cold start).
     */
    public boolean ready(final ProductPricing in, final PricingContext context) {
        if (!priceable(in)) {
            return true;
        }
        final List<OutletView> outlets = liveOutlets(context);
        if (outlets.isEmpty()) {
            return false;
        }
        for (final OutletView outlet : outlets) {
            final String taxId = TaxFallback.taxId(in.taxes().liveTaxIdAt(outlet.id()), outlet.outlet(), context.defaultTaxId());
            if (taxId != null && !known(context.taxes(), context, "tax", taxId)) {
                return false;
            }
        }
        for (final VendPriceBookEntry entry : in.bookPrices().entries().values()) {
            if (entry.deleted()) {
                continue;
            }
            final VendPriceBook book = context.books().get(entry.priceBookId());
            if (book == null) {
                if (context.removedVersion("book", entry.priceBookId()) == 0L) {
                    return false;
                }
                continue;
            }
            if (!settings.platforms().contains(PriceBookPlatform.ofVendKey(book.platformKey()))) {
                continue; // not priced: nothing of it to wait for
            }
            if (entry.taxId() != null && !known(context.taxes(), context, "tax", entry.taxId())
                    || book.customerGroupId() != null && !known(context.groups(), context, "group", book.customerGroupId())) {
                return false;
            }
        }
        return true;
    }

    private static boolean known(final Map<String, ?> live, final PricingContext context, final String kind, final String id) {
        return live.containsKey(id) || context.removedVersion(kind, id) != 0L;
    }

    private static boolean priceable(final ProductPricing in) {
        final PricedProduct product = in == null ? null : in.product();
        final ProductPricing.ResolvedSku resolution = in == null ? null : in.resolution();
        // An inactive product gets no variant (the product mapper leaves it out): a price for its SKU would wait for one
        // that never comes.
        return product != null && !product.deleted() && resolution != null && !resolution.deleted() && !resolution.inactive()
                && resolution.conflictCode() == null && resolution.sku() != null && !resolution.sku().isBlank();
    }

    public PriceOutcome<VariantPrices> price(final ProductPricing in, final PricingContext context, final long timestampMs) {
        if (!priceable(in)) {
            return PriceOutcome.nothing();
        }
        final PricedProduct product = in.product();
        final ProductPricing.ResolvedSku resolution = in.resolution();
        final Sources sources = new Sources();
        sources.add(product.version(), product.tsMs());
        final List<OutletView> outlets = liveOutlets(context);
        outlets.forEach(o -> sources.add(o.outlet().version(), o.outlet().tsMs()));
        sources.add(context.removedOutletsVersion(), 0L);
        // Deleted outlet taxes and book entries stay in their tables, so the record after a deletion has a higher version.
        in.taxes().byOutlet().values().forEach(t -> sources.add(t.version(), t.tsMs()));
        in.bookPrices().entries().values().forEach(e -> {
            sources.add(e.version(), e.tsMs());
            sources.add(context.removedVersion("book", e.priceBookId()), 0L);
        });

        final List<ValidationError> errors = new ArrayList<>();
        final Map<String, String> missingTaxes = new TreeMap<>(); // outlet id -> tax id or "none"
        final List<Candidate> candidates = new ArrayList<>();

        final boolean hasRetail = product.priceExcludingTax() != null || product.priceIncludingTax() != null;
        if (hasRetail) {
            final Map<OutletView, Priced> amounts = new LinkedHashMap<>();
            for (final OutletView outlet : outlets) {
                final Amount amount = retailAmount(in, context, outlet, missingTaxes, sources);
                if (amount != null) {
                    amounts.put(outlet, new Priced(amount, List.of()));
                }
            }
            collapse(null, amounts, true, null, null, null, candidates);
        }
        for (final VendPriceBook book : booksOf(in, context)) {
            sources.add(book.version(), book.tsMs());
            final String groupKey = groupKey(book, context, sources);
            final List<OutletView> covered = covered(book, outlets, context);
            final List<VendPriceBookEntry> ofBook = in.bookPrices().entries().values().stream()
                    .filter(e -> !e.deleted() && e.priceBookId().equals(book.id())).toList();
            // Quantity breaks (min_units 2 or more) are tiers of the book's price for one unit: its entry without a minimum,
            // or, when the book has none, the product's retail price, which the breaks then extend.
            final TreeMap<Long, VendPriceBookEntry> breaks = new TreeMap<>();
            final List<VendPriceBookEntry> units = new ArrayList<>();
            if (!quantityBreaks(ofBook, breaks, units, book, product, errors, timestampMs)) {
                continue;
            }
            if (units.isEmpty() && !breaks.isEmpty()) {
                if (!hasRetail) {
                    if (!covered.isEmpty()) { // a book of no live outlet prices nothing anyway
                        errors.add(breaksWithoutAUnitPrice(book, breaks, product, timestampMs));
                    }
                    continue;
                }
                units.add(null);
            }
            for (final VendPriceBookEntry entry : units) {
                final Map<OutletView, Priced> amounts = new LinkedHashMap<>();
                for (final OutletView outlet : covered) {
                    final Amount amount = entry == null ? retailAmount(in, context, outlet, missingTaxes, sources)
                            : amount(outlet, entry.price(), null, tax(in, context, outlet, entry.taxId(), missingTaxes, sources));
                    final List<Tier> tiers = tiers(in, context, outlet, breaks, missingTaxes, sources);
                    if (amount != null && tiers != null) {
                        amounts.put(outlet, new Priced(amount, withRangeEnds(tiers, breaks, entry, amount,
                                () -> hasRetail ? retailAmount(in, context, outlet, missingTaxes, sources) : null)));
                    }
                }
                collapse(book.id(), amounts, book.outletId() == null, groupKey, book.validFromMs(), book.validUntilMs(), candidates);
            }
        }

        final List<String> unknownBooks = in.bookPrices().entries().values().stream()
                .filter(e -> !e.deleted() && !context.books().containsKey(e.priceBookId())
                        && context.removedVersion("book", e.priceBookId()) == 0L)
                .map(VendPriceBookEntry::priceBookId).distinct().sorted().toList();
        if (!unknownBooks.isEmpty()) {
            // Priced without them only once the wait for them is over (ready()), so they are not merely on their way.
            errors.add(PriceErrors.of(ErrorCode.PRICE_BOOK_UNKNOWN, "price_book_products", settings.priceBookProductsTopic(),
                    product.id(), product.version(), "Vend product " + product.id() + " has entries in price books vendsync has "
                            + "not read: " + unknownBooks + "; their prices are not written",
                    unknownBooks, "Check these price books in Vend (one vendsync refused is reported as PAYLOAD_INVALID), or "
                            + "remove the product from them.", Map.of("price_book_ids", unknownBooks), timestampMs));
        }
        final List<Candidate> prices = settle(candidates, product, errors, timestampMs);
        reportMissingPrices(product, outlets, prices, missingTaxes, errors, timestampMs);
        if (!missingTaxes.isEmpty()) {
            errors.add(PriceErrors.of(ErrorCode.TAX_CATEGORY_MISSING, "products", settings.productsTopic(), product.id(),
                    product.version(),
                    "Vend product " + product.id() + " (SKU " + resolution.sku() + ") has no known tax at outlets "
                            + missingTaxes.keySet() + " (tax ids " + new TreeSet<>(missingTaxes.values()) + "): commercetools "
                            + "has no tax rate for it there, and its tax-inclusive price cannot be computed",
                    new ArrayList<>(new TreeSet<>(missingTaxes.values())),
                    "Give the product a tax at those outlets in Vend (outlet taxes), or restore the deleted tax.",
                    missingTaxes, timestampMs));
        }
        final List<ScopedPrice> scoped = prices.stream().map(PriceCalculator::scoped)
                .sorted(Comparator.comparing(ScopedPrice::getPriceKey)).toList();
        final VariantPrices record = VariantPrices.newBuilder()
                .setSku(resolution.sku())
                .setVendProductId(product.id())
                .setPrices(scoped)
                .setSourceVersion(sources.version)
                .setSourceTsMs(sources.tsMs)
                .build();
        return new PriceOutcome<>(resolution.sku(), record, errors);
    }

    /** The product's own price for one unit at an outlet (its tax there), or null when it needs an unknown tax rate. */
    private Amount retailAmount(final ProductPricing in, final PricingContext context, final OutletView outlet,
                                final Map<String, String> missingTaxes, final Sources sources) {
        final VendTax tax = tax(in, context, outlet, null, missingTaxes, sources);
        return amount(outlet, in.product().priceExcludingTax(), in.product().priceIncludingTax(), tax);
    }

    /**
     * Sorts a book's live entries of the product into prices for one unit ({@code units}) and quantity breaks by minimum
     * ({@code breaks}). Two breaks of one minimum at different prices are a conflict: the book's prices for the product
     * are left out and {@code PRICE_CONFLICT} reported; returns false then. The same break twice is one.
     */
    private boolean quantityBreaks(final List<VendPriceBookEntry> ofBook, final TreeMap<Long, VendPriceBookEntry> breaks,
                                   final List<VendPriceBookEntry> units, final VendPriceBook book, final PricedProduct product,
                                   final List<ValidationError> errors, final long timestampMs) {
        final TreeSet<String> clashing = new TreeSet<>();
        for (final VendPriceBookEntry entry : ofBook) {
            final long minimum = entry.minimumQuantity();
            if (minimum <= 1) {
                units.add(entry);
                continue;
            }
            final VendPriceBookEntry held = breaks.putIfAbsent(minimum, entry);
            if (held != null && (held.price().compareTo(entry.price()) != 0 || !Objects.equals(held.taxId(), entry.taxId()))) {
                clashing.add(minimum + " units: " + held.id() + "=" + held.price().toPlainString() + ", " + entry.id() + "="
                        + entry.price().toPlainString());
            }
        }
        if (clashing.isEmpty()) {
            return true;
        }
        errors.add(PriceErrors.of(ErrorCode.PRICE_CONFLICT, "price_book_products", settings.priceBookProductsTopic(),
                product.id(), product.version(), "Vend product " + product.id() + " has two prices from one quantity in price book "
                        + book.id() + " (" + clashing + "); none of the book's prices for it is written",
                List.of(book.id()), "Give the product one price per min_units in price book " + book.id() + ".",
                List.copyOf(clashing), timestampMs));
        return false;
    }

    /**
     * A book whose entries for the product are all quantity breaks, on a product without a retail price: a commercetools
     * tier extends a price for one unit, and there is none to extend, so none of the book's prices is written.
     */
    private ValidationError breaksWithoutAUnitPrice(final VendPriceBook book, final TreeMap<Long, VendPriceBookEntry> breaks,
                                                    final PricedProduct product, final long timestampMs) {
        final List<String> entries = breaks.values().stream().map(VendPriceBookEntry::id).toList();
        return PriceErrors.of(ErrorCode.PRICE_MISSING, "price_book_products", settings.priceBookProductsTopic(), product.id(),
                product.version(), "Vend product " + product.id() + " has only quantity breaks in price book " + book.id()
                        + " (from " + breaks.firstKey() + " units on) and no price for one unit, in the book or as its retail"
                        + " price: commercetools tiers extend a price for one unit, so none of the book's prices is written",
                List.of(book.id()), "Give the product a price for one unit in price book " + book.id()
                        + " (min_units empty or 1), or a retail price in Vend.", entries, timestampMs);
    }

    /**
     * The tiers with the ends of Vend's bounded ranges ({@code max_units}): a commercetools tier holds until the next one
     * starts, so where a break ends and no other break covers the next unit, the book's price for one unit applies again
     * from there; where the book's price for one unit ends (and no break covers the next unit), the retail price does.
     */
    private static List<Tier> withRangeEnds(final List<Tier> tiers, final TreeMap<Long, VendPriceBookEntry> breaks,
                                            final VendPriceBookEntry unit, final Amount unitAmount,
                                            final java.util.function.Supplier<Amount> retail) {
        final TreeMap<Long, Long> all = new TreeMap<>();
        tiers.forEach(t -> all.put(t.minimumQuantity(), t.cents()));
        for (final VendPriceBookEntry ending : breaks.values()) {
            final Long end = rangeEnd(ending);
            if (end != null && !covered(end, breaks)) {
                all.putIfAbsent(end, unitAmount.cents());
            }
        }
        final Long unitEnd = unit == null ? null : rangeEnd(unit);
        if (unitEnd != null && unitEnd >= 2 && !covered(unitEnd, breaks)) {
            final Amount fallback = retail.get();
            if (fallback != null && fallback.digits() == unitAmount.digits()) {
                all.putIfAbsent(unitEnd, fallback.cents());
            }
        }
        return all.size() == tiers.size() ? tiers
                : all.entrySet().stream().map(t -> new Tier(t.getKey(), t.getValue())).toList();
    }

    /** The first quantity after an entry's range ({@code max_units} + 1, whole units), or null when it has no upper bound. */
    private static Long rangeEnd(final VendPriceBookEntry entry) {
        if (entry.maxUnits() == null || entry.maxUnits().signum() <= 0
                || entry.maxUnits().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE - 1)) >= 0) {
            return null;
        }
        return entry.maxUnits().setScale(0, RoundingMode.FLOOR).longValueExact() + 1;
    }

    /** Whether a break's range holds {@code quantity}: one starting at or before it that does not end before it. */
    private static boolean covered(final long quantity, final TreeMap<Long, VendPriceBookEntry> breaks) {
        return breaks.headMap(quantity, true).values().stream().anyMatch(b -> {
            final Long end = rangeEnd(b);
            return end == null || end > quantity;
        });
    }

    /** The quantity breaks' amounts at an outlet, by rising minimum; null when one needs an unknown tax rate. */
    private List<Tier> tiers(final ProductPricing in, final PricingContext context, final OutletView outlet,
                             final TreeMap<Long, VendPriceBookEntry> breaks, final Map<String, String> missingTaxes,
                             final Sources sources) {
        if (breaks.isEmpty()) {
            return List.of();
        }
        final List<Tier> tiers = new ArrayList<>(breaks.size());
        for (final Map.Entry<Long, VendPriceBookEntry> entry : breaks.entrySet()) {
            final Amount amount = amount(outlet, entry.getValue().price(), null,
                    tax(in, context, outlet, entry.getValue().taxId(), missingTaxes, sources));
            if (amount == null) {
                return null;
            }
            tiers.add(new Tier(entry.getKey(), amount.cents()));
        }
        return List.copyOf(tiers);
    }

    /** Live outlets by id, each with its market, channel and display rule. */
    List<OutletView> liveOutlets(final PricingContext context) {
        final VendRetailer retailer = context.retailer();
        final List<OutletView> views = new ArrayList<>();
        for (final VendOutlet outlet : context.outlets().values()) {
            final String country = outlet.countryId() != null ? outlet.countryId() : retailer == null ? null : retailer.country();
            Market market;
            try {
                market = new Market(outlet.currency(), country);
            } catch (IllegalArgumentException e) {
                market = new Market(outlet.currency(), null); // a country that is not a code ("New Zealand"): currency only
            }
            final String override = context.channelOverrides().get(outlet.id());
            final boolean inclusive = outlet.taxInclusive(retailer);
            views.add(new OutletView(outlet, market, override != null ? override : settings.derivedChannelKey().apply(outlet.id()),
                    inclusive));
        }
        return views;
    }

    private VendTax tax(final ProductPricing in, final PricingContext context, final OutletView outlet, final String entryTaxId,
                        final Map<String, String> missing, final Sources sources) {
        String taxId = entryTaxId;
        if (taxId == null) {
            taxId = TaxFallback.taxId(in.taxes().liveTaxIdAt(outlet.id()), outlet.outlet(), context.defaultTaxId());
        }
        final VendTax tax = taxId == null ? null : context.taxes().get(taxId);
        if (tax == null) {
            if (taxId != null) {
                sources.add(context.removedVersion("tax", taxId), 0L);
            }
            missing.putIfAbsent(outlet.id(), taxId == null ? "none" : taxId);
            return null;
        }
        sources.add(tax.version(), tax.tsMs());
        return tax;
    }

    /** An amount in minor units, and whether it includes tax. */
    record Amount(long cents, int digits, boolean included) {
    }

    /** What one outlet is priced: an amount for one unit and the quantity breaks after it. */
    record Priced(Amount amount, List<Tier> tiers) {
    }

    /** The amount at an outlet; null when it needs a tax rate that is unknown. */
    static Amount amount(final OutletView outlet, final BigDecimal excluding, final BigDecimal including, final VendTax tax) {
        final int digits = fractionDigits(outlet.market().currency());
        final BigDecimal gross;
        if (excluding != null) {
            if (!outlet.inclusive()) {
                gross = excluding;
            } else if (tax == null) {
                return null;
            } else {
                gross = excluding.multiply(BigDecimal.ONE.add(tax.rate()));
            }
        } else if (outlet.inclusive()) {
            gross = including;
        } else if (tax == null) {
            return null;
        } else {
            gross = including.divide(BigDecimal.ONE.add(tax.rate()), MathContext.DECIMAL64);
        }
        return new Amount(gross.setScale(digits, RoundingMode.HALF_EVEN).movePointRight(digits).longValueExact(), digits,
                outlet.inclusive());
    }

    static int fractionDigits(final String currency) {
        try {
            return Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            return 2; // an unknown code: the common case
        }
    }

    /** Market prices (when the source covers whole markets) and channel prices for the outlets that differ. */
    private static void collapse(final String bookId, final Map<OutletView, Priced> amounts, final boolean wholeMarket,
                                 final String groupKey, final Long from, final Long until, final List<Candidate> out) {
        final Map<Market, List<Map.Entry<OutletView, Priced>>> byMarket = new TreeMap<>();
        amounts.entrySet().forEach(e -> byMarket.computeIfAbsent(e.getKey().market(), m -> new ArrayList<>()).add(e));
        for (final Map.Entry<Market, List<Map.Entry<OutletView, Priced>>> market : byMarket.entrySet()) {
            Priced marketAmount = null;
            if (wholeMarket) {
                final Map<Priced, Integer> counts = new LinkedHashMap<>(); // outlets in id order: ties go to the lowest id
                market.getValue().forEach(e -> counts.merge(e.getValue(), 1, Integer::sum));
                int best = 0;
                for (final Map.Entry<Priced, Integer> count : counts.entrySet()) {
                    if (count.getValue() > best) {
                        best = count.getValue();
                        marketAmount = count.getKey();
                    }
                }
                out.add(candidate(bookId, market.getKey(), null, groupKey, from, until, marketAmount));
            }
            for (final Map.Entry<OutletView, Priced> outlet : market.getValue()) {
                if (!outlet.getValue().equals(marketAmount)) {
                    out.add(candidate(bookId, market.getKey(), outlet.getKey().channelKey(), groupKey, from, until, outlet.getValue()));
                }
            }
        }
    }

    private static Candidate candidate(final String bookId, final Market market, final String channelKey, final String groupKey,
                                       final Long from, final Long until, final Priced priced) {
        return new Candidate(bookId, market, channelKey, groupKey, from, until, priced.amount().cents(), priced.amount().digits(),
                priced.amount().included(), priced.tiers());
    }

    /** Live books with an entry for this product whose platform is enabled, by id. */
    private List<VendPriceBook> booksOf(final ProductPricing in, final PricingContext context) {
        final TreeMap<String, VendPriceBook> books = new TreeMap<>();
        for (final VendPriceBookEntry entry : in.bookPrices().entries().values()) {
            final VendPriceBook book = entry.deleted() ? null : context.books().get(entry.priceBookId());
            if (book != null && settings.platforms().contains(PriceBookPlatform.ofVendKey(book.platformKey()))) {
                books.put(book.id(), book);
            }
        }
        return List.copyOf(books.values());
    }

    private String groupKey(final VendPriceBook book, final PricingContext context, final Sources sources) {
        if (book.customerGroupId() == null) {
            return null;
        }
        sources.add(context.removedVersion("group", book.customerGroupId()), 0L);
        final VendCustomerGroup group = context.groups().get(book.customerGroupId());
        if (group != null) {
            sources.add(group.version(), group.tsMs());
            if (group.allCustomers()) {
                return null;
            }
        }
        return settings.customerGroupKeyPrefix() + book.customerGroupId();
    }

    /** The outlets a book prices: its own, or every live outlet in the retailer's currency (all when that is unknown). */
    static List<OutletView> covered(final VendPriceBook book, final List<OutletView> outlets, final PricingContext context) {
        if (book.outletId() != null) {
            return outlets.stream().filter(o -> o.id().equals(book.outletId())).toList();
        }
        final String currency = context.retailer() == null ? null : context.retailer().currency();
        return outlets.stream().filter(o -> currency == null || currency.equals(o.market().currency())).toList();
    }

    /** Drops duplicates and every price of a conflict, reporting each conflict once per scope. */
    private List<Candidate> settle(final List<Candidate> candidates, final PricedProduct product,
                                   final List<ValidationError> errors, final long timestampMs) {
        final Map<String, List<Candidate>> byScope = new LinkedHashMap<>();
        candidates.forEach(c -> byScope.computeIfAbsent(c.scope(), s -> new ArrayList<>()).add(c));
        final List<Candidate> kept = new ArrayList<>();
        for (final List<Candidate> scope : byScope.values()) {
            final boolean[] dropped = new boolean[scope.size()];
            final boolean[] conflicting = new boolean[scope.size()];
            final List<int[]> extended = new ArrayList<>(); // {untiered, tiered}: the same price for one unit, with breaks
            for (int i = 0; i < scope.size(); i++) {
                for (int j = i + 1; j < scope.size(); j++) {
                    final Candidate a = scope.get(i);
                    final Candidate b = scope.get(j);
                    if (!a.overlaps(b)) {
                        continue;
                    }
                    if (a.sameValue(b) && a.sameValidity(b)) {
                        dropped[j] = true;
                    } else if (a.sameBase(b) && a.sameValidity(b) && a.tiers().isEmpty() != b.tiers().isEmpty()) {
                        extended.add(a.tiers().isEmpty() ? new int[] {i, j} : new int[] {j, i});
                    } else if (!a.sameValue(b)) {
                        conflicting[i] = true;
                        conflicting[j] = true;
                    }
                }
            }
            // Only once the conflicts are known: a book of quantity breaks over the price for one unit it leaves as it is
            // replaces that price with itself (one price, with tiers), unless the book's price is itself in a conflict.
            for (final int[] pair : extended) {
                if (!conflicting[pair[1]]) {
                    dropped[pair[0]] = true;
                }
            }
            final TreeSet<String> sourceNames = new TreeSet<>();
            for (int i = 0; i < scope.size(); i++) {
                if (conflicting[i]) {
                    sourceNames.add(scope.get(i).sourceName());
                } else if (!dropped[i]) {
                    kept.add(scope.get(i));
                }
            }
            if (!sourceNames.isEmpty()) {
                final Candidate first = scope.get(0);
                final List<String> described = new ArrayList<>();
                for (int i = 0; i < scope.size(); i++) {
                    if (conflicting[i]) {
                        final Candidate c = scope.get(i);
                        described.add(c.source() + "=" + BigDecimal.valueOf(c.cents(), c.digits()).toPlainString()
                                + (c.dated() ? " valid " + c.from() + ".." + c.until() : ""));
                    }
                }
                errors.add(PriceErrors.of(ErrorCode.PRICE_CONFLICT, "price_book_products", settings.priceBookProductsTopic(),
                        product.id(), product.version(),
                        "Vend product " + product.id() + " has different prices for one scope (" + first.market()
                                + (first.channelKey() == null ? "" : ", channel " + first.channelKey())
                                + (first.groupKey() == null ? "" : ", customer group " + first.groupKey())
                                + ") over overlapping validity: " + described + "; none of them is written",
                        List.copyOf(sourceNames),
                        "Remove the product from all but one of these price books " + sourceNames
                                + ", give them the same price, or make their valid_from/valid_to windows not overlap.",
                        described, timestampMs));
            }
        }
        return kept;
    }

    private void reportMissingPrices(final PricedProduct product, final List<OutletView> outlets, final List<Candidate> prices,
                                     final Map<String, String> missingTaxes, final List<ValidationError> errors,
                                     final long timestampMs) {
        final TreeSet<Market> markets = new TreeSet<>(settings.markets());
        if (markets.isEmpty()) {
            outlets.forEach(o -> markets.add(o.market()));
        }
        for (final Market market : markets) {
            final boolean priced = prices.stream().anyMatch(p -> p.market().equals(market) && p.channelKey() == null
                    && p.groupKey() == null && !p.dated());
            if (priced) {
                continue;
            }
            final List<String> marketOutlets = outlets.stream().filter(o -> o.market().equals(market)).map(OutletView::id).toList();
            final String why;
            final String fix;
            if (marketOutlets.isEmpty()) {
                why = "no live outlet sells in " + market;
                fix = "Open an outlet in " + market + " in Vend, or remove " + market + " from prices.markets.";
            } else if (product.priceExcludingTax() == null && product.priceIncludingTax() == null) {
                why = "the product has no price in Vend";
                fix = "Give the product a price in Vend.";
            } else if (marketOutlets.stream().anyMatch(missingTaxes::containsKey)) {
                why = "its tax at the market's outlets is unknown (see TAX_CATEGORY_MISSING)";
                fix = "Give the product a tax at outlets " + marketOutlets + " in Vend.";
            } else {
                why = "its price there conflicts (see PRICE_CONFLICT)";
                fix = "Resolve the price conflict of the product in Vend.";
            }
            errors.add(PriceErrors.of(ErrorCode.PRICE_MISSING, "products", settings.productsTopic(), product.id(),
                    product.version(), "Vend product " + product.id() + " has no price for " + market + ": " + why,
                    marketOutlets, fix, product, timestampMs));
        }
    }

    private static ScopedPrice scoped(final Candidate c) {
        return ScopedPrice.newBuilder()
                .setPriceKey(PriceKeys.of(c.bookId(), c.market(), c.channelKey()))
                .setCurrency(c.market().currency())
                .setCentAmount(c.cents())
                .setFractionDigits(c.digits())
                .setCountry(c.market().country())
                .setChannelKey(c.channelKey())
                .setCustomerGroupKey(c.groupKey())
                .setValidFromMs(c.from())
                .setValidUntilMs(c.until())
                .setTaxIncluded(c.included())
                .setSource(c.source())
                .setTiers(c.tiers().stream().map(t -> PriceTier.newBuilder().setMinimumQuantity(t.minimumQuantity())
                        .setCentAmount(t.cents()).build()).toList())
                .build();
    }
}
