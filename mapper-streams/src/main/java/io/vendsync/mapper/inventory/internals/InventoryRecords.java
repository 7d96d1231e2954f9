package io.vendsync.mapper.inventory.internals;

import io.vendsync.mapper.internals.BomEdge;
import io.vendsync.mapper.internals.ErrorCode;
import io.vendsync.mapper.internals.InventoryMapping;
import io.vendsync.mapper.internals.JsonSerde;
import io.vendsync.mapper.internals.MappingCandidate;
import io.vendsync.mapper.internals.MappingOutcome;
import io.vendsync.mapper.internals.ProductResolutions;
import io.vendsync.mapper.internals.ProductStock;
import io.vendsync.mapper.vend.VendInventory;
import io.vendsync.schemas.Keys;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.schemas.mapping.OutletChannel;
import io.vendsync.schemas.mapping.ProductResolution;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * The inventory records of the products a task owns, one {@link InventoryEntry} each, keyed
 * {@code <product id>|<inventory id>} so a product's records are one prefix scan away; the lookups every decision needs
 * (the product's resolution, the outlet's channel); and the kits each product is a component of.
 *
 * <p>Why this shape: raw inventory is keyed by product id (the ingest publishes it so), co-partitioned with the product
 * resolutions, so a stock change is decided on the task that already has its product, with one store read and one
 * store write: no repartition, no foreign-key join, no separate stores for the version gate, the last outcome and the
 * last published version.
 */
public final class InventoryRecords {

    private static final StringSerializer PREFIX = new StringSerializer();

    private final KeyValueStore<String, InventoryEntry> entries;
    private final TimestampedKeyValueStore<String, ProductResolution> resolutions;
    private final OutletChannels channels;
    private final KeyValueStore<String, BomEdge> kitParents;
    private final KeyValueStore<String, Long> kitCounts;
    private final SettledChannels settled;
    private final InventoryMapping mapping;

    private InventoryRecords(final KeyValueStore<String, InventoryEntry> entries,
                             final TimestampedKeyValueStore<String, ProductResolution> resolutions,
                             final OutletChannels channels,
                             final KeyValueStore<String, BomEdge> kitParents, final KeyValueStore<String, Long> kitCounts,
                             final SettledChannels settled, final InventoryMapping mapping) {
        this.entries = entries;
        this.resolutions = resolutions;
        this.channels = channels;
        this.kitParents = kitParents;
        this.kitCounts = kitCounts;
        this.settled = settled;
        this.mapping = mapping;
    }

