package io.vendsync.mapper.prices;

import static io.vendsync.mapper.prices.PriceDriver.price;
import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.mapper.MapperConfig;
import io.vendsync.mapper.internals.ContextJoin;
import io.vendsync.schemas.canonical.v1.ScopedPrice;
import io.vendsync.schemas.canonical.v1.TaxCategory;
import io.vendsync.schemas.canonical.v1.TaxRate;
import io.vendsync.schemas.canonical.v1.ValidationError;
import io.vendsync.schemas.canonical.v1.VariantPrices;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #4, prices and taxes: one test per rule of the price mapper, each named after it. */
class PriceMappingTopologyTest {

    private static final String RETAILER = "retailer-1";
    private static final String GST = "tax-gst";
    private static final String GST_LOW = "tax-gst-low";
    private static final String AU_GST = "tax-au-gst";
    private static final String NZ1 = "outlet-nz1";
    private static final String NZ2 = "outlet-nz2";
    private static final String NZ3 = "outlet-nz3";
    private static final String AU1 = "outlet-au1";
    private static final String P = "prod-p";
    private static final String Q = "prod-q";
    private static final String SKU_P = "SKU-P";
    private static final String SKU_Q = "SKU-Q";
    private static final String ALL = "group-all";
    private static final String VIP = "group-vip";

    @TempDir
    Path stateDir;

    private PriceDriver prices;

    @AfterEach
    void close() {
        if (prices != null) {
            prices.close();
        }
    }

    /** A tax-inclusive NZ store: retailer, 15 % GST (rates 0.10 + 0.05), one inclusive outlet, the two groups. */
    private PriceDriver nzStore(final Map<String, String> settings) {
        prices = new PriceDriver(stateDir, settings);
        prices.retailer(RETAILER, false, "NZD", "NZ");
        prices.tax(GST, "GST", "0.10", "0.05");
        prices.group(ALL, "All Customers", "1111111111");
        prices.group(VIP, "VIP", "0000004711");
        prices.outlet(NZ1, "NZD", "NZ", "inclusive", GST);
        return prices;
    }

    private PriceDriver nzStore() {
        return nzStore(Map.of());
    }

    private void productP(final String priceExcludingTax) {
        prices.product(P, priceExcludingTax);
        prices.resolution(P, SKU_P, null);
    }

    /** The NZ store with a second outlet whose own price book prices P, all published and read. */
    private void productPWithABookAtNz2() {
        nzStore();
        prices.outlet(NZ2, "NZD", "NZ", "inclusive", GST);
        prices.book("book-store", ALL, NZ2, null, null, "0");
        productP("100.00");
        prices.bookEntry("entry-store", "book-store", P, "90.00");
        prices.prices();
    }

    private List<ValidationError> errors(final String code) {
        return prices.errors().stream().map(kv -> kv.value).filter(e -> e.getCode().equals(code)).toList();
    }

    @Test
    void shouldPriceRetailTaxInclusiveFromThePriceExcludingTaxInTheOutletsMarket() {
        nzStore();
        productP("34.78261"); // Vend's own example: 34.78261 x 1.15 = 40.0000015

        final VariantPrices record = prices.latestPrices().get(SKU_P);
        assertThat(record.getVendProductId()).isEqualTo(P);
        assertThat(record.getPrices()).singleElement().satisfies(p -> {
            assertThat(p.getPriceKey()).isEqualTo("retail-NZD-NZ");
            assertThat(p.getCurrency()).isEqualTo("NZD");
            assertThat(p.getCountry()).isEqualTo("NZ");
            assertThat(p.getCentAmount()).isEqualTo(4000L);
            assertThat(p.getFractionDigits()).isEqualTo(2);
            assertThat(p.getTaxIncluded()).isTrue();
            assertThat(p.getChannelKey()).isNull();
            assertThat(p.getCustomerGroupKey()).isNull();
            assertThat(p.getValidFromMs()).isNull();
            assertThat(p.getSource()).isEqualTo("retail");
        });
        assertThat(prices.errors()).isEmpty();
    }

    @Test
    void shouldRoundTheTaxInclusiveAmountHalfEvenToTheCurrencysMinorUnit() {
        nzStore();
        prices.tax("tax-12-5", "12.5", "0.125");
        prices.outletTax(P, NZ1, "tax-12-5");
        productP("1.00"); // 1.125 -> 1.12 half-even (half-up would give 1.13)

        assertThat(price(prices.latestPrices().get(SKU_P), "retail-NZD-NZ").getCentAmount()).isEqualTo(112L);
    }

