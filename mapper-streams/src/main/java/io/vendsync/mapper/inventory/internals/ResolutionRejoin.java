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
 * task's own store) against the new resolution; outcomes keyed by inventory id. What a foreign-key join's right side
 * did, without its subscription topics.
 */
public final class ResolutionRejoin implements ProcessorSupplier<String, ProductResolution, String, MappingOutcome> {

    private final InventoryRecords.StoreNames names;
    private final InventoryMapping mapping;

    public ResolutionRejoin(final InventoryRecords.StoreNames names, final InventoryMapping mapping) {
        this.names = names;
        this.mapping = mapping;
    }

    @Override
    public Processor<String, ProductResolution, String, MappingOutcome> get() {
        return new Processor<>() {
            private ProcessorContext<String, MappingOutcome> context;
            private InventoryRecords inventory;

            @Override
            public void init(final ProcessorContext<String, MappingOutcome> context) {
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
                        context.forward(record.withKey(entry.record().id()).withValue(outcome));
                    }
                }
            }
        };
    }
}