    /** The entries, by {@code <product id>|<inventory id>}. */
    public static StoreBuilder<KeyValueStore<String, InventoryEntry>> entriesStore(final String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), new InventoryEntrySerde());
    }

    /** The bill-of-materials edges by {@code <component id>|<composite id>}: the kits each product is a component of. */
    public static StoreBuilder<KeyValueStore<String, BomEdge>> kitParentsStore(final String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), new JsonSerde<>(BomEdge.class));
    }

    /**
     * Per product, the number of kits it is a component of, only for components: a stock change asks this with one
     * point read, which costs less than the prefix scan of {@link #kitParentsStore} it spares for every other product.
     */
    public static StoreBuilder<KeyValueStore<String, Long>> kitCountsStore(final String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.Long());
    }

    /** The stores as {@code context} holds them. */
    public static InventoryRecords open(final ProcessingContext context, final StoreNames names, final InventoryMapping mapping) {
        final OutletChannels channels = new OutletChannels(context.getStateStore(names.channels()), names.channelsTopic(),
                names.channelDecoder());
        return new InventoryRecords(context.getStateStore(names.entries()), context.getStateStore(names.resolutions()), channels,
                context.getStateStore(names.kitParents()), context.getStateStore(names.kitCounts()),
                new SettledChannels(context.getStateStore(names.channelsSeen()), channels), mapping);
    }

    /**
     * The entry {@code incoming} makes, not yet stored, or null when it is Vend's and its version is not higher than the
     * one kept (a late or repeated event: the newer one already passed). A deletion that does not say its outlet keeps the one it had.
     */
    public InventoryEntry accept(final VendInventory incoming) {
        final InventoryEntry held = entries.get(key(incoming.productId(), incoming.id()));
        // A kit's derived record is not gated: it arrives in order from the kit's own task, already only when it changed,
        // and its version (the newest among its inputs) can fall when a component's record is deleted.
        if (held != null && !incoming.fromBom() && incoming.version() <= held.record().version()) {
            return null;
        }
        if (held == null) {
            return new InventoryEntry(incoming, null, Map.of());
        }
        final VendInventory record = incoming.outletId() != null ? incoming
                : new VendInventory(incoming.id(), incoming.productId(), held.record().outletId(), incoming.inventoryLevel(),
                        incoming.version(), incoming.deleted(), incoming.sourceTsMs(), incoming.domainPrefix(), incoming.fromBom());
        return held.withRecord(record);
    }

    /** Stores an entry nothing is decided for (a deletion). */
    public void keep(final InventoryEntry entry) {
        entries.put(key(entry.record().productId(), entry.record().id()), entry);
    }

    /**
     * Decides the entry's record against its product's resolution now and its outlet's channel now, and stores what it
     * publishes. Returns the outcome to publish, or null when there is nothing new to tell (it reads as the last one
     * published for the record, or {@link InventoryMapping#decide} has nothing to say yet).
     * <ul>
     *   <li><b>Outlets pooled on one channel.</b> Where more than one outlet maps to the channel (settled so,
     *       {@link SettledChannels#note}), the level is the sum of the product's live records there, each negative one as
     *       0, naming the outlets ({@code pooled_outlet_ids}): one commercetools entry holds the stock of all of them, so
     *       each stock change publishes the whole, not its own outlet's part over the others'.</li>
     *   <li><b>An outlet gone.</b> A level for a record whose outlet maps to no channel any more (deleted in Vend) is, at
     *       the key it last published under ({@link InventoryMapping#withdrawn}), 0, since the store's stock must not stay
     *       for sale; or the sum of the product's other live records there when two or more of them stay pooled. With one
     *       left there (a store moved to a new outlet record, the last of a pool) the key is that record's: this one
     *       reports {@code OUTLET_UNMAPPED}, and that one publishes its own level when the re-check re-decides it.</li>
     *   <li><b>Pools that moved.</b> A sum that met another record of the product whose outlet maps elsewhere than it was
     *       settled on (mapped there and back between two re-checks) marks both outlets unsettled, so the next re-check
     *       sums again. A deleted inventory record of a pool is re-summed by one of its poolmates ({@link #poolmate}).</li>
     *   <li><b>Versions.</b> A level whose version is not above the last one published at its (SKU, channel), by this
     *       record or (where another outlet maps or mapped there) by another record of the product, is raised to one
     *       above it: a product deletion or undelete, or another outlet's share, changes the level without a new version
     *       of this record, and the sink would skip it as stale.</li>
     * </ul>
     * A decision under another channel than the one the outlet's records were last settled on (or under none) marks the
     * outlet unsettled ({@link SettledChannels#note}), whether or not it publishes: if the outlet is mapped back before
     * the next re-check, that re-check still re-decides it, so stock decided in between does not stay where the outlet no
     * longer maps.
     *
     * @param stored         whether {@code entry} is already in the store as it is (a re-decision), or new (a stock change)
     * @param othersVersions whether to look for versions other records of the product published at the key even where
     *                       the channel is not pooled now: the outlet re-check, which re-decides the outlets that left a pool
     */
    public MappingOutcome decide(final InventoryEntry entry, final boolean stored, final ProductResolution resolution,
                                 final long timestampMs, final boolean othersVersions) {
        final VendInventory record = entry.record();
        final String channel = channelKey(record.outletId());
        final boolean pooled = settled.note(record.outletId(), channel);
        MappingOutcome decided = mapping.decide(new MappingCandidate(record, ProductResolutions.state(resolution), channel),
                timestampMs);
        long othersPublished = Long.MIN_VALUE;
        if (decided != null && channel == null && !decided.isMapped()
                && ErrorCode.OUTLET_UNMAPPED.name().equals(decided.error().getCode()) && !entry.published().isEmpty()) {
            // The outlet was deleted (or its only mapping withdrawn) after its stock was published: that stock must not
            // stay for sale, so the key it last went to gets 0, or the sum of the product's records there when two or
            // more of them stay pooled (their own changes look at every version published there). One record left there
            // (a store moved to a new outlet record, or the last of a pool) is that record's own: the re-check re-decides
            // it (its outlet reads as changed, or leftBehind finds it), and a publish on its behalf would put a version
            // at the key that its own stock changes, unpooled, do not look at.
            final String last = lastPublished(entry.published());
            final Pool others = others(record, last, resolution);
            if (others.outlets().size() != 1) {
                decided = MappingOutcome.mapped(others.pool(InventoryMapping.withdrawn(record, last).level(), false));
                othersPublished = others.highestPublished();
            }
        } else if (decided != null && decided.isMapped() && (pooled || othersVersions)) {
            final InventoryLevel level = decided.level();
            final Pool others = others(record, Keys.inventory(level.getChannelKey(), level.getSku()), resolution);
            othersPublished = others.highestPublished();
            if (pooled && !resolution.getDeleted()) { // a deleted product's stock is 0 at every outlet, pooled or not
                decided = MappingOutcome.mapped(others.pool(level, true));
            }
        }
        if (decided == null) {
            // Nothing to tell yet (the product's matching is pending, a kit's identity is on its way).
            if (!stored) {
                keep(entry);
            }
            return null;
        }
        final String canonicalKey = decided.isMapped() ? Keys.inventory(decided.level().getChannelKey(), decided.level().getSku()) : null;
        final Long own = canonicalKey == null ? null : entry.published().get(canonicalKey);
        final String print = InventoryMapping.fingerprint(decided);
        // Held back when it reads as the last one published; at the outlet re-check, not when another record of the
        // product published at the key since (a sum that counted an outlet now gone from the channel): the key holds that.
        if (print.equals(entry.lastOutcome()) && !(othersVersions && own != null && othersPublished > own)) {
            if (!stored) {
                keep(entry);
            }
            return null;
        }
        MappingOutcome outcome = decided;
        Map<String, Long> published = entry.published();
        if (decided.isMapped()) {
            final InventoryLevel level = decided.level();
            final long last = Math.max(own == null ? Long.MIN_VALUE : own, othersPublished);
            long version = level.getSourceVersion();
            if (last != Long.MIN_VALUE && version <= last) {
                version = last + 1;
                outcome = MappingOutcome.mapped(InventoryLevel.newBuilder(level).setSourceVersion(version).build());
            }
            if (published.isEmpty() || published.size() == 1 && published.containsKey(canonicalKey)) {
                published = Map.of(canonicalKey, version);
            } else {
                // The key just published goes last: the entry keeps its keys in the order they were last published to.
                published = new LinkedHashMap<>(published);
                published.remove(canonicalKey);
                published.put(canonicalKey, version);
            }
        }
        keep(new InventoryEntry(record, print, published));
        return outcome;
    }

    /** {@link #decide(InventoryEntry, boolean, ProductResolution, long, boolean)} for a stock change or a product's re-decision. */
    public MappingOutcome decide(final InventoryEntry entry, final boolean stored, final ProductResolution resolution,
                                 final long timestampMs) {
        return decide(entry, stored, resolution, timestampMs, false);
    }

    /**
     * The product's other records at {@code canonicalKey}: the live ones that map there now (their outlet's channel, the
     * product's SKU, of the same kind as {@code record}: Vend's, or a kit's derived) with their stock, and the highest
     * version any of them, deleted ones too, published there.
     */
    private Pool others(final VendInventory record, final String canonicalKey, final ProductResolution resolution) {
        final int slash = canonicalKey.indexOf('/');
        final String channel = canonicalKey.substring(0, slash);
        final boolean skuHere = resolution != null && canonicalKey.substring(slash + 1).equals(resolution.getSku());
        final long[] quantity = {0};
        final long[] highest = {Long.MIN_VALUE};
        final TreeSet<String> outlets = new TreeSet<>();
        final boolean[] moved = {false};
        try (KeyValueIterator<String, InventoryEntry> all = entries.prefixScan(record.productId() + "|", PREFIX)) {
            all.forEachRemaining(stored -> {
                final InventoryEntry other = stored.value;
                if (other.record().id().equals(record.id())) {
                    return;
                }
                final Long published = other.published().get(canonicalKey);
                if (published != null) {
                    highest[0] = Math.max(highest[0], published);
                }
                final String outlet = other.record().outletId();
                if (other.record().deleted() || outlet == null) {
                    return;
                }
                final String otherChannel = channelKey(outlet);
                if (!settled.agrees(outlet, otherChannel)) {
                    // Mapped elsewhere since the last re-check, maybe only for a moment: what this sum counted of it may not
                    // hold then, so both outlets read as changed at the next re-check and are summed again.
                    settled.unsettle(outlet);
                    moved[0] = true;
                }
                if (skuHere && other.record().fromBom() == record.fromBom() && channel.equals(otherChannel)) {
                    quantity[0] += Math.max(0, other.record().inventoryLevel());
                    outlets.add(outlet);
                }
            });
        }
        if (moved[0] && record.outletId() != null) {
            settled.unsettle(record.outletId());
        }
        return new Pool(quantity[0], outlets, highest[0]);
    }

    /**
     * A live record of the product that shared a pooled channel with {@code deleted} (an inventory record deleted in Vend),
     * or null: decided again, it publishes the sum there without the deleted record's stock, for all of them.
     */
    public InventoryEntry poolmate(final VendInventory deleted) {
        final String channel = channelKey(deleted.outletId());
        return channel == null || !settled.isPooled(deleted.outletId(), channel) ? null : liveAt(channel, deleted);
    }

    /**
     * A live record of the product still at the channel of {@code lastKey}, the key {@code record} last published under,
     * when {@code record}'s outlet maps elsewhere now, or null: decided again, it sums that channel without {@code record}
     * (its poolmates that stay pooled read as unchanged at the re-check, so nothing else would).
     */
    public InventoryEntry leftBehind(final VendInventory record, final String lastKey) {
        if (lastKey == null) {
            return null;
        }
        final String channel = lastKey.substring(0, lastKey.indexOf('/'));
        return channel.equals(channelKey(record.outletId())) ? null : liveAt(channel, record);
    }

    /** The key the entry last published under, or null. */
    public static String lastKey(final InventoryEntry entry) {
        return lastPublished(entry.published());
    }

    /** A live record of {@code record}'s product and kind (Vend's, or a kit's derived), other than it, whose outlet maps to {@code channel} now. */
    private InventoryEntry liveAt(final String channel, final VendInventory record) {
        try (KeyValueIterator<String, InventoryEntry> all = entries.prefixScan(record.productId() + "|", PREFIX)) {
            while (all.hasNext()) {
                final InventoryEntry other = all.next().value;
                if (!other.record().deleted() && !other.record().id().equals(record.id()) && other.record().fromBom() == record.fromBom()
                        && other.record().outletId() != null && channel.equals(channelKey(other.record().outletId()))) {
                    return other;
                }
            }
        }
        return null;
    }

    /** Other records' stock at one key: its sum (each negative level as 0), their outlets, the highest version published there. */
    private record Pool(long quantity, TreeSet<String> outlets, long highestPublished) {

        /**
         * {@code level} holding the pool's stock, with {@code level}'s own added when {@code withOwn}; as it is when the
         * pool is empty and its own counts (nothing is shared with it then).
         */
        InventoryLevel pool(final InventoryLevel level, final boolean withOwn) {
            if (withOwn && outlets.isEmpty()) {
                return level;
            }
            final TreeSet<String> all = new TreeSet<>(outlets);
            if (withOwn) {
                all.add(level.getVendOutletId());
            }
            return InventoryLevel.newBuilder(level)
                    .setQuantity(quantity + (withOwn ? Math.max(0, level.getQuantity()) : 0))
                    .setPooledOutletIds(new ArrayList<>(all))
                    .build();
        }
    }

    /** The canonical key the record last published under (the entry keeps them in that order), or null. */
    private static String lastPublished(final Map<String, Long> published) {
        String last = null;
        for (final String key : published.keySet()) {
            last = key;
        }
        return last;
    }

    /** The product's resolution in the table now, or null. */
    public ProductResolution resolution(final String productId) {
        return value(resolutions.get(productId));
    }

    /** The channel key the outlet resolves to now, or null. */
    public String channelKey(final String outletId) {
        return channels.channelKey(outletId);
    }

    /** The channels the task's records were last settled on, for the outlet re-check. */
    public SettledChannels settled() {
        return settled;
    }

    /** Each live (not deleted) entry of the product. */
    public void forEachLive(final String productId, final Consumer<InventoryEntry> action) {
        try (KeyValueIterator<String, InventoryEntry> all = entries.prefixScan(productId + "|", PREFIX)) {
            all.forEachRemaining(entry -> {
                if (!entry.value.record().deleted()) {
                    action.accept(entry.value);
                }
            });
        }
    }

    /** Whether the task holds no inventory record at all (deleted ones included). */
    public boolean isEmpty() {
        try (KeyValueIterator<String, InventoryEntry> all = entries.all()) {
            return !all.hasNext();
        }
    }

    /** Each live entry of the task. */
    public void forEachLive(final Consumer<InventoryEntry> action) {
        try (KeyValueIterator<String, InventoryEntry> all = entries.all()) {
            all.forEachRemaining(entry -> {
                if (!entry.value.record().deleted()) {
                    action.accept(entry.value);
                }
            });
        }
    }

    /** The product's Vend stock per outlet (not a kit's derived records), or null when it has none. */
    public ProductStock stockOf(final String productId) {
        final ProductStock[] stock = {ProductStock.NONE};
        forEachLive(productId, entry -> {
            if (!entry.record().fromBom()) {
                stock[0] = stock[0].apply(entry.record());
            }
        });
        return stock[0].outlets().isEmpty() ? null : stock[0];
    }

    /** The edges of the kits the product is a component of. */
    public List<BomEdge> kitsOf(final String productId) {
        final List<BomEdge> edges = new ArrayList<>();
        if (kitCounts.get(productId) == null) {
            return edges;
        }
        try (KeyValueIterator<String, BomEdge> all = kitParents.prefixScan(productId + "|", PREFIX)) {
            all.forEachRemaining(entry -> edges.add(entry.value));
        }
        return edges;
    }

    /** Remembers that {@code edge} makes its component part of its kit, or forgets it ({@code edge} null). */
    public void kitEdge(final String componentId, final String compositeId, final BomEdge edge) {
        final String key = componentId + "|" + compositeId;
        final boolean had = kitParents.get(key) != null;
        final Long count = kitCounts.get(componentId);
        final long before = count == null ? 0 : count;
        if (edge == null) {
            kitParents.delete(key);
            if (had && before <= 1) {
                kitCounts.delete(componentId);
            } else if (had) {
                kitCounts.put(componentId, before - 1);
            }
        } else {
            kitParents.put(key, edge);
            if (!had) {
                kitCounts.put(componentId, before + 1);
            }
        }
    }

    public static String key(final String productId, final String inventoryId) {
        return productId + "|" + inventoryId;
    }

    private static <V> V value(final ValueAndTimestamp<V> stored) {
        return stored == null ? null : stored.value();
    }

    /**
     * Where the stores are: the entries, the product resolution table, the global outlet table (the topic's bytes, decoded
     * by {@code channelDecoder} as {@link OutletChannels} needs them), the kits' edges and counts, and the channels the
     * outlet re-check last settled on ({@link SettledChannels#store}).
     */
    public record StoreNames(String entries, String resolutions, String channels, String channelsTopic,
                             Deserializer<OutletChannel> channelDecoder, String kitParents, String kitCounts, String channelsSeen) {
    }
}
