package io.vendsync.mapper.inventory.internals;

import io.vendsync.mapper.internals.InventoryMapping;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;

/**
 * On the component's task (edges keyed by component id): remembers which kits the product is a component of, so its
 * stock changes reach them ({@link InventoryDecisions}), and sends the kit the component's stock now, or that it left the
 * bill of materials. Bills of materials change rarely, so this runs rarely.
 */
public final class KitParents implements ProcessorSupplier<String, KitEdgeChange, String, KitComponentChange> {

    private final InventoryRecords.StoreNames names;
    private final InventoryMapping mapping;

    public KitParents(final InventoryRecords.StoreNames names, final InventoryMapping mapping) {
        this.names = names;
        this.mapping = mapping;
    }

    @Override
    public Processor<String, KitEdgeChange, String, KitComponentChange> get() {
        return new Processor<>() {
            private ProcessorContext<String, KitComponentChange> context;
            private InventoryRecords inventory;

            @Override
            public void init(final ProcessorContext<String, KitComponentChange> context) {
                this.context = context;
                this.inventory = InventoryRecords.open(context, names, mapping);
            }

            @Override
            public void process(final Record<String, KitEdgeChange> record) {
                final KitEdgeChange change = record.value();
                inventory.kitEdge(change.componentId(), change.compositeId(), change.edge());
                context.forward(record.withKey(change.compositeId()).withValue(new KitComponentChange(change.compositeId(),
                        change.componentId(), change.edge(),
                        change.edge() == null ? null : inventory.stockOf(change.componentId()))));
            }
        };
    }
}