    @Test
    void shouldFallBackToTheStoresDefaultTaxWhenNeitherAnOutletTaxNorTheOutletNamesOne() {
        prices = new PriceDriver(stateDir, Map.of());
        prices.retailer(RETAILER, false, "NZD", "NZ");
        prices.defaultTax(GST, "GST", "0.15");
        prices.outlet(NZ1, "NZD", "NZ", "inclusive", null);
        productP("100.00");

        assertThat(price(prices.latestPrices().get(SKU_P), "retail-NZD-NZ").getCentAmount()).isEqualTo(11500L);
        assertThat(prices.taxCategories().get("vend-tax-" + GST).getRates()).extracting(TaxRate::getCountry).containsExactly("NZ");
        assertThat(prices.errors()).isEmpty();
    }

    @Test
    void shouldPriceTaxExclusiveOutletsWithoutTax() {
        prices = new PriceDriver(stateDir, Map.of());
        prices.retailer(RETAILER, true, "NZD", "NZ");
        prices.tax(GST, "GST", "0.15");
        prices.outlet(NZ1, "NZD", "NZ", "exclusive", GST);
        productP("34.78261");

        final ScopedPrice retail = price(prices.latestPrices().get(SKU_P), "retail-NZD-NZ");
        assertThat(retail.getCentAmount()).isEqualTo(3478L);
        assertThat(retail.getTaxIncluded()).isFalse();
    }

    @Test
    void shouldAddAChannelPriceForAnOutletWhosePriceDiffersFromItsMarket() {
        nzStore();
        prices.tax(GST_LOW, "GST low", "0.10");
        prices.outlet(NZ2, "NZD", "NZ", "inclusive", GST);
        prices.outlet(NZ3, "NZD", "NZ", "inclusive", GST);
        prices.channelOverride(NZ3, "akl-queen-st");
        prices.outletTax(P, NZ3, GST_LOW);
        productP("100.00");

        final VariantPrices record = prices.latestPrices().get(SKU_P);
        assertThat(record.getPrices()).extracting(ScopedPrice::getPriceKey)
                .containsExactly("retail-NZD-NZ", "retail-NZD-NZ-ch-akl-queen-st");
        assertThat(price(record, "retail-NZD-NZ").getCentAmount()).isEqualTo(11500L);
        final ScopedPrice store = price(record, "retail-NZD-NZ-ch-akl-queen-st");
        assertThat(store.getCentAmount()).isEqualTo(11000L);
        assertThat(store.getChannelKey()).isEqualTo("akl-queen-st");
        assertThat(store.getCountry()).isEqualTo("NZ");
    }

    @Test
    void shouldPriceEachMarketInItsOwnCurrencyAndCountry() {
        nzStore();
        prices.tax(AU_GST, "AU GST", "0.10");
        prices.outlet(AU1, "AUD", "AU", "inclusive", AU_GST);
        productP("10.00");

        final VariantPrices record = prices.latestPrices().get(SKU_P);
        assertThat(price(record, "retail-NZD-NZ").getCentAmount()).isEqualTo(1150L);
        final ScopedPrice au = price(record, "retail-AUD-AU");
        assertThat(au.getCurrency()).isEqualTo("AUD");
        assertThat(au.getCountry()).isEqualTo("AU");
        assertThat(au.getCentAmount()).isEqualTo(1100L);
    }

