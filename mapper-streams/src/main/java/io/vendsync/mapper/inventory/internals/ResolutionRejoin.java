package io.vendsync.mapper.inventory.internals;

import io.vendsync.mapper.internals.InventoryMapping;
import io.vendsync.mapper.internals.MappingOutcome;
import io.vendsync.schemas.mapping.ProductResolution;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;

/**
 * When a product's resolution changes, re-decides every live inventory record of the product (one prefix scan of the
 * task's own store) against the new resolution; each outcome goes to its sink ({@link InventoryRoutes}). What a foreign-key join's right side
 * did, without its subscription topics.
 */
public final class ResolutionRejoin implements ProcessorSupplier<String, ProductResolution, String, InventoryOutput> {

    private final InventoryRecords.StoreNames names;
    private final InventoryMapping mapping;
    private final InventoryRoutes routes;

    public ResolutionRejoin(final InventoryRecords.StoreNames names, final InventoryMapping mapping, final InventoryRoutes routes) {
        this.names = names;
        this.mapping = mapping;
        this.routes = routes;
    }

    @Override
    public Processor<String, ProductResolution, String, InventoryOutput> get() {
        return new Processor<>() {
            private ProcessorContext<String, InventoryOutput> context;
            private InventoryRecords inventory;

            @Override
            public void init(final ProcessorContext<String, InventoryOutput> context) {
                this.context = context;
                this.inventory = InventoryRecords.open(context, names, mapping);
            }

            @Override
            public void process(final Record<String, ProductResolution> record) {
                final List<InventoryEntry> entries = new ArrayList<>();
                inventory.forEachLive(record.key(), entries::add);
                for (final InventoryEntry entry : entries) {
                    final MappingOutcome outcome = inventory.decide(entry, true, record.value(), record.timestamp());
                    if (outcome != null) {
                        routes.outcome(context, entry.record().id(), outcome, record.timestamp(), record.headers());
                    }
                }
            }
        };
    }
}
