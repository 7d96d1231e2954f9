package io.vendsync.mapper.prices;

import io.vendsync.mapper.internals.ContextJoin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vendsync.mapper.TopologyFixture;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.ScopedPrice;
import io.vendsync.schemas.canonical.v1.TaxCategory;
import io.vendsync.schemas.canonical.v1.ValidationError;
import io.vendsync.schemas.canonical.v1.VariantPrices;
import io.vendsync.schemas.mapping.MappingOrigin;
import io.vendsync.schemas.mapping.OutletChannel;
import io.vendsync.schemas.mapping.ProductResolution;
import io.vendsync.schemas.raw.Op;
import io.vendsync.schemas.raw.VendChange;
import io.vendsync.schemas.serde.SerdeFactory;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;

/** The price mapper in a {@link TopologyTestDriver}, built from the app's own Streams settings, with Vend 2.0 helpers. */
final class PriceDriver implements AutoCloseable {

    static final Topics TOPICS = new Topics("test.prices.", SerdeFactory.singleObject());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TopologyFixture fixture;
    private final TestOutputTopic<String, VariantPrices> prices;
    private final TestOutputTopic<String, TaxCategory> taxCategories;
    private long version = 1_000;

    PriceDriver(final Path stateDir, final Map<String, String> settings) {
        fixture = new TopologyFixture(stateDir, TOPICS, settings, "vendsync-mapper-prices", PriceMappingTopology::build);
        prices = fixture.output(TOPICS.canonicalPrices);
        taxCategories = fixture.output(TOPICS.canonicalTaxCategories);
    }

    // --- Vend objects, 2.0 shapes -------------------------------------------------------------------

    void retailer(final String id, final boolean taxExclusive, final String currency, final String country) {
        final ObjectNode node = object(id).put("domain_prefix", "acme").put("tax_exclusive", taxExclusive).put("country", country);
        node.putObject("currency").put("code", currency).put("symbol", "$");
        pipe("retailer", id, node);
    }

    void outlet(final String id, final String currency, final String country, final String displayPrices, final String defaultTaxId) {
        pipe("outlets", id, object(id).put("name", "Outlet " + id).put("currency", currency).put("physical_country_id", country)
                .put("display_prices", displayPrices).put("default_tax_id", defaultTaxId));
    }

    void deleteOutlet(final String id) {
        pipe("outlets", id, object(id).put("name", "Outlet " + id).put("currency", "NZD").put("deleted_at", "2024-05-01T00:00:00+00:00"));
    }

    /** A tax whose rates[] holds the given component rates. */
    void tax(final String id, final String name, final String... rates) {
        final ObjectNode node = object(id).put("name", name).put("display_name", name).put("is_default", false);
        for (final String rate : rates) {
            node.withArray("rates").addObject().put("id", id + "-" + rate).put("name", name).put("rate", new BigDecimal(rate));
        }
        pipe("taxes", id, node);
    }

    void defaultTax(final String id, final String name, final String rate) {
        final ObjectNode node = object(id).put("name", name).put("display_name", name).put("is_default", true);
        node.withArray("rates").addObject().put("id", id + "-" + rate).put("name", name).put("rate", new BigDecimal(rate));
        pipe("taxes", id, node);
    }

    void deleteTax(final String id, final String name) {
        pipe("taxes", id, object(id).put("name", name).put("deleted_at", "2024-05-01T00:00:00+00:00"));
    }

    void outletTax(final String productId, final String outletId, final String taxId) {
        final String key = productId + "/" + outletId;
        final ObjectNode node = JSON.createObjectNode().put("outlet_id", outletId).put("product_id", productId).put("tax_id", taxId);
        node.putNull("deleted_at");
        node.put("version", ++version);
        pipe("outlet_taxes", key, node);
    }

    void product(final String id, final String priceExcludingTax) {
        pipe("products", id, object(id).put("name", "Tee " + id).put("sku", "SKU-" + id)
                .put("price_excluding_tax", priceExcludingTax == null ? null : new BigDecimal(priceExcludingTax)));
    }

    void deleteProduct(final String id) {
        pipe("products", id, object(id).put("name", "Tee " + id).put("deleted_at", "2024-05-01T00:00:00+00:00"));
    }

    void group(final String id, final String name, final String groupId) {
        pipe("customer_groups", id, object(id).put("name", name).put("group_id", groupId));
    }

    void book(final String id, final String groupId, final String outletId, final String validFrom, final String validTo,
              final String platformKey) {
        pipe("price_books", id, object(id).put("name", "Book " + id).put("type", "GENERAL").put("customer_group_id", groupId)
                .put("outlet_id", outletId).put("valid_from", validFrom).put("valid_to", validTo)
                .put("restrict_to_platform_key", platformKey));
    }

    void bookEntry(final String id, final String bookId, final String productId, final String price) {
        pipe("price_book_products", id, object(id).put("price_book_id", bookId).put("product_id", productId)
                .put("price", new BigDecimal(price)).putNull("tax_id"));
    }