    @Test
    void shouldMapPriceBooksToCustomerGroupChannelAndValidityScopes() {
        nzStore();
        prices.outlet(NZ2, "NZD", "NZ", "inclusive", GST);
        productP("100.00");
        prices.book("book-vip", VIP, null, "2025-01-01T00:00:00+00:00", "2025-01-31", "0");
        prices.bookEntry("entry-vip", "book-vip", P, "80.00");
        prices.book("book-store", ALL, NZ2, null, null, "2");
        prices.bookEntry("entry-store", "book-store", P, "90.00");

        final VariantPrices record = prices.latestPrices().get(SKU_P);
        final ScopedPrice vip = price(record, "pb-book-vip-NZD-NZ");
        assertThat(vip.getCustomerGroupKey()).isEqualTo("vend-group-" + VIP);
        assertThat(vip.getChannelKey()).isNull();
        assertThat(vip.getCentAmount()).isEqualTo(9200L);
        assertThat(vip.getValidFromMs()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z").toEpochMilli());
        // A bare valid_to date keeps that whole day: validUntil is the start of the next day.
        assertThat(vip.getValidUntilMs()).isEqualTo(Instant.parse("2025-02-01T00:00:00Z").toEpochMilli());
        assertThat(vip.getSource()).isEqualTo("price_book:book-vip");
        final ScopedPrice store = price(record, "pb-book-store-NZD-NZ-ch-vend-outlet-" + NZ2);
        assertThat(store.getCustomerGroupKey()).as("All Customers is no customer group").isNull();
        assertThat(store.getChannelKey()).isEqualTo("vend-outlet-" + NZ2);
        assertThat(store.getCentAmount()).isEqualTo(10350L);
        assertThat(record.getPrices()).extracting(ScopedPrice::getPriceKey).doesNotHaveDuplicates();
    }

    @Test
    void shouldPublishAPriceBooksQuantityBreaksAsTiersOfItsPriceForOneUnit() {
        nzStore();
        productP("100.00");
        prices.book("book-vip", VIP, null, null, null, "0");
        prices.bookEntry("entry-vip", "book-vip", P, "80.00");
        prices.bookEntry("entry-vip-10", "book-vip", P, "70.00", "10");
        prices.bookEntry("entry-vip-50", "book-vip", P, "60.00", "50");

        final ScopedPrice vip = price(prices.latestPrices().get(SKU_P), "pb-book-vip-NZD-NZ");
        // 80.00 for one unit (92.00 with 15 % GST), not the price from 50 units on.
        assertThat(vip.getCentAmount()).isEqualTo(9200L);
        assertThat(vip.getTiers()).extracting(t -> t.getMinimumQuantity() + "@" + t.getCentAmount())
                .containsExactly("10@8050", "50@6900");
        assertThat(errors("PRICE_CONFLICT")).isEmpty();
    }

    @Test
    void shouldExtendTheRetailPriceWithABookThatHasOnlyQuantityBreaksForEveryone() {
        nzStore();
        productP("100.00");
        prices.book("book-bulk", ALL, null, null, null, "0");
        prices.bookEntry("entry-bulk-12", "book-bulk", P, "85.00", "12");

        // Before, the break's price was everyone's price for one unit (a conflict with the retail price, or worse).
        final VariantPrices record = prices.latestPrices().get(SKU_P);
        assertThat(record.getPrices()).singleElement().satisfies(price -> {
            assertThat(price.getCentAmount()).isEqualTo(11500L);
            assertThat(price.getCustomerGroupKey()).isNull();
            assertThat(price.getTiers()).extracting(t -> t.getMinimumQuantity() + "@" + t.getCentAmount()).containsExactly("12@9775");
        });
        assertThat(errors("PRICE_CONFLICT")).isEmpty();
        assertThat(errors("PRICE_MISSING")).isEmpty();
    }

    @Test
    void shouldEndABoundedRangeWhereVendEndsItWithThePriceThatAppliesAfterIt() {
        nzStore();
        productP("100.00");
        prices.book("book-vip", VIP, null, null, null, "0");
        prices.bookEntry("entry-vip", "book-vip", P, "80.00", null, "49"); // 1-49 units
        prices.bookEntry("entry-vip-10", "book-vip", P, "70.00", "10", "19"); // 10-19 units
        prices.bookEntry("entry-vip-20", "book-vip", P, "65.00", "20", "29"); // 20-29 units

        // From 30 the book's price for one unit applies again (its range runs to 49); from 50 the retail price.
        final ScopedPrice vip = price(prices.latestPrices().get(SKU_P), "pb-book-vip-NZD-NZ");
        assertThat(vip.getCentAmount()).isEqualTo(9200L);
        assertThat(vip.getTiers()).extracting(t -> t.getMinimumQuantity() + "@" + t.getCentAmount())
                .containsExactly("10@8050", "20@7475", "30@9200", "50@11500");
    }

    @Test
    void shouldReportABookOfQuantityBreaksOnlyWhenTheProductHasNoPriceForOneUnitToExtend() {
        nzStore();
        productP(null);
        prices.book("book-all", ALL, null, null, null, "0");
        prices.bookEntry("entry-all", "book-all", P, "100.00"); // everyone's price for one unit: the market is priced
        prices.book("book-vip", VIP, null, null, null, "0");
        prices.bookEntry("entry-vip-10", "book-vip", P, "70.00", "10");
        prices.book("book-gone", ALL, "outlet-closed", null, null, "0"); // an outlet no longer live: it prices nothing
        prices.bookEntry("entry-gone-10", "book-gone", P, "60.00", "10");

        // Before, the VIP book was left out without a word: its breaks had no price for one unit to extend.
        assertThat(prices.latestPrices().get(SKU_P).getPrices()).extracting(ScopedPrice::getPriceKey)
                .containsExactly("pb-book-all-NZD-NZ");
        assertThat(errors("PRICE_MISSING")).singleElement().satisfies(e -> {
            assertThat(e.getCandidates()).containsExactly("book-vip");
            assertThat(e.getReason()).contains("only quantity breaks", "10 units");
        });
    }

    @Test
    void shouldKeepTheRetailPriceWhenTwoBooksOfQuantityBreaksOnlyConflict() {
        nzStore();
        productP("100.00");
        prices.book("book-bulk-a", ALL, null, null, null, "0");
        prices.bookEntry("entry-a-12", "book-bulk-a", P, "85.00", "12");
        prices.book("book-bulk-b", ALL, null, null, null, "0");
        prices.bookEntry("entry-b-12", "book-bulk-b", P, "80.00", "12");

        // The two books' breaks conflict and are left out; the price for one unit is not theirs to take away.
        assertThat(prices.latestPrices().get(SKU_P).getPrices()).singleElement().satisfies(price -> {
            assertThat(price.getPriceKey()).isEqualTo("retail-NZD-NZ");
            assertThat(price.getTiers()).isEmpty();
        });
        assertThat(errors("PRICE_CONFLICT")).last().satisfies(e -> assertThat(e.getCandidates()).containsExactly("book-bulk-a", "book-bulk-b"));
        assertThat(errors("PRICE_MISSING")).isEmpty();
    }

    @Test
    void shouldReportTwoPricesFromOneQuantityInOneBookAndWriteNoneOfTheBooksPrices() {
        nzStore();
        productP("100.00");
        prices.book("book-vip", VIP, null, null, null, "0");
        prices.bookEntry("entry-vip", "book-vip", P, "80.00");
        prices.bookEntry("entry-vip-10a", "book-vip", P, "70.00", "10");
        prices.bookEntry("entry-vip-10b", "book-vip", P, "65.00", "9.5"); // rounded up: also from 10 units

        assertThat(prices.latestPrices().get(SKU_P).getPrices()).extracting(ScopedPrice::getPriceKey).containsExactly("retail-NZD-NZ");
        assertThat(errors("PRICE_CONFLICT")).last().satisfies(e -> {
            assertThat(e.getCandidates()).containsExactly("book-vip");
            assertThat(e.getReason()).contains("10 units", "entry-vip-10a", "entry-vip-10b");
        });
    }

    @Test
    void shouldReportAQuantityRangeThatIsNoRangeAsPayloadInvalid() {
        nzStore();
        productP("100.00");
        prices.book("book-vip", VIP, null, null, null, "0");
        prices.bookEntry("entry-neg", "book-vip", P, "70.00", "-2");
        prices.bookEntry("entry-huge", "book-vip", P, "70.00", "1e30"); // no commercetools tier starts there

        assertThat(errors("PAYLOAD_INVALID")).extracting(ValidationError::getSourceKey).containsExactly("entry-neg", "entry-huge");
        assertThat(errors("PAYLOAD_INVALID")).allSatisfy(e -> assertThat(e.getReason()).contains("min_units"));
    }

    @Test
    void shouldLeaveOutInStoreOnlyPriceBooksByDefault() {
        nzStore();
        productP("100.00");
        prices.book("book-pos", VIP, null, null, null, "1");
        prices.bookEntry("entry-pos", "book-pos", P, "80.00");

        assertThat(prices.latestPrices().get(SKU_P).getPrices()).extracting(ScopedPrice::getPriceKey).containsExactly("retail-NZD-NZ");
    }

    @Test
    void shouldWriteInStoreOnlyPriceBooksWhenThePlatformSettingIncludesThem() {
        nzStore(Map.of(MapperConfig.PRICES_PRICE_BOOK_PLATFORMS, "all,in-store,ecommerce"));
        productP("100.00");
        prices.book("book-pos", VIP, null, null, null, "1");
        prices.bookEntry("entry-pos", "book-pos", P, "80.00");

        assertThat(prices.latestPrices().get(SKU_P).getPrices()).extracting(ScopedPrice::getPriceKey)
                .containsExactly("pb-book-pos-NZD-NZ", "retail-NZD-NZ");
    }

    @Test
    void shouldReportConflictingPriceBooksWithBothCandidatesAndLeaveTheScopeOut() {
        nzStore();
        productP("100.00");
        prices.book("book-a", VIP, null, "2025-01-01", "2025-01-31", "0");
        prices.book("book-b", VIP, null, "2025-01-15", "2025-02-15", "0");
        prices.bookEntry("entry-a", "book-a", P, "80.00");
        prices.bookEntry("entry-b", "book-b", P, "70.00");

        final VariantPrices record = prices.latestPrices().get(SKU_P);
        assertThat(record.getPrices()).extracting(ScopedPrice::getPriceKey).containsExactly("retail-NZD-NZ");
        final List<ValidationError> conflicts = errors("PRICE_CONFLICT");
        assertThat(conflicts).last().satisfies(e -> {
            assertThat(e.getCandidates()).containsExactly("book-a", "book-b");
            assertThat(e.getSourceKey()).isEqualTo(P);
            assertThat(e.getReason()).contains("NZD-NZ", "vend-group-" + VIP);
            assertThat(e.getSuggestedFix()).contains("book-a", "book-b");
        });
    }

    @Test
    void shouldReportAPriceBookConflictingWithTheRetailPriceOverTheSameUndatedScope() {
        nzStore();
        productP("100.00");
        prices.book("book-base", ALL, null, null, null, "0");
        prices.bookEntry("entry-base", "book-base", P, "95.00");

        assertThat(prices.latestPrices().get(SKU_P).getPrices()).isEmpty();
        assertThat(errors("PRICE_CONFLICT")).last().satisfies(e -> assertThat(e.getCandidates()).containsExactly("book-base", "retail"));
    }

    @Test
    void shouldKeepBothPricesOfOneScopeWhenTheirValidityDoesNotOverlap() {
        nzStore();
        productP("100.00");
        prices.book("book-jan", VIP, null, "2025-01-01", "2025-01-31", "0");
        prices.book("book-feb", VIP, null, "2025-02-01", "2025-02-28", "0");
        prices.bookEntry("entry-jan", "book-jan", P, "80.00");
        prices.bookEntry("entry-feb", "book-feb", P, "70.00");
        // A dated sale price next to the undated retail price is how a promotion works: no conflict either.
        prices.book("book-sale", ALL, null, "2025-03-01", null, "0");
        prices.bookEntry("entry-sale", "book-sale", P, "50.00");

        assertThat(prices.latestPrices().get(SKU_P).getPrices()).extracting(ScopedPrice::getPriceKey)
                .containsExactly("pb-book-feb-NZD-NZ", "pb-book-jan-NZD-NZ", "pb-book-sale-NZD-NZ", "retail-NZD-NZ");
        assertThat(errors("PRICE_CONFLICT")).isEmpty();
    }

    @Test
    void shouldReportPriceMissingForAConfiguredMarketWithoutAPrice() {
        nzStore(Map.of(MapperConfig.PRICES_MARKETS, "NZD-NZ,NZD-AU"));
        productP("100.00");

        final List<ValidationError> missing = errors("PRICE_MISSING");
        assertThat(missing).singleElement().satisfies(e -> {
            assertThat(e.getSourceKey()).isEqualTo(P);
            assertThat(e.getReason()).contains("NZD-AU", "no live outlet");
            assertThat(e.getSuggestedFix()).isNotBlank();
        });
        assertThat(prices.latestPrices().get(SKU_P).getPrices()).extracting(ScopedPrice::getPriceKey).containsExactly("retail-NZD-NZ");
    }

    @Test
    void shouldReportPriceMissingForALiveOutletsMarketWhenTheProductHasNoPrice() {
        nzStore();
        productP(null);

        assertThat(errors("PRICE_MISSING")).singleElement().satisfies(e -> {
            assertThat(e.getReason()).contains("NZD-NZ", "no price in Vend");
            assertThat(e.getCandidates()).containsExactly(NZ1);
        });
    }

    @Test
    void shouldReportAConfiguredMarketWhoseCurrencyNoLiveOutletUses() {
        nzStore(Map.of(MapperConfig.PRICES_MARKETS, "NZD-NZ,AUD-AU"));

        assertThat(errors("PRICE_CURRENCY_UNUSED")).last().satisfies(e -> {
            assertThat(e.getSourceKey()).isEqualTo("AUD-AU");
            assertThat(e.getCandidates()).containsExactly("NZD");
            assertThat(e.getSuggestedFix()).contains("prices.markets");
        });
    }

    @Test
    void shouldReportAPriceBookWhoseCurrencyNoLiveOutletUses() {
        prices = new PriceDriver(stateDir, Map.of());
        prices.retailer(RETAILER, false, "USD", "US");
        prices.tax(GST, "GST", "0.15");
        prices.outlet(NZ1, "NZD", "NZ", "inclusive", GST);
        prices.book("book-usd", null, null, null, null, "0");
        prices.product(P, "100.00");
        prices.resolution(P, SKU_P, null);
        prices.bookEntry("entry-usd", "book-usd", P, "80.00");

        assertThat(errors("PRICE_CURRENCY_UNUSED")).last().satisfies(e -> {
            assertThat(e.getSourceKey()).isEqualTo("book-usd");
            assertThat(e.getReason()).contains("USD");
        });
        assertThat(prices.latestPrices().get(SKU_P).getPrices()).extracting(ScopedPrice::getPriceKey).containsExactly("retail-NZD-NZ");
    }

    @Test
    void shouldReportTaxCategoryMissingForAProductTaxedWithAnUnknownTax() {
        nzStore();
        prices.outletTax(P, NZ1, "tax-unknown");
        productP("100.00");
        prices.waitOutMissingReferences(); // a tax that never comes

        assertThat(errors("TAX_CATEGORY_MISSING")).last().satisfies(e -> {
            assertThat(e.getSourceKey()).isEqualTo(P);
            assertThat(e.getCandidates()).containsExactly("tax-unknown");
            assertThat(e.getReason()).contains(NZ1);
        });
        // No rate, no tax-inclusive amount: the market has no price, and says why.
        assertThat(prices.latestPrices().get(SKU_P).getPrices()).isEmpty();
    }

    @Test
    void shouldNotPriceAProductWithoutATaxThatArrivesWithinTheWait() {
        nzStore();
        prices.outletTax(P, NZ1, "tax-later");
        productP("100.00");
        assertThat(prices.prices()).as("the tax is on its way: nothing is priced without it").isEmpty();

        prices.tax("tax-later", "Later", "0.10");

        assertThat(prices.prices()).singleElement().satisfies(kv -> assertThat(price(kv.value, "retail-NZD-NZ").getCentAmount())
                .isEqualTo(11000L));
        assertThat(errors("TAX_CATEGORY_MISSING")).isEmpty();
        assertThat(errors("PRICE_MISSING")).isEmpty();
    }

    @Test
    void shouldNotPublishAProductsPricesWithoutTheBookItsNewEntryRefersTo() {
        nzStore();
        productP("100.00");
        prices.prices();
        prices.bookEntry("entry-vip", "book-later", P, "80.00");
        assertThat(prices.prices()).as("the entry's book is on its way: its prices are not published without it").isEmpty();

        prices.book("book-later", VIP, null, null, null, "0");

        assertThat(prices.prices()).singleElement().satisfies(kv -> assertThat(kv.value.getPrices())
                .extracting(ScopedPrice::getPriceKey).contains("retail-NZD-NZ", "pb-book-later-NZD-NZ"));
        assertThat(errors("PRICE_BOOK_UNKNOWN")).isEmpty();
    }

    @Test
    void shouldPriceAProductWhoseBookNeverArrivesAfterTheLongestWait() {
        nzStore();
        productP("100.00");
        prices.prices();
        prices.bookEntry("entry-vip", "book-never", P, "80.00");
        prices.prices();

        prices.waitOutMissingReferences();

        assertThat(prices.prices()).as("priced as it is, the unknown book's entry left out").singleElement()
                .satisfies(kv -> assertThat(kv.value.getPrices()).extracting(ScopedPrice::getPriceKey).containsExactly("retail-NZD-NZ"));
        assertThat(errors("PRICE_BOOK_UNKNOWN")).as("and said so").singleElement().satisfies(e -> {
            assertThat(e.getSourceKey()).isEqualTo(P);
            assertThat(e.getCandidates()).containsExactly("book-never");
        });
    }

    @Test
    void shouldMapAVendTaxToATaxCategoryWithARatePerCountryWhereLiveOutletsUseIt() {
        nzStore();
        prices.outlet(AU1, "AUD", "AU", "exclusive", AU_GST);
        prices.outletTax(P, AU1, GST); // GST is also used in AU, through this product
        prices.outlet("outlet-unused", "USD", "US", "inclusive", AU_GST);

        final TaxCategory gst = prices.taxCategories().get("vend-tax-" + GST);
        assertThat(gst.getVendTaxId()).isEqualTo(GST);
        assertThat(gst.getName()).isEqualTo("GST");
        assertThat(gst.getDeleted()).isFalse();
        assertThat(gst.getRates()).extracting(TaxRate::getCountry, TaxRate::getAmount, TaxRate::getIncludedInPrice)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("AU", 0.15, false),
                        org.assertj.core.groups.Tuple.tuple("NZ", 0.15, true));
    }

