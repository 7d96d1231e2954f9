package io.vendsync.mapper.products;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vendsync.mapper.TopologyDrivers;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.Product;
import io.vendsync.schemas.canonical.v1.ValidationError;
import io.vendsync.schemas.mapping.CommercetoolsVariant;
import io.vendsync.schemas.mapping.ProductResolution;
import io.vendsync.schemas.raw.Op;
import io.vendsync.schemas.raw.VendChange;
import io.vendsync.schemas.raw.VendSource;
import io.vendsync.schemas.serde.SerdeFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/** The product mapper in a {@link TopologyTestDriver}, with helpers that publish Vend 2.0 shaped records and mapping records. */
final class ProductDriver implements AutoCloseable {

    static final Topics TOPICS = new Topics("test.products.", SerdeFactory.singleObject());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, VendChange> products;
    private final TestInputTopic<String, VendChange> outlets;
    private final TestInputTopic<String, VendChange> outletTaxes;
    private final TestInputTopic<String, VendChange> taxes;
    private final TestInputTopic<String, ProductResolution> resolutions;
    private final TestInputTopic<String, CommercetoolsVariant> catalog;
    private final TestOutputTopic<String, Product> canonical;
    private final TestOutputTopic<String, ValidationError> errors;
    private long clock = 1_700_000_000_000L;

    ProductDriver(final Path stateDir, final Map<String, String> settings) {
        driver = TopologyDrivers.start(stateDir, TOPICS, settings, "vendsync-mapper-products", ProductMappingTopology::build);
        products = input(TOPICS.rawProducts.name(), TOPICS.rawProducts.keySerde(), TOPICS.rawProducts.valueSerde());
        outlets = input(TOPICS.rawOutlets.name(), TOPICS.rawOutlets.keySerde(), TOPICS.rawOutlets.valueSerde());
        outletTaxes = input(TOPICS.raw("outlet_taxes").name(), TOPICS.rawOutlets.keySerde(), TOPICS.rawOutlets.valueSerde());
        taxes = input(TOPICS.raw("taxes").name(), TOPICS.rawOutlets.keySerde(), TOPICS.rawOutlets.valueSerde());
        resolutions = input(TOPICS.productResolutions.name(), TOPICS.productResolutions.keySerde(),
                TOPICS.productResolutions.valueSerde());
        catalog = input(TOPICS.commercetoolsVariants.name(), TOPICS.commercetoolsVariants.keySerde(),
                TOPICS.commercetoolsVariants.valueSerde());
        canonical = driver.createOutputTopic(TOPICS.canonicalProducts.name(),
                TOPICS.canonicalProducts.keySerde().deserializer(), TOPICS.canonicalProducts.valueSerde().deserializer());
        errors = driver.createOutputTopic(TOPICS.validationErrors.name(),
                TOPICS.validationErrors.keySerde().deserializer(), TOPICS.validationErrors.valueSerde().deserializer());
    }

    private <V> TestInputTopic<String, V> input(final String topic, final Serde<String> key, final Serde<V> value) {
        return driver.createInputTopic(topic, key.serializer(), value.serializer());
    }

    /** A Vend variant: {@code parentId} null for a family parent or standalone product; {@code options}: name, value, ... */
    void product(final String id, final String parentId, final String sku, final long version, final String... options) {
        product(id, parentId, sku, version, null, List.of(), options);
    }

    void product(final String id, final String parentId, final String sku, final long version, final String deletedAt,
                 final List<String> codes, final String... options) {
        final ObjectNode node = JSON.createObjectNode()
                .put("id", id).put("name", "Classic Tee").put("handle", "classictee").put("description", "Soft cotton tee")
                .put("sku", sku).put("active", true).put("has_inventory", true).put("has_variants", parentId == null && options.length > 0)
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
        products.pipeInput(key, change, tick());
    }

    /** What the inventory mapper publishes for a product; {@code conflict} null when there is none. */
    void resolution(final String productId, final String sku, final String source, final long version, final String conflict,
                    final String... candidates) {
        resolutions.pipeInput(productId, ProductResolution.newBuilder().setProductId(productId).setSku(sku).setSkuSource(source)
                .setConflictCode(conflict).setCandidates(List.of(candidates)).setDeleted(false).setHasInventory(true)
                .setVersion(version).build(), tick());
    }

    void resolved(final String productId, final String sku, final long version) {
        resolution(productId, sku, "VEND_SKU", version, null);
    }

    /** A commercetools variant as the sink's catalog reader publishes it. */
    void catalogVariant(final String sku, final String ctProductId, final String productKey, final int variantId,
                        final String variantKey) {
        catalog.pipeInput(sku, CommercetoolsVariant.newBuilder().setSku(sku).setProductId(ctProductId).setProductKey(productKey)
                .setVariantId(variantId).setVariantKey(variantKey).setGtins(List.of()).setPublished(true)
                .setLastModifiedMs(clock).setSkuSharedWith(List.of()).build(), tick());
    }

    void outlet(final String id, final String defaultTaxId, final long version) {
        final ObjectNode node = JSON.createObjectNode().put("id", id).put("name", "Outlet " + id).put("default_tax_id", defaultTaxId)
                .put("currency", "NZD").putNull("deleted_at").put("version", version);
        outlets.pipeInput(id, change(Op.u, "outlets", node.toString(), version), tick());
    }

    /** A 2.0 tax, the store's default or not. */
    void tax(final String id, final boolean isDefault, final long version) {
        final ObjectNode node = JSON.createObjectNode().put("id", id).put("name", "Tax " + id).put("is_default", isDefault)
                .putNull("deleted_at").put("version", version);
        taxes.pipeInput(id, change(Op.u, "taxes", node.toString(), version), tick());
    }

    void rawOutlet(final String key, final VendChange change) {
        outlets.pipeInput(key, change, tick());
    }

    void outletTax(final String productId, final String outletId, final String taxId, final long version) {
        final ObjectNode node = JSON.createObjectNode().put("outlet_id", outletId).put("product_id", productId)
                .put("tax_id", taxId).putNull("deleted_at").put("version", version);
        outletTaxes.pipeInput(productId + "/" + outletId, change(Op.u, "outlet_taxes", node.toString(), version), tick());
    }

    static VendChange change(final Op op, final String entity, final String after, final long version) {
        return VendChange.newBuilder().setBefore(null).setAfter(after).setOp(op)
                .setSource(VendSource.newBuilder().setConnector("vend").setDomainPrefix("acme").setEntity(entity)
                        .setVersion(version).setTsMs(1_690_000_000_000L + version).setTrigger("poll").setSnapshot(false).build())
                .setTsMs(1_690_000_000_000L + version + 5)
                .build();
    }

    private long tick() {
        clock += 1_000;
        return clock;
    }

    List<KeyValue<String, Product>> products() {
        return canonical.readKeyValuesToList();
    }

    List<KeyValue<String, ValidationError>> errors() {
        return errors.readKeyValuesToList();
    }

    @Override
    public void close() {
        driver.close();
    }
}
