package io.vendsync.mapper.inventory.internals;

import io.vendsync.mapper.internals.MappingCandidate;
import io.vendsync.mapper.vend.VendInventory;
import io.vendsync.schemas.mapping.OutletChannel;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Keeps each Vend inventory record (by product) and forwards it, keyed by inventory id, with its product's resolution and
 * its outlet's channel as the candidate to decide on.
 *
 * <p>Outlets come from a global table, which triggers nothing when it changes. So every {@code recheck} of wall-clock
 * time, the task compares each outlet's channel with the one it last acted on (kept in its own store, so a restart does
 * not redo it) and re-forwards the records of every outlet whose channel changed: a record whose outlet is mapped after
 * it arrived flows by itself, within that interval. Outlets are few and their mappings change rarely, so the scan is
 * rare too.
 */
public final class InventoryDecisions implements ProcessorSupplier<String, InventoryAndResolution, String, MappingCandidate> {

    private final InventoryByProduct.StoreNames names;
    private final String channelsSeenStore;
    private final Duration recheck;

    public InventoryDecisions(final InventoryByProduct.StoreNames names, final String channelsSeenStore, final Duration recheck) {
        this.names = names;
        this.channelsSeenStore = channelsSeenStore;
        this.recheck = recheck;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(InventoryByProduct.store(names.records()),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(channelsSeenStore), Serdes.String(), Serdes.String()));
    }

    @Override
    public Processor<String, InventoryAndResolution, String, MappingCandidate> get() {
        return new Processor<>() {
            private ProcessorContext<String, MappingCandidate> context;
            private InventoryByProduct inventory;
            private KeyValueStore<String, String> channelsSeen;

            @Override
            public void init(final ProcessorContext<String, MappingCandidate> context) {
                this.context = context;
                this.inventory = InventoryByProduct.open(context, names);
                this.channelsSeen = context.getStateStore(channelsSeenStore);
                context.schedule(recheck, PunctuationType.WALL_CLOCK_TIME, this::recheckChannels);
            }

            @Override
            public void process(final Record<String, InventoryAndResolution> record) {
                final VendInventory inventoryRecord = record.value().inventory();
                inventory.apply(inventoryRecord);
                if (!inventoryRecord.deleted()) {
                    context.forward(record.withKey(inventoryRecord.id())
                            .withValue(inventory.candidate(inventoryRecord, record.value().resolution())));
                }
            }

            private void recheckChannels(final long now) {
                final Map<String, String> current = new HashMap<>();
                try (KeyValueIterator<String, ValueAndTimestamp<OutletChannel>> all = inventory.channels().all()) {
                    all.forEachRemaining(entry -> {
                        final OutletChannel channel = entry.value == null ? null : entry.value.value();
                        if (channel != null && channel.getChannelKey() != null) {
                            current.put(entry.key, channel.getChannelKey());
                        }
                    });
                }
                final Set<String> changed = new HashSet<>();
                try (KeyValueIterator<String, String> seen = channelsSeen.all()) {
                    seen.forEachRemaining(entry -> {
                        if (!Objects.equals(entry.value, current.get(entry.key))) {
                            changed.add(entry.key);
                        }
                    });
                }
                current.forEach((outletId, channelKey) -> {
                    if (!channelKey.equals(channelsSeen.get(outletId))) {
                        changed.add(outletId);
                    }
                });
                if (changed.isEmpty()) {
                    return;
                }
                try (KeyValueIterator<String, VendInventory> all = inventory.records().all()) {
                    while (all.hasNext()) {
                        final KeyValue<String, VendInventory> entry = all.next();
                        if (changed.contains(entry.value.outletId())) {
                            context.forward(new Record<>(entry.value.id(), inventory.candidate(entry.value), now));
                        }
                    }
                }
                changed.forEach(outletId -> {
                    if (current.containsKey(outletId)) {
                        channelsSeen.put(outletId, current.get(outletId));
                    } else {
                        channelsSeen.delete(outletId);
                    }
                });
            }
        };
    }
}
