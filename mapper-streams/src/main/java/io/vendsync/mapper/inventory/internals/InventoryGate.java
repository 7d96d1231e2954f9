package io.vendsync.mapper.inventory.internals;

import io.vendsync.mapper.vend.VendInventory;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Lets a Vend inventory record through only when its version is higher than every version seen for its id, and gives a
 * deletion the product and outlet ids the record had: Vend's deletions may carry only the id, and the records are
 * re-keyed by product next, so the product's task can drop the record from its state.
 *
 * <p>One store entry per inventory id, {@code <version>|<product id>|<outlet id>}: the version gate and the ids in one
 * read and one write, since this runs for every stock change.
 */
public final class InventoryGate implements FixedKeyProcessorSupplier<String, VendInventory, VendInventory> {

    private final String storeName;

    public InventoryGate(final String storeName) {
        this.storeName = storeName;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName), Serdes.String(), Serdes.String()));
    }

    @Override
    public FixedKeyProcessor<String, VendInventory, VendInventory> get() {
        return new FixedKeyProcessor<>() {
            private FixedKeyProcessorContext<String, VendInventory> context;
            private KeyValueStore<String, String> seen;

            @Override
            public void init(final FixedKeyProcessorContext<String, VendInventory> context) {
                this.context = context;
                this.seen = context.getStateStore(storeName);
            }

            @Override
            public void process(final FixedKeyRecord<String, VendInventory> record) {
                final VendInventory incoming = record.value();
                final String held = seen.get(record.key());
                final String[] fields = held == null ? null : held.split("\\|", -1);
                if (fields != null && incoming.version() <= Long.parseLong(fields[0])) {
                    return; // a late or repeated event: the newer one already passed
                }
                final String productId = incoming.productId() != null ? incoming.productId() : held(fields, 1);
                final String outletId = incoming.outletId() != null ? incoming.outletId() : held(fields, 2);
                seen.put(record.key(), incoming.version() + "|" + (productId == null ? "" : productId)
                        + "|" + (outletId == null ? "" : outletId));
                context.forward(productId == incoming.productId() && outletId == incoming.outletId() ? record
                        : record.withValue(new VendInventory(incoming.id(), productId, outletId, incoming.inventoryLevel(),
                                incoming.version(), incoming.deleted(), incoming.sourceTsMs(), incoming.domainPrefix(),
                                incoming.fromBom())));
            }

            private String held(final String[] fields, final int index) {
                return fields == null || fields.length <= index || fields[index].isEmpty() ? null : fields[index];
            }
        };
    }
}