    @Test
    void shouldNeverPublishATaxCategoryBelowTheVersionItWasLastPublishedAtWhenAnOutletStopsUsingTheTax() {
        nzStore();
        prices.outlet(AU1, "AUD", "AU", "exclusive", GST); // a newer outlet using GST too
        final TaxCategory both = prices.taxCategories().get("vend-tax-" + GST);
        assertThat(both.getRates()).extracting(TaxRate::getCountry).containsExactly("AU", "NZ");

        prices.tax(AU_GST, "AU GST", "0.10");
        prices.outlet(AU1, "AUD", "AU", "exclusive", AU_GST); // AU1 leaves GST: GST's inputs are back to older versions

        final TaxCategory nzOnly = prices.taxCategories().get("vend-tax-" + GST);
        assertThat(nzOnly.getRates()).extracting(TaxRate::getCountry).containsExactly("NZ");
        assertThat(nzOnly.getSourceVersion()).as("published at the last version, not below it: the sink would skip it")
                .isEqualTo(both.getSourceVersion());
    }

    @Test
    void shouldReportTaxDisplayConflictAndWriteTheMajoritysRule() {
        nzStore();
        prices.outlet(NZ2, "NZD", "NZ", "inclusive", GST);
        prices.outlet(NZ3, "NZD", "NZ", "exclusive", GST);

        assertThat(prices.taxCategories().get("vend-tax-" + GST).getRates()).singleElement()
                .satisfies(rate -> assertThat(rate.getIncludedInPrice()).isTrue());
        assertThat(errors("TAX_DISPLAY_CONFLICT")).last().satisfies(e -> {
            assertThat(e.getSourceKey()).isEqualTo(GST);
            assertThat(e.getCandidates()).containsExactly(NZ1, NZ2, NZ3);
        });
    }