    /** A quantity break: {@code price} from {@code minUnits} units on (Vend's min_units; max_units none). */
    void bookEntry(final String id, final String bookId, final String productId, final String price, final String minUnits) {
        bookEntry(id, bookId, productId, price, minUnits, null);
    }

    /** A price for a range of units: Vend's min_units and max_units (either may be null). */
    void bookEntry(final String id, final String bookId, final String productId, final String price, final String minUnits,
                   final String maxUnits) {
        final var entry = object(id).put("price_book_id", bookId).put("product_id", productId).put("price", new BigDecimal(price))
                .putNull("tax_id");
        if (minUnits == null) {
            entry.putNull("min_units");
        } else {
            entry.put("min_units", new BigDecimal(minUnits));
        }
        if (maxUnits == null) {
            entry.putNull("max_units");
        } else {
            entry.put("max_units", new BigDecimal(maxUnits));
        }
        pipe("price_book_products", id, entry);
    }

    void deleteBookEntry(final String id, final String bookId, final String productId) {
        pipe("price_book_products", id, object(id).put("price_book_id", bookId).put("product_id", productId)
                .put("deleted_at", "2024-05-01T00:00:00+00:00"));
    }

    void resolution(final String productId, final String sku, final String conflictCode) {
        resolution(productId, sku, conflictCode, true, 1L);
    }

    /** The resolution of a product Vend marks inactive, at {@code version}. */
    void inactive(final String productId, final String sku, final long version) {
        resolution(productId, sku, null, false, version);
    }

    private void resolution(final String productId, final String sku, final String conflictCode, final boolean active,
                            final long version) {
        fixture.pipe(TOPICS.productResolutions, productId, ProductResolution.newBuilder().setProductId(productId).setSku(sku)
                .setSkuSource("VEND_SKU").setConflictCode(conflictCode).setCandidates(List.of()).setDeleted(false)
                .setActive(active).setHasInventory(true).setVersion(version).build());
    }

    /** An explicit channel as the identity topology publishes it on mapping.outlet-channel-resolved. */
    void channelOverride(final String outletId, final String channelKey) {
        fixture.pipe(TOPICS.outletChannels, outletId, channelKey == null ? null : OutletChannel.newBuilder().setOutletId(outletId)
                .setChannelKey(channelKey).setOrigin(MappingOrigin.EXPLICIT).setOutletName(null).build());
    }

    void pipeRaw(final String entity, final String key, final VendChange change) {
        fixture.raw(entity, key, change);
    }

    private ObjectNode object(final String id) {
        final ObjectNode node = JSON.createObjectNode().put("id", id);
        node.putNull("deleted_at");
        node.put("version", ++version);
        return node;
    }

    private void pipe(final String entity, final String key, final ObjectNode node) {
        final boolean deleted = node.hasNonNull("deleted_at");
        pipeRaw(entity, key, change(deleted ? Op.d : Op.u, entity, node.toString(), node.path("version").asLong(version), fixture.clock()));
    }

    static VendChange change(final Op op, final String entity, final String after, final long version, final long tsMs) {
        return TopologyFixture.change(op, entity, after, version, tsMs);
    }

    // --- reading -----------------------------------------------------------------------------------

    // Each read first lets the context re-checks run, as they do within three seconds in the app: a context change re-prices
    // what was priced before it.

    List<KeyValue<String, VariantPrices>> prices() {
        recheckContext();
        return prices.readKeyValuesToList();
    }

    /** The latest record per SKU published so far (drains the topic). */
    Map<String, VariantPrices> latestPrices() {
        recheckContext();
        return prices.readKeyValuesToMap();
    }

    Map<String, TaxCategory> taxCategories() {
        recheckContext();
        return taxCategories.readKeyValuesToMap();
    }

    List<KeyValue<String, ValidationError>> errors() {
        recheckContext();
        return fixture.errors();
    }

    /** The prices published so far, without running a re-check first. */
    List<KeyValue<String, VariantPrices>> pricesSoFar() {
        return prices.readKeyValuesToList();
    }

    /** The re-checks a product waits for a tax, book or group its context lacks before it is priced as it is. */
    void waitOutMissingReferences() {
        for (int check = 0; check <= ContextJoin.MAX_CHECKS_WAITED; check++) {
            fixture.driver().advanceWallClockTime(PriceMappingTopology.CONTEXT_RECHECK);
        }
    }

    /** One context re-check. */
    void recheckOnce() {
        fixture.driver().advanceWallClockTime(PriceMappingTopology.CONTEXT_RECHECK);
    }

    /**
     * Three re-checks: a changed context is priced under once it held still from one to the next, and a fresh task's
     * first pass waits for its rows to hold still through two.
     */
    private void recheckContext() {
        for (int check = 0; check < 3; check++) {
            fixture.driver().advanceWallClockTime(PriceMappingTopology.CONTEXT_RECHECK);
        }
    }

    static ScopedPrice price(final VariantPrices record, final String key) {
        return record.getPrices().stream().filter(p -> p.getPriceKey().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no price " + key + " in " + record.getPrices()));
    }

    @Override
    public void close() {
        fixture.close();
    }
}
