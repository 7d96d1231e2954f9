package io.vendsync.mapper.inventory.internals;

import io.vendsync.mapper.internals.MappingCandidate;
import io.vendsync.mapper.vend.VendInventory;
import io.vendsync.schemas.mapping.ProductResolution;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * When a product's resolution changes, forwards every inventory record of the product (one prefix scan of the task's
 * own store) with the new resolution, keyed by inventory id: what a foreign-key join's right side did, without its
 * subscription topics.
 */
public final class ResolutionRejoin implements ProcessorSupplier<String, ProductResolution, String, MappingCandidate> {

    private final InventoryByProduct.StoreNames names;

    public ResolutionRejoin(final InventoryByProduct.StoreNames names) {
        this.names = names;
    }

    @Override
    public Processor<String, ProductResolution, String, MappingCandidate> get() {
        return new Processor<>() {
            private ProcessorContext<String, MappingCandidate> context;
            private InventoryByProduct inventory;

            @Override
            public void init(final ProcessorContext<String, MappingCandidate> context) {
                this.context = context;
                this.inventory = InventoryByProduct.open(context, names);
            }

            @Override
            public void process(final Record<String, ProductResolution> record) {
                try (KeyValueIterator<String, VendInventory> records = inventory.records()
                        .prefixScan(InventoryByProduct.prefix(record.key()), new StringSerializer())) {
                    while (records.hasNext()) {
                        final KeyValue<String, VendInventory> entry = records.next();
                        context.forward(record.withKey(entry.value.id()).withValue(inventory.candidate(entry.value, record.value())));
                    }
                }
            }
        };
    }
}
