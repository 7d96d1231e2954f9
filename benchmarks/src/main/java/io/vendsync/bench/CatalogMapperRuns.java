package io.vendsync.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vendsync.mapper.MapperConfig;
import io.vendsync.mapper.MapperTopologies;
import io.vendsync.mapper.identity.Gtins;
import io.vendsync.mapper.identity.IdentityTopology;
import io.vendsync.mapper.prices.PriceMappingTopology;
import io.vendsync.mapper.products.ProductMappingTopology;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.Product;
import io.vendsync.schemas.canonical.v1.ValidationError;
import io.vendsync.testkit.kafka.EmbeddedKafka;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The product and the price mapper on a store's catalog, measured like the inventory mapper in {@link MapperBenchmark}:
 * raw input first, then the identity topology alone (it publishes the resolutions both mappers join), then each mapper
 * on its own until its output holds one record per key.
 *
 * <p>The store is a tax-inclusive NZ retailer: NZD outlets that display prices inclusive, GST (15 %, the store's default
 * tax) and a zero-rated tax, All Customers and a Staff group, a Staff price book with an entry for every product and a
 * dated e-commerce sale book for every fifth. Products come in blocks of four: a standalone product, then a family of
 * three sizes (the parent and two variants), each with its own SKU and a valid EAN-13; every twentieth product is
 * zero-rated at every outlet (outlet taxes). All of it is valid: each family becomes one canonical product (keyed by
 * product key), each product one canonical price record (keyed by SKU) holding its retail, Staff and sale prices, and
 * {@link #measure} prints what errors.validation received, if anything.
 *
 * <pre>java -cp "benchmarks/target/classes:$(cat /tmp/bench.cp)" io.vendsync.bench.CatalogMapperRuns
 *     [-Dbench.products=20000] [-Dbench.outlets=10] (and the -Dbench.* settings of {@link BenchStreams#config})</pre>
 */
final class CatalogMapperRuns {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigDecimal GST_RATE = new BigDecimal("0.15");
    private static final String[] SIZES = {"S", "M", "L"};
    private static final String[] RANGES = {"Classic Tee", "Merino Crew", "Linen Shirt", "Rain Jacket", "Canvas Tote"};

    // Id kinds: Vend ids are UUIDs, so the keys here have their length too (key size is part of every store's cost).
    private static final int RETAILER = 1;
    private static final int OUTLET = 2;
    private static final int TAX = 3;
    private static final int GROUP = 4;
    private static final int BOOK = 5;
    private static final int PRODUCT = 6;
    private static final int ENTRY = 7;

    private static final String GST = id(TAX, 1);
    private static final String ZERO_RATED = id(TAX, 2);
    private static final String ALL_CUSTOMERS = id(GROUP, 1);
    private static final String STAFF = id(GROUP, 2);
    private static final String STAFF_BOOK = id(BOOK, 1);
    private static final String SALE_BOOK = id(BOOK, 2);

    private CatalogMapperRuns() {
    }

    public static void main(final String[] args) throws Exception {
        final int products = Integer.getInteger("bench.products", 20_000);
        final int outlets = Integer.getInteger("bench.outlets", 10);
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            measure(kafka, "bench.catalog.", products, outlets);
        }
    }

    /** Measures the product and the price mapper on the resolutions the identity topology published; prints one line each and returns {productsRate, pricesRate} in output records per second. */
    static double[] measure(final EmbeddedKafka kafka, final String prefix, final int products, final int outlets) throws Exception {
        final Topics topics = BenchStreams.topics(kafka, prefix + "catalog.");
        final int families;
        try (BenchStreams.RawInput input = new BenchStreams.RawInput(kafka, topics)) {
            families = store(input, products, outlets);
        }
        final String identity = prefix + "catalog-identity";
        final MapperConfig identityConfig = BenchStreams.config(kafka.bootstrapServers(), topics, identity);
        BenchStreams.run(kafka, topics, identity, topics.productResolutions.name(), products,
                builder -> IdentityTopology.build(builder, topics, identityConfig));

        // Canonical products are keyed by product key, one per family; canonical prices by SKU, one per product. The
        // clock stops at the first record of the last key: a family can go out before all its variants have joined, and
        // a price before every book entry has (their updates follow), so the rates are keys reached per second.
        final String productsName = prefix + "catalog-products";
        final MapperConfig productsConfig = BenchStreams.config(kafka.bootstrapServers(), topics, productsName);
        // Every family of this store has a tax category (its outlets' default, or its parent's outlet taxes on live
        // outlets): a family counts once published with one, not when first decided before the live outlets were known.
        final Deserializer<Product> product = topics.canonicalProducts.valueSerde().deserializer();
        final double productsRate = BenchStreams.run(kafka, topics, productsName, MapperTopologies.PRODUCTS,
                topics.canonicalProducts.name(), families,
                value -> value != null && product.deserialize(topics.canonicalProducts.name(), value).getTaxCategoryKey() != null,
                builder -> ProductMappingTopology.build(builder, topics, productsConfig)).fromRunning();
        final String pricesName = prefix + "catalog-prices";
        final MapperConfig pricesConfig = BenchStreams.config(kafka.bootstrapServers(), topics, pricesName);
        final double pricesRate = BenchStreams.run(kafka, topics, pricesName, MapperTopologies.PRICES, topics.canonicalPrices.name(),
                products, builder -> PriceMappingTopology.build(builder, topics, pricesConfig)).fromRunning();

        // The store is valid, so nothing is expected here. A cold start used to price products under a context still
        // missing its taxes (PRICE_MISSING and TAX_CATEGORY_MISSING, corrected by a later pass: up to 27,977 of each for
        // 20,000 products); a product now waits for what its context lacks (ContextJoin.Readiness). Any count printed is
        // that cost come back, or input that is not what this benchmark means to measure.
        final Map<String, Integer> errors = validationErrors(kafka, topics);
        if (!errors.isEmpty()) {
            System.out.printf(Locale.ROOT, "  validation errors during the catalog runs: %s%n", errors);
        }
        return new double[] {productsRate, pricesRate};
    }

    /** Produces the store, reference data first (what a product or price refers to exists when it arrives); returns the families. */
    private static int store(final BenchStreams.RawInput input, final int products, final int outlets) {
        final String retailerId = id(RETAILER, 1);
        final ObjectNode retailer = object(input, retailerId).put("domain_prefix", "bench").put("name", "Bench Outfitters")
                .put("tax_exclusive", false).put("timezone", "Pacific/Auckland").put("country", "NZ");
        retailer.putObject("currency").put("code", "NZD").put("symbol", "$");
        send(input, "retailer", retailerId, retailer);
        for (int o = 0; o < outlets; o++) {
            send(input, "outlets", id(OUTLET, o), object(input, id(OUTLET, o)).put("name", "Outlet " + o)
                    .put("time_zone", "Pacific/Auckland").put("currency", "NZD").put("currency_symbol", "$")
                    .put("display_prices", "inclusive").put("physical_country_id", "NZ").put("default_tax_id", GST));
        }
        tax(input, GST, "GST", GST_RATE, true);
        tax(input, ZERO_RATED, "Zero Rated", BigDecimal.ZERO, false);
        send(input, "customer_groups", ALL_CUSTOMERS, object(input, ALL_CUSTOMERS).put("name", "All Customers")
                .put("group_id", "1111111111"));
        send(input, "customer_groups", STAFF, object(input, STAFF).put("name", "Staff").put("group_id", "staff"));
        book(input, STAFF_BOOK, "Staff Pricing", STAFF, null, null, "0");
        // Dated, so it does not conflict with the undated retail price of the same scope (it is a promotion).
        book(input, SALE_BOOK, "Summer Sale", ALL_CUSTOMERS, "2025-12-01 00:00:00", "2026-02-28", "2");

        // Outlet taxes before the products: a family is then decided with its parent's taxes complete, rather than
        // first with some of them (TAX_AMBIGUOUS until the rest arrive), which would measure re-decisions.
        for (int p = 0; p < products; p += 20) {
            for (int o = 0; o < outlets; o++) {
                final ObjectNode tax = JSON.createObjectNode().put("outlet_id", id(OUTLET, o)).put("product_id", id(PRODUCT, p))
                        .put("tax_id", ZERO_RATED);
                tax.putNull("deleted_at");
                send(input, "outlet_taxes", id(PRODUCT, p) + "/" + id(OUTLET, o), tax.put("version", input.nextVersion()));
            }
        }
        int families = 0;
        for (int p = 0; p < products; p++) {
            families += product(input, p) ? 1 : 0;
        }
        for (int p = 0; p < products; p++) {
            entry(input, id(ENTRY, 2L * p), STAFF_BOOK, p, retailExcludingTax(p).multiply(new BigDecimal("0.8")));
            if (p % 5 == 0) {
                entry(input, id(ENTRY, 2L * p + 1), SALE_BOOK, p, retailExcludingTax(p).multiply(new BigDecimal("0.7")));
            }
        }
        return families;
    }

    /**
     * Product {@code p}: in each block of four, a standalone product (p % 4 == 0), then a family parent and its two
     * variants, sized S, M, L (distinct options, or the product mapper would leave them out). Returns whether it heads a
     * family (a standalone product is a family of one).
     */
    private static boolean product(final BenchStreams.RawInput input, final int p) {
        final String id = id(PRODUCT, p);
        final int slot = p % 4;
        final int head = slot == 0 ? p : p - slot + 1;
        final String range = RANGES[(p / 4) % RANGES.length] + " " + (p / 4);
        final String size = slot == 0 ? null : SIZES[slot - 1];
        final String sku = slot == 0 ? "ST-" + p : "FM-" + head + "-" + size;
        final BigDecimal including = retailIncludingTax(p);
        final ObjectNode node = object(input, id).put("name", range).put("handle", range.toLowerCase(Locale.ROOT).replace(' ', '-'))
                .put("description", "The " + range + ", bench stock.").put("sku", sku).put("source", "USER")
                .put("active", true).put("has_inventory", true).put("is_composite", false)
                .put("has_variants", slot == 1).put("variant_parent_id", slot > 1 ? id(PRODUCT, head) : null)
                .put("variant_name", size == null ? range : range + " / " + size)
                .put("price_including_tax", including)
                .put("price_excluding_tax", including.divide(BigDecimal.ONE.add(GST_RATE), 5, RoundingMode.HALF_UP))
                .put("supply_price", including.divide(new BigDecimal("3"), 2, RoundingMode.HALF_UP));
        if (size != null) {
            node.putArray("variant_options").addObject().put("name", "Size").put("value", size);
        } else {
            node.putArray("variant_options");
        }
        final String ean = String.format(Locale.ROOT, "94%010d", p);
        final ArrayNode codes = node.putArray("product_codes");
        codes.addObject().put("type", "CUSTOM").put("code", sku);
        codes.addObject().put("type", "EAN").put("code", ean + Gtins.gs1CheckDigit(ean));
        send(input, "products", id, node);
        return slot <= 1;
    }

    /** A retail price from $9.90 to $209.40 in whole cents, as a tax-inclusive store enters it. */
    private static BigDecimal retailIncludingTax(final int p) {
        return BigDecimal.valueOf(990 + (p % 400) * 50L, 2);
    }

    /** Vend's tax-exclusive figure (five decimals), which the mapper prices from. */
    private static BigDecimal retailExcludingTax(final int p) {
        return retailIncludingTax(p).divide(BigDecimal.ONE.add(GST_RATE), 5, RoundingMode.HALF_UP);
    }

    private static void tax(final BenchStreams.RawInput input, final String id, final String name, final BigDecimal rate,
                            final boolean isDefault) {
        final ObjectNode node = object(input, id).put("name", name).put("display_name", name).put("is_default", isDefault);
        node.putArray("rates").addObject().put("id", id + "-rate").put("name", name).put("rate", rate);
        send(input, "taxes", id, node);
    }

    private static void book(final BenchStreams.RawInput input, final String id, final String name, final String groupId,
                             final String validFrom, final String validTo, final String platformKey) {
        send(input, "price_books", id, object(input, id).put("name", name).put("type", "GENERAL").put("customer_group_id", groupId)
                .put("outlet_id", (String) null).put("valid_from", validFrom).put("valid_to", validTo)
                .put("restrict_to_platform_key", platformKey));
    }

    private static void entry(final BenchStreams.RawInput input, final String id, final String bookId, final int p,
                              final BigDecimal price) {
        send(input, "price_book_products", id, object(input, id).put("price_book_id", bookId).put("product_id", id(PRODUCT, p))
                .put("price", price.setScale(5, RoundingMode.HALF_UP)).putNull("tax_id"));
    }

    /** A live Vend object at the version its record is sent with (so the payload's and the envelope's agree). */
    private static ObjectNode object(final BenchStreams.RawInput input, final String id) {
        final ObjectNode node = JSON.createObjectNode().put("id", id);
        node.putNull("deleted_at");
        return node.put("version", input.nextVersion());
    }

    private static void send(final BenchStreams.RawInput input, final String entity, final String key, final ObjectNode node) {
        input.send(entity, key, node.toString());
    }

    private static String id(final int kind, final long n) {
        return String.format(Locale.ROOT, "0242ac12-%04x-11e9-e8c4-%012x", kind, n);
    }

    /** The committed validation errors by code (the topologies have closed, so all of them). */
    private static Map<String, Integer> validationErrors(final EmbeddedKafka kafka, final Topics topics) {
        final Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("isolation.level", "read_committed");
        final Map<String, Integer> codes = new TreeMap<>();
        try (KafkaConsumer<String, ValidationError> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                topics.validationErrors.valueSerde().deserializer())) {
            final List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < BenchStreams.PARTITIONS; p++) {
                partitions.add(new TopicPartition(topics.validationErrors.name(), p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> codes.merge(record.value().getCode(), 1, Integer::sum));
            }
        }
        return codes;
    }
}
