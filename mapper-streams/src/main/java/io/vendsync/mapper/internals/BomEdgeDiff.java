package io.vendsync.mapper.internals;

import io.vendsync.schemas.mapping.ProductResolution;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Turns published product resolutions (keyed by product id, {@code mapping.product-resolution}) into bill-of-materials edges keyed
 * {@code <composite id>|<component id>} ({@link BomEdge#key}): when a composite's bill of materials changes, every edge
 * of the new one (each carrying the whole component list, see {@link BomEdge}) and a tombstone for each component it
 * lost. A product that is not a composite, or whose bill of materials Vend did not send, has none. Only changes are
 * sent, so a price edit of a kit re-derives nothing. A deletion keeps the edges: the deleted kit's stock is still
 * derived, and the decide step publishes 0 for it, as for any deleted product.
 */
public final class BomEdgeDiff implements ProcessorSupplier<String, ProductResolution, String, BomEdge> {

    private final String storeName;

    public BomEdgeDiff(final String storeName) {
        this.storeName = storeName;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName), Serdes.String(),
                new JsonSerde<>(KitBom.class)));
    }

    @Override
    public Processor<String, ProductResolution, String, BomEdge> get() {
        return new Processor<>() {
            private ProcessorContext<String, BomEdge> context;
            private KeyValueStore<String, KitBom> held;

            @Override
            public void init(final ProcessorContext<String, BomEdge> context) {
                this.context = context;
                this.held = context.getStateStore(storeName);
            }

            @Override
            public void process(final Record<String, ProductResolution> record) {
                final ProductResolution product = record.value();
                if (product == null || product.getDeleted()) {
                    return;
                }
                final String compositeId = record.key();
                final List<BomLine> now = Kit.BOM_KNOWN.name().equals(product.getKit()) ? ProductResolutions.billOfMaterials(product) : List.of();
                final KitBom before = held.get(compositeId);
                final List<BomLine> was = before == null ? List.of() : before.lines();
                if (now.equals(was)) {
                    return;
                }
                final List<String> components = now.stream().map(BomLine::productId).sorted().toList();
                for (final BomLine line : was) {
                    if (!components.contains(line.productId())) {
                        context.forward(record.withKey(BomEdge.key(compositeId, line.productId())).<BomEdge>withValue(null));
                    }
                }
                for (final BomLine line : now) {
                    context.forward(record.withKey(BomEdge.key(compositeId, line.productId()))
                            .withValue(new BomEdge(compositeId, line.productId(), line.quantity(), product.getVersion(), components)));
                }
                if (now.isEmpty()) {
                    held.delete(compositeId);
                } else {
                    held.put(compositeId, new KitBom(now));
                }
            }
        };
    }
}