    @Test
    void shouldPublishADeletedTaxAsADeletedTaxCategory() {
        nzStore();
        prices.deleteTax(GST, "GST");

        final TaxCategory gst = prices.taxCategories().get("vend-tax-" + GST);
        assertThat(gst.getDeleted()).isTrue();
        assertThat(gst.getRates()).isEmpty();
    }

    @Test
    void shouldReemitOnlyTheAffectedSkusWhenAPriceBooksValidityChanges() {
        nzStore();
        productP("100.00");
        prices.product(Q, "50.00");
        prices.resolution(Q, SKU_Q, null);
        prices.book("book-vip", VIP, null, "2025-01-01", "2025-01-31", "0");
        prices.bookEntry("entry-vip", "book-vip", P, "80.00");
        prices.prices();

        prices.book("book-vip", VIP, null, "2025-01-01", "2025-02-28", "0");

        final List<KeyValue<String, VariantPrices>> emitted = prices.prices();
        assertThat(emitted).extracting(kv -> kv.key).containsExactly(SKU_P);
        final ScopedPrice vip = price(emitted.get(0).value, "pb-book-vip-NZD-NZ");
        assertThat(vip.getValidUntilMs()).isEqualTo(Instant.parse("2025-03-01T00:00:00Z").toEpochMilli());
    }

