package io.vendsync.mapper.inventory.internals;

import io.vendsync.mapper.internals.BomEdge;
import io.vendsync.mapper.internals.InventoryMapping;
import io.vendsync.mapper.internals.MappingOutcome;
import io.vendsync.mapper.internals.ProductStock;
import io.vendsync.mapper.vend.VendInventory;
import io.vendsync.schemas.mapping.ProductResolution;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Decides each inventory record (keyed by product id) on its product's task: the version gate, the decision against the
 * product's resolution and the outlet's channel, and what is published ({@link InventoryRecords#decide}); the outcome
 * goes to its sink ({@link InventoryRoutes}). When the record is Vend's stock of a product that is a component of kits, the
 * product's new stock per outlet goes to each of those kits as well.
 *
 * <p>Outlets come from a global table, which triggers nothing when it changes. So every {@code recheck} of wall-clock
 * time, the task re-decides the records of every outlet whose channel is not the one they were last settled on
 * ({@link SettledChannels}, kept in a store, so a restart does not redo it): a record whose outlet is mapped after it
 * arrived flows by itself, within that interval, and so does one decided while its outlet was mapped elsewhere for a
 * moment. Outlets are few and their mappings change rarely, so the scan is rare too. Where outlets share a channel, an
 * outlet joining or leaving reads as changed, as does each outlet whose pooling that changes ({@link SettledChannels#POOLED});
 * for a record that left the channel it last published at, one record of its product still there is decided again
 * ({@link InventoryRecords#leftBehind}), so the sum there drops it even when the others stay pooled. A deleted inventory
 * record of a pool has one of its poolmates decided again for the same reason.
 */
public final class InventoryDecisions implements ProcessorSupplier<String, InventoryAndResolution, String, InventoryOutput> {

    private final InventoryRecords.StoreNames names;
    private final Duration recheck;
    private final InventoryMapping mapping;
    private final InventoryRoutes routes;
    private final boolean ownsStores;

    /**
     * @param routes     the children each output goes to, by name
     * @param ownsStores whether this processor declares the entries, kit-parents and channels-seen stores (one of the
     *                   processors sharing them does; the others connect to them by name)
     */
    public InventoryDecisions(final InventoryRecords.StoreNames names, final Duration recheck, final InventoryMapping mapping,
                              final InventoryRoutes routes, final boolean ownsStores) {
        this.names = names;
        this.recheck = recheck;
        this.mapping = mapping;
        this.routes = routes;
        this.ownsStores = ownsStores;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        if (!ownsStores) {
            return null;
        }
        return Set.of(InventoryRecords.entriesStore(names.entries()), InventoryRecords.kitParentsStore(names.kitParents()),
                InventoryRecords.kitCountsStore(names.kitCounts()),
                SettledChannels.store(names.channelsSeen()));
    }

    @Override
    public Processor<String, InventoryAndResolution, String, InventoryOutput> get() {
        return new Processor<>() {
            private ProcessorContext<String, InventoryOutput> context;
            private InventoryRecords inventory;
            private boolean seedChecked;

            @Override
            public void init(final ProcessorContext<String, InventoryOutput> context) {
                this.context = context;
                this.inventory = InventoryRecords.open(context, names, mapping);
                if (ownsStores) {
                    context.schedule(recheck, PunctuationType.WALL_CLOCK_TIME, this::recheckChannels);
                }
            }

            @Override
            public void process(final Record<String, InventoryAndResolution> record) {
                if (!seedChecked) {
                    seedChecked = true;
                    seedChannelsOfAFreshTask();
                }
                final VendInventory incoming = record.value().inventory();
                final InventoryEntry entry = inventory.accept(incoming);
                if (entry == null) {
                    return; // a late or repeated event: the newer one already passed
                }
                if (entry.record().deleted()) {
                    inventory.keep(entry);
                    final InventoryEntry poolmate = inventory.poolmate(entry.record());
                    if (poolmate != null) { // its stock leaves the sum at the pooled channel
                        redecide(poolmate, record.timestamp(), record.headers());
                    }
                } else {
                    final ProductResolution resolution = record.value().resolution() != null ? record.value().resolution()
                            : inventory.resolution(incoming.productId());
                    final MappingOutcome outcome = inventory.decide(entry, false, resolution, record.timestamp());
                    if (outcome != null) {
                        routes.outcome(context, incoming.id(), outcome, record.timestamp(), record.headers());
                    }
                }
                if (!incoming.fromBom()) {
                    tellKits(record, incoming.productId());
                }
            }

            /** A component's stock changed: each of its kits gets the component's stock per outlet. */
            private void tellKits(final Record<String, InventoryAndResolution> record, final String productId) {
                final List<BomEdge> kits = inventory.kitsOf(productId);
                if (kits.isEmpty()) {
                    return; // most products are no component: one empty prefix scan
                }
                final ProductStock stock = inventory.stockOf(productId);
                for (final BomEdge edge : kits) {
                    routes.kitInput(context, new KitComponentChange(edge.compositeId(), productId, edge, stock),
                            record.timestamp(), record.headers());
                }
            }

            /**
             * A task that holds no record yet has nothing to re-decide: it takes the outlets' channels as they are now, so
             * its first recheck does not re-decide every record it took in before it (on a fresh deployment, all of a
             * backlog's first second). Done on its first record, not in init, so the store writes have a record context.
             */
            private void seedChannelsOfAFreshTask() {
                if (ownsStores && inventory.isEmpty()) {
                    inventory.settled().settleAllIfNone();
                }
            }

            /** Re-decides the records of every outlet whose channel is not the one they were settled on. */
            private void recheckChannels(final long now) {
                final Set<String> changed = inventory.settled().settleChanged();
                if (changed.isEmpty()) {
                    return;
                }
                final List<InventoryEntry> affected = new ArrayList<>();
                inventory.forEachLive(entry -> {
                    if (changed.contains(entry.record().outletId())) {
                        affected.add(entry);
                    }
                });
                for (final InventoryEntry entry : affected) {
                    final String before = InventoryRecords.lastKey(entry);
                    redecide(entry, now, null);
                    // It left the channel it published at: one record still there sums it again (without it).
                    final InventoryEntry mate = inventory.leftBehind(entry.record(), before);
                    if (mate != null && !changed.contains(mate.record().outletId())) {
                        redecide(mate, now, null);
                    }
                }
            }

            /** Decides a stored entry again, looking at every version published at its key, and sends what it publishes. */
            private void redecide(final InventoryEntry entry, final long timestamp, final Headers headers) {
                final MappingOutcome outcome = inventory.decide(entry, true, inventory.resolution(entry.record().productId()), timestamp, true);
                if (outcome != null) {
                    routes.outcome(context, entry.record().id(), outcome, timestamp, headers);
                }
            }
        };
    }
}
