package io.vendsync.cli.reconcile;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.common.TypedMoney;
import com.commercetools.api.models.product.ProductProjection;
import com.commercetools.api.models.product.ProductVariant;
import io.vendsync.sink.catalog.ProjectionPager;
import io.vendsync.sink.customers.CustomerType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads what the checks compare from commercetools through the sink's client: channels (to name inventory entries'
 * supply channels by key), inventory entries, staged product projections (variants and prices; through the catalog
 * reader's {@link ProjectionPager}), customers and orders. Pages like the catalog reader: by offset, sorted by id
 * (the mock ignores sort, so cursor paging would skip there), continuing with {@code id > last} past the API's offset
 * limit.
 */
final class CommercetoolsReader {

    /** One page of a resource: at most {@code limit} results from {@code offset}, matching {@code where} (null: all). */
    @FunctionalInterface
    private interface Page<T> {
        List<T> read(int limit, int offset, String where);
    }

    private final ProjectApiRoot api;
    private int requests;

    CommercetoolsReader(final ProjectApiRoot api) {
        this.api = api;
    }

    CommercetoolsData read() {
        final Map<String, String> channelKeys = new HashMap<>();
        all((limit, offset, where) -> with(api.channels().get().withLimit(limit).withOffset(offset).withSort("id asc")
                .withWithTotal(false), where).executeBlocking().getBody().getResults(), c -> c.getId())
                .forEach(c -> channelKeys.put(c.getId(), c.getKey()));
        final List<CommercetoolsData.InventoryEntry> inventory = all((limit, offset, where) -> with(api.inventory().get()
                .withLimit(limit).withOffset(offset).withSort("id asc").withWithTotal(false), where).executeBlocking().getBody()
                .getResults(), e -> e.getId()).stream()
                .map(e -> new CommercetoolsData.InventoryEntry(e.getSku(),
                        e.getSupplyChannel() == null ? null : channelKeys.get(e.getSupplyChannel().getId()), e.getQuantityOnStock()))
                .toList();
        final List<CommercetoolsData.Variant> variants = new ArrayList<>();
        requests += new ProjectionPager(api).readAll(null, page -> page.forEach(product -> variants.addAll(variants(product))));
        final List<CommercetoolsData.Customer> customers = all((limit, offset, where) -> with(api.customers().get()
                .withLimit(limit).withOffset(offset).withSort("id asc").withWithTotal(false), where).executeBlocking().getBody()
                .getResults(), c -> c.getId()).stream()
                .map(c -> new CommercetoolsData.Customer(c.getId(), c.getKey(), c.getEmail(), CustomerType.origin(c))).toList();
        final List<CommercetoolsData.Order> orders = all((limit, offset, where) -> with(api.orders().get()
                .withLimit(limit).withOffset(offset).withSort("id asc").withWithTotal(false), where).executeBlocking().getBody()
                .getResults(), o -> o.getId()).stream()
                .map(o -> new CommercetoolsData.Order(o.getId(), o.getOrderNumber(), saleId(o), o.getTotalPrice().getCurrencyCode(),
                        amount(o.getTotalPrice()), o.getOrderState() == null ? null : o.getOrderState().getJsonName()))
                .toList();
        return new CommercetoolsData(inventory, variants, customers, orders);
    }

    /** Requests sent so far. */
    int requests() {
        return requests;
    }

    /** Adds the cursor predicate; every generated query request returns itself from withWhere. */
    @SuppressWarnings("unchecked")
    private static <R extends com.commercetools.api.client.SimplePagedQueryResourceRequest<R, ?, ?>> R with(final R request,
                                                                                                           final String where) {
        return where == null ? request : (R) request.withWhere(where);
    }

    private <T> List<T> all(final Page<T> page, final Function<T, String> id) {
        final List<T> all = new ArrayList<>();
        int offset = 0;
        String where = null;
        while (true) {
            final List<T> results = page.read(ProjectionPager.PAGE_SIZE, offset, where);
            requests++;
            all.addAll(results);
            if (results.size() < ProjectionPager.PAGE_SIZE) {
                return all;
            }
            offset += results.size();
            if (offset + ProjectionPager.PAGE_SIZE > ProjectionPager.MAX_OFFSET) {
                where = "id > \"" + id.apply(results.get(results.size() - 1)) + "\"";
                offset = 0;
            }
        }
    }

    private static List<CommercetoolsData.Variant> variants(final ProductProjection product) {
        final List<ProductVariant> all = new ArrayList<>();
        all.add(product.getMasterVariant());
        all.addAll(product.getVariants());
        return all.stream().map(v -> new CommercetoolsData.Variant(product.getKey() != null ? product.getKey() : product.getId(),
                v.getSku(), v.getPrices() == null ? List.of() : v.getPrices().stream()
                .map(p -> new CommercetoolsData.Price(p.getKey(), p.getValue().getCurrencyCode(), amount(p.getValue()), p.getCountry(),
                        tiers(p)))
                .toList())).toList();
    }

    private static SortedMap<Long, BigDecimal> tiers(final com.commercetools.api.models.common.Price price) {
        final SortedMap<Long, BigDecimal> tiers = new TreeMap<>();
        if (price.getTiers() != null) {
            price.getTiers().forEach(t -> tiers.put(t.getMinimumQuantity(), amount(t.getValue())));
        }
        return tiers;
    }

    private static String saleId(final com.commercetools.api.models.order.Order order) {
        if (order.getCustom() == null || order.getCustom().getFields() == null) {
            return null;
        }
        final Object value = order.getCustom().getFields().values().get(io.vendsync.sink.orders.OrderFields.SALE_ID);
        return value == null ? null : value.toString();
    }

    private static BigDecimal amount(final TypedMoney money) {
        // The API always sends fractionDigits; the mock keeps a changePrice draft as given, without them.
        final Integer digits = money.getFractionDigits();
        return BigDecimal.valueOf(money.getCentAmount(), digits != null ? digits
                : java.util.Currency.getInstance(money.getCurrencyCode()).getDefaultFractionDigits());
    }
}
