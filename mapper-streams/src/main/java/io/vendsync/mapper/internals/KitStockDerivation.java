package io.vendsync.mapper.internals;

import io.vendsync.mapper.vend.VendInventory;
import java.util.Map;
import java.util.Objects;
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
 * Turns a kit's inputs (keyed by composite id) into inventory records of the kit, one per outlet, with the id
 * {@code <composite id>/<outlet id>}, still keyed by the composite id (as Vend's records are by product), and marked {@link VendInventory#fromBom}, which then take the same path as Vend's
 * own records. Only outlets whose level or version changed are sent (a component sold at one outlet re-derives the
 * others unchanged), an outlet no component has a record at any more gets a deletion, and a kit whose inputs are
 * incomplete (a bill-of-materials change half arrived) sends nothing until they are complete.
 */
public final class KitStockDerivation implements FixedKeyProcessorSupplier<String, KitInputs, VendInventory> {

    private final String storeName;

    /** {@code storeName}: the derived stock last sent per composite. */
    public KitStockDerivation(final String storeName) {
        this.storeName = Objects.requireNonNull(storeName, "storeName");
    }

    /** The id of a kit's derived inventory record at an outlet. */
    public static String inventoryId(final String compositeId, final String outletId) {
        return compositeId + '/' + outletId;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName), Serdes.String(),
                new JsonSerde<>(ProductStock.class)));
    }

    @Override
    public FixedKeyProcessor<String, KitInputs, VendInventory> get() {
        return new FixedKeyProcessor<>() {
            private FixedKeyProcessorContext<String, VendInventory> context;
            private KeyValueStore<String, ProductStock> sent;

            @Override
            public void init(final FixedKeyProcessorContext<String, VendInventory> context) {
                this.context = context;
                this.sent = context.getStateStore(storeName);
            }

            @Override
            public void process(final FixedKeyRecord<String, KitInputs> record) {
                final String compositeId = record.key();
                final KitInputs inputs = record.value();
                final ProductStock derived;
                if (inputs == null || inputs.components().isEmpty()) {
                    derived = ProductStock.NONE; // the bill of materials is gone: so are the kit's records
                } else if (!inputs.isComplete()) {
                    return;
                } else {
                    derived = inputs.derive();
                }
                final ProductStock before = sent.get(compositeId);
                final Map<String, OutletLevel> last = before == null ? Map.of() : before.outlets();
                last.forEach((outletId, level) -> {
                    if (!derived.outlets().containsKey(outletId)) {
                        context.forward(record.withValue(new VendInventory(
                                inventoryId(compositeId, outletId), compositeId, outletId, 0, level.version(), true,
                                level.sourceTsMs(), level.domainPrefix(), true)));
                    }
                });
                derived.outlets().forEach((outletId, level) -> {
                    if (!level.equals(last.get(outletId))) {
                        context.forward(record.withValue(new VendInventory(
                                inventoryId(compositeId, outletId), compositeId, outletId, level.level(), level.version(), false,
                                level.sourceTsMs(), level.domainPrefix(), true)));
                    }
                });
                if (derived.outlets().isEmpty()) {
                    sent.delete(compositeId);
                } else {
                    sent.put(compositeId, derived);
                }
            }
        };
    }
}
