package io.vendsync.mapper.inventory.internals;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Per outlet, the channel a task's inventory records were last settled on, against the channels of the global outlet
 * table now ({@link OutletChannels}). The table triggers nothing when it changes, so the task's outlet re-check asks
 * {@link #settleChanged} which outlets to re-decide. Every decision {@link #note}s the channel it used: one other than
 * the settled one marks the outlet {@link #UNSETTLED}, so an outlet mapped elsewhere and back between two re-checks
 * (A, then B, then A) reads as changed at the next one, and the stock decided for B is decided for A again.
 *
 * <p>An outlet whose channel other outlets map to as well is settled as {@link #POOLED} + channel: its stock is summed
 * with theirs there ({@link InventoryRecords#decide}). Every decision reads the outlet's settled value anyway, so it
 * learns that without another lookup, and every processor of the task reads the same store, so none decides with a
 * pooling the others have left. An outlet joining or leaving a channel reads as changed at the next re-check, as does
 * every outlet whose pooling that changes (a pool of two becoming one); a pool the outlet left is summed again by
 * {@link InventoryRecords#leftBehind}.
 */
public final class SettledChannels {

    /** What the store holds for an outlet decided under another channel than the settled one: no channel key equals it. */
    public static final String UNSETTLED = "";
    /** Prefixes the settled channel of an outlet that shares it with another outlet; no channel key holds it. */
    public static final String POOLED = "*";

    private final KeyValueStore<String, String> settled;
    private final OutletChannels current;

    public SettledChannels(final KeyValueStore<String, String> settled, final OutletChannels current) {
        this.settled = settled;
        this.current = current;
    }

    /**
     * The store, by outlet id. Every decision reads it, so it is cached (outlets are few). Under at_least_once a crash can
     * lose a mark written in the last commit interval (the cache reaches the changelog at commit, an entry at once);
     * exactly_once, the default, commits both or neither.
     */
    public static StoreBuilder<KeyValueStore<String, String>> store(final String name) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.String()).withCachingEnabled();
    }

    /**
     * A decision used {@code channel} (null: none) for the outlet: marks the outlet unsettled when that is not the settled
     * one. Returns whether the outlet is settled on {@code channel} as pooled with other outlets.
     */
    public boolean note(final String outletId, final String channel) {
        if (outletId == null) {
            return false;
        }
        final String was = settled.get(outletId);
        if (pooled(was, channel)) {
            return true;
        }
        if (!Objects.equals(was, channel) && !UNSETTLED.equals(was)) {
            settled.put(outletId, UNSETTLED);
        }
        return false;
    }

    /** Whether the outlet is settled on {@code channel}, pooled with other outlets. */
    public boolean isPooled(final String outletId, final String channel) {
        return pooled(settled.get(outletId), channel);
    }

    /** Whether the outlet is settled on {@code channel} (null: none), pooled or not. */
    public boolean agrees(final String outletId, final String channel) {
        final String was = settled.get(outletId);
        return Objects.equals(was, channel) || pooled(was, channel);
    }

    /** Marks the outlet unsettled: the next re-check re-decides its records. */
    public void unsettle(final String outletId) {
        if (!UNSETTLED.equals(settled.get(outletId))) {
            settled.put(outletId, UNSETTLED);
        }
    }

    private static boolean pooled(final String settledAs, final String channel) {
        return settledAs != null && channel != null && settledAs.length() == channel.length() + 1 && settledAs.startsWith(POOLED)
                && settledAs.endsWith(channel);
    }

    /** When nothing is settled yet, settles every outlet on its channel now. */
    public void settleAllIfNone() {
        try (KeyValueIterator<String, String> any = settled.all()) {
            if (any.hasNext()) {
                return;
            }
        }
        asSettled(current.all()).forEach(settled::put);
    }

    /**
     * Settles each outlet whose channel now differs from the settled one (or that is unsettled) on its channel now, and
     * returns them: their records are to be re-decided. Settled before they are re-decided, so a decision under a channel
     * that moved meanwhile marks its outlet again, and the mark stays.
     */
    public Set<String> settleChanged() {
        final Map<String, String> now = asSettled(current.all());
        final Set<String> changed = new HashSet<>();
        try (KeyValueIterator<String, String> all = settled.all()) {
            all.forEachRemaining(entry -> {
                if (!Objects.equals(entry.value, now.get(entry.key))) {
                    changed.add(entry.key);
                }
            });
        }
        now.forEach((outletId, value) -> {
            if (!value.equals(settled.get(outletId))) {
                changed.add(outletId);
            }
        });
        changed.forEach(outletId -> {
            if (now.containsKey(outletId)) {
                settled.put(outletId, now.get(outletId));
            } else {
                settled.delete(outletId);
            }
        });
        return changed;
    }

    /** Each outlet's channel as it is settled: marked {@link #POOLED} where more than one outlet maps to it. */
    static Map<String, String> asSettled(final Map<String, String> channels) {
        final Map<String, Integer> outlets = new HashMap<>();
        channels.values().forEach(channel -> outlets.merge(channel, 1, Integer::sum));
        final Map<String, String> settledAs = new HashMap<>();
        channels.forEach((outletId, channel) -> settledAs.put(outletId, outlets.get(channel) > 1 ? POOLED + channel : channel));
        return settledAs;
    }
}
