package io.vendsync.mapper.products;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vendsync.mapper.TopologyFixture;
import io.vendsync.mapper.internals.ContextJoin;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.Product;
import io.vendsync.schemas.canonical.v1.ValidationError;
import io.vendsync.schemas.mapping.CommercetoolsVariant;
import io.vendsync.schemas.mapping.ProductResolution;
import io.vendsync.schemas.raw.Op;
import io.vendsync.schemas.raw.VendChange;
import io.vendsync.schemas.serde.SerdeFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;

/** The product mapper in a {@link TopologyTestDriver}, with helpers that publish Vend 2.0 shaped records and mapping records. */
final class ProductDriver implements AutoCloseable {

    static final Topics TOPICS = new Topics("test.products.", SerdeFactory.singleObject());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TopologyFixture fixture;
    private final TestOutputTopic<String, Product> canonical;

    ProductDriver(final Path stateDir, final Map<String, String> settings) {
        fixture = new TopologyFixture(stateDir, TOPICS, settings, "vendsync-mapper-products", ProductMappingTopology::build);
        canonical = fixture.output(TOPICS.canonicalProducts);
    }

    /** A Vend variant: {@code parentId} null for a family parent or standalone product; {@code options}: name, value, ... */
    void product(final String id, final String parentId, final String sku, final long version, final String... options) {
        product(id, parentId, sku, version, null, List.of(), options);
    }

    void product(final String id, final String parentId, final String sku, final long version, final String deletedAt,
                 final List<String> codes, final String... options) {
        product(id, parentId, sku, version, deletedAt, true, codes, options);
    }

    /** A live Vend variant that is inactive (Vend's active flag false). */
    void inactiveProduct(final String id, final String parentId, final String sku, final long version, final String... options) {
        product(id, parentId, sku, version, null, false, List.of(), options);
    }

    private void product(final String id, final String parentId, final String sku, final long version, final String deletedAt,
                         final boolean active, final List<String> codes, final String... options) {
        final ObjectNode node = JSON.createObjectNode()
                .put("id", id).put("name", "Classic Tee").put("handle", "classictee").put("description", "Soft cotton tee")
                .put("sku", sku).put("active", active).put("has_inventory", true).put("has_variants", parentId == null && options.length > 0)
                .put("variant_parent_id", parentId).put("variant_name", "Classic Tee").put("deleted_at", deletedAt)
                .put("version", version);
        final ArrayNode optionNodes = node.putArray("variant_options");
        for (int i = 0; i + 1 < options.length; i += 2) {
            optionNodes.addObject().put("name", options[i]).put("value", options[i + 1]);
        }
        final ArrayNode productCodes = node.putArray("product_codes");
        productCodes.addObject().put("type", "CUSTOM").put("code", sku);
        for (int i = 0; i + 1 < codes.size(); i += 2) {
            productCodes.addObject().put("type", codes.get(i)).put("code", codes.get(i + 1));
        }
        rawProduct(id, change(deletedAt == null ? Op.u : Op.d, "products", node.toString(), version));
    }

    void rawProduct(final String key, final VendChange change) {
        fixture.raw("products", key, change);
    }

    /** What the inventory mapper publishes for a product; {@code conflict} null when there is none. */
    void resolution(final String productId, final String sku, final String source, final long version, final String conflict,
                    final String... candidates) {
        fixture.pipe(TOPICS.productResolutions, productId, ProductResolution.newBuilder().setProductId(productId).setSku(sku)
                .setSkuSource(source).setConflictCode(conflict).setCandidates(List.of(candidates)).setDeleted(false)
                .setHasInventory(true).setVersion(version).build());
    }

    void resolved(final String productId, final String sku, final long version) {
        resolution(productId, sku, "VEND_SKU", version, null);
    }

    /** A commercetools variant as the sink's catalog reader publishes it. */
    void catalogVariant(final String sku, final String ctProductId, final String productKey, final int variantId,
                        final String variantKey) {
        fixture.pipe(TOPICS.commercetoolsVariants, sku, CommercetoolsVariant.newBuilder().setSku(sku).setProductId(ctProductId)
                .setProductKey(productKey).setVariantId(variantId).setVariantKey(variantKey).setGtins(List.of()).setPublished(true)
                .setLastModifiedMs(fixture.clock()).setSkuSharedWith(List.of()).build());
    }

    void outlet(final String id, final String defaultTaxId, final long version) {
        final ObjectNode node = JSON.createObjectNode().put("id", id).put("name", "Outlet " + id).put("default_tax_id", defaultTaxId)
                .put("currency", "NZD").putNull("deleted_at").put("version", version);
        fixture.raw("outlets", id, change(Op.u, "outlets", node.toString(), version));
    }

    /** A 2.0 tax, the store's default or not. */
    void tax(final String id, final boolean isDefault, final long version) {
        final ObjectNode node = JSON.createObjectNode().put("id", id).put("name", "Tax " + id).put("is_default", isDefault)
                .putNull("deleted_at").put("version", version);
        fixture.raw("taxes", id, change(Op.u, "taxes", node.toString(), version));
    }

    void rawOutlet(final String key, final VendChange change) {
        fixture.raw("outlets", key, change);
    }

    void outletTax(final String productId, final String outletId, final String taxId, final long version) {
        final ObjectNode node = JSON.createObjectNode().put("outlet_id", outletId).put("product_id", productId)
                .put("tax_id", taxId).putNull("deleted_at").put("version", version);
        fixture.raw("outlet_taxes", productId + "/" + outletId, change(Op.u, "outlet_taxes", node.toString(), version));
    }

    /** A change whose {@code source.ts_ms} follows its version, so a family's source time is predictable. */
    static VendChange change(final Op op, final String entity, final String after, final long version) {
        return TopologyFixture.change(op, entity, after, version, 1_690_000_000_000L + version);
    }

    // Each read first lets the outlet re-checks run, as many as a family waits at most for outlets (ContextJoin's longest
    // wait): a read sees the families decided under the outlets as they are by then, or without any if none came.

    List<KeyValue<String, Product>> products() {
        recheck(ContextJoin.MAX_CHECKS_WAITED);
        return canonical.readKeyValuesToList();
    }

    List<KeyValue<String, ValidationError>> errors() {
        recheck(ContextJoin.MAX_CHECKS_WAITED);
        return fixture.errors();
    }

    /** The products published so far, without running a re-check first. */
    List<KeyValue<String, Product>> productsSoFar() {
        return canonical.readKeyValuesToList();
    }

    /** {@code times} outlet re-checks, one second of wall-clock time each. */
    void recheck(final int times) {
        for (int check = 0; check < times; check++) {
            fixture.driver().advanceWallClockTime(ProductMappingTopology.OUTLETS_RECHECK);
        }
    }

    @Override
    public void close() {
        fixture.close();
    }
}