    @Test
    void shouldRaiseTheSourceVersionWhenAProductLeavesAPriceBook() {
        nzStore();
        productP("100.00");
        prices.book("book-vip", VIP, null, null, null, "0");
        prices.bookEntry("entry-vip", "book-vip", P, "80.00");
        final VariantPrices before = prices.latestPrices().get(SKU_P);

        prices.deleteBookEntry("entry-vip", "book-vip", P);

        final VariantPrices after = prices.latestPrices().get(SKU_P);
        assertThat(after.getPrices()).extracting(ScopedPrice::getPriceKey).containsExactly("retail-NZD-NZ");
        // Versions order records: the one without the entry must supersede the one with it.
        assertThat(after.getSourceVersion()).isGreaterThan(before.getSourceVersion());
    }

    @Test
    void shouldYieldEqualRecordsWhenTheSameInputsAreReplayed() {
        final List<KeyValue<String, VariantPrices>> first = runStore(stateDir.resolve("first"));
        final Map<String, TaxCategory> firstTaxes = prices.taxCategories();
        final List<KeyValue<String, ValidationError>> firstErrors = prices.errors();
        prices.close();
        final List<KeyValue<String, VariantPrices>> second = runStore(stateDir.resolve("second"));

        assertThat(second).isEqualTo(first);
        assertThat(prices.taxCategories()).isEqualTo(firstTaxes);
        assertThat(prices.errors()).isEqualTo(firstErrors);
        assertThat(first).isNotEmpty();
    }

