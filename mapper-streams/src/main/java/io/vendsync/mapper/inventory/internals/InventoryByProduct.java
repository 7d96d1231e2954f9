package io.vendsync.mapper.inventory.internals;

import io.vendsync.mapper.internals.JsonSerde;
import io.vendsync.mapper.internals.MappingCandidate;
import io.vendsync.mapper.internals.ProductResolutions;
import io.vendsync.mapper.vend.VendInventory;
import io.vendsync.schemas.mapping.OutletChannel;
import io.vendsync.schemas.mapping.ProductResolution;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The inventory records of the products a task owns, keyed {@code <product id>|<inventory id>} so that a product's
 * records are one prefix scan away when its resolution changes, and the lookups every decision needs.
 *
 * <p>Why this shape instead of foreign-key joins: the records are re-keyed by product once, so the product resolution
 * (keyed by product too) is a co-partitioned lookup, and outlets, which are few, a global table. A stock change costs one
 * repartition and a few local store operations; the two chained foreign-key joins it replaces cost four topic hops and
 * three materialized tables per change.
 */
public final class InventoryByProduct {

    private final KeyValueStore<String, VendInventory> records;
    private final TimestampedKeyValueStore<String, ProductResolution> resolutions;
    private final TimestampedKeyValueStore<String, OutletChannel> channels;

    private InventoryByProduct(final KeyValueStore<String, VendInventory> records,
                               final TimestampedKeyValueStore<String, ProductResolution> resolutions,
                               final TimestampedKeyValueStore<String, OutletChannel> channels) {
        this.records = records;
        this.resolutions = resolutions;
        this.channels = channels;
    }

    /** The store of records, by {@code <product id>|<inventory id>}. */
    public static StoreBuilder<KeyValueStore<String, VendInventory>> store(final String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), new JsonSerde<>(VendInventory.class));
    }

    /** The stores as {@code context} holds them: the records, the product resolution table, the global outlet table. */
    public static InventoryByProduct open(final ProcessorContext<?, ?> context, final StoreNames names) {
        return new InventoryByProduct(context.getStateStore(names.records()), context.getStateStore(names.resolutions()),
                context.getStateStore(names.channels()));
    }

    /** Keeps the record, or drops it when it is deleted. */
    public void apply(final VendInventory record) {
        if (record.deleted()) {
            records.delete(key(record.productId(), record.id()));
        } else {
            records.put(key(record.productId(), record.id()), record);
        }
    }

    public KeyValueStore<String, VendInventory> records() {
        return records;
    }

    /** The record with what is known of its product (from {@code resolution}) and its outlet's channel. */
    public MappingCandidate candidate(final VendInventory record, final ProductResolution resolution) {
        return new MappingCandidate(record, ProductResolutions.state(resolution), channelKey(record.outletId()));
    }

    /** The record with the resolution its product has in the table now. */
    public MappingCandidate candidate(final VendInventory record) {
        return candidate(record, value(resolutions.get(record.productId())));
    }

    /** The channel key the outlet resolves to now, or null. */
    public String channelKey(final String outletId) {
        final OutletChannel channel = outletId == null ? null : value(channels.get(outletId));
        return channel == null ? null : channel.getChannelKey();
    }

    public TimestampedKeyValueStore<String, OutletChannel> channels() {
        return channels;
    }

    public static String key(final String productId, final String inventoryId) {
        return productId + "|" + inventoryId;
    }

    public static String prefix(final String productId) {
        return productId + "|";
    }

    private static <V> V value(final ValueAndTimestamp<V> stored) {
        return stored == null ? null : stored.value();
    }

    /** Where the stores are: the records' own, the product resolution table's, the global outlet table's. */
    public record StoreNames(String records, String resolutions, String channels) {
    }
}