    private List<KeyValue<String, VariantPrices>> runStore(final Path dir) {
        prices = new PriceDriver(dir, Map.of());
        prices.retailer(RETAILER, false, "NZD", "NZ");
        prices.tax(GST, "GST", "0.15");
        prices.group(VIP, "VIP", "0000004711");
        prices.outlet(NZ1, "NZD", "NZ", "inclusive", GST);
        prices.product(P, "100.00");
        prices.resolution(P, SKU_P, null);
        prices.book("book-vip", VIP, null, "2025-01-01", null, "0");
        prices.bookEntry("entry-vip", "book-vip", P, "80.00");
        prices.outletTax(P, NZ1, "tax-unknown");
        prices.waitOutMissingReferences();
        return prices.prices();
    }

    @Test
    void shouldChangeNothingWhenAnOlderOrDuplicateVendVersionArrives() {
        nzStore();
        productP("100.00");
        prices.prices();
        final String older = "{\"id\":\"" + P + "\",\"sku\":\"SKU-P\",\"price_excluding_tax\":1.00,\"version\":5}";
        prices.pipeRaw("products", P, PriceDriver.change(io.vendsync.schemas.raw.Op.u, "products", older, 5, 1L));

        assertThat(prices.prices()).isEmpty();
    }

    @Test
    void shouldNotPriceAProductWhoseSkuResolutionHasAConflict() {
        nzStore();
        prices.product(P, "100.00");
        prices.resolution(P, SKU_P, "SKU_DUPLICATE");
        prices.product(Q, "100.00");

        assertThat(prices.latestPrices()).isEmpty();
        assertThat(prices.errors()).isEmpty();
    }

    @Test
    void shouldNotPriceAProductVendMarksInactiveForItGetsNoVariant() {
        nzStore();
        prices.product(P, "100.00");
        prices.inactive(P, SKU_P, 2L);
        prices.product(Q, "100.00");

        assertThat(prices.latestPrices()).as("a price would wait on the retry tiers for a variant that never comes").isEmpty();
        assertThat(prices.errors()).isEmpty();
    }

    @Test
    void shouldReportAPriceBookWithValidToBeforeValidFromAsPayloadInvalid() {
        nzStore();
        prices.book("book-bad", VIP, null, "2025-02-01", "2025-01-01", "0");

        assertThat(errors("PAYLOAD_INVALID")).singleElement().satisfies(e -> {
            assertThat(e.getSourceKey()).isEqualTo("book-bad");
            assertThat(e.getReason()).contains("valid_to");
        });
    }

    @Test
    void shouldReportAnUnreadableOutletOnlyWhenTheInventoryMapperCanReadIt() {
        nzStore();
        // No currency: readable for stock, not for prices, so only this mapper reports it.
        prices.pipeRaw("outlets", "outlet-x", PriceDriver.change(io.vendsync.schemas.raw.Op.u, "outlets",
                "{\"id\":\"outlet-x\",\"name\":\"X\",\"version\":7}", 7, 1L));
        // Not JSON: the identity topology reports it already.
        prices.pipeRaw("outlets", "outlet-y", PriceDriver.change(io.vendsync.schemas.raw.Op.u, "outlets", "not json", 8, 1L));

        assertThat(errors("PAYLOAD_INVALID")).singleElement().satisfies(e -> {
            assertThat(e.getSourceKey()).isEqualTo("outlet-x");
            assertThat(e.getReason()).contains("currency");
        });
    }

    @Test
    void shouldRepriceWhenTheOutletsChannelOverrideChanges() {
        productPWithABookAtNz2();

        prices.channelOverride(NZ2, "wellington");

        assertThat(prices.latestPrices().get(SKU_P).getPrices()).extracting(ScopedPrice::getChannelKey)
                .containsExactlyInAnyOrder(null, "wellington");
    }

    @Test
    void shouldPriceAProductThatArrivedBeforeTheStoresContextOnceTheContextArrives() {
        prices = new PriceDriver(stateDir, Map.of());
        productP("100.00");
        assertThat(prices.prices()).isEmpty();

        prices.retailer(RETAILER, false, "NZD", "NZ");
        prices.tax(GST, "GST", "0.10", "0.05");
        prices.group(ALL, "All Customers", "1111111111");
        prices.outlet(NZ1, "NZD", "NZ", "inclusive", GST);

        assertThat(prices.latestPrices()).containsOnlyKeys(SKU_P);
    }

    @Test
    void shouldPriceOnlyUnderTheLatestContextWhenItChangesSeveralTimesBetweenTwoRechecks() {
        productPWithABookAtNz2();

        prices.channelOverride(NZ2, "auckland");
        prices.channelOverride(NZ2, "hamilton");
        prices.channelOverride(NZ2, "wellington");

        assertThat(prices.prices()).singleElement().satisfies(kv -> assertThat(kv.value.getPrices())
                .extracting(ScopedPrice::getChannelKey).containsExactlyInAnyOrder(null, "wellington"));
    }

    @Test
    void shouldPriceUnderAContextThatNeverHoldsStillAfterAFewRechecks() {
        productPWithABookAtNz2();

        for (int check = 1; check < ContextJoin.MAX_CHECKS_WAITED; check++) {
            prices.channelOverride(NZ2, "channel-" + check);
            prices.recheckOnce();
            assertThat(prices.pricesSoFar()).as("re-check %d, the context changed since the one before", check).isEmpty();
        }
        prices.channelOverride(NZ2, "channel-last");
        prices.recheckOnce();

        assertThat(prices.pricesSoFar()).singleElement().satisfies(kv -> assertThat(kv.value.getPrices())
                .extracting(ScopedPrice::getChannelKey).containsExactlyInAnyOrder(null, "channel-last"));
    }
}
