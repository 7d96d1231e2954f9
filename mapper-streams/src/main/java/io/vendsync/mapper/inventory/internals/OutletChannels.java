package io.vendsync.mapper.inventory.internals;

import io.vendsync.mapper.internals.DecodedGlobalTable;
import io.vendsync.schemas.mapping.OutletChannel;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;

/**
 * The channel key each outlet resolves to now, read from the global outlet table, which holds the topic's bytes: every
 * stock change asks, so an outlet's record is decoded again only when its bytes changed (outlets are few; decoding the
 * Avro record on every ask was a tenth of a stock change's cost).
 */
public final class OutletChannels {

    private final DecodedGlobalTable<OutletChannel> table;

    public OutletChannels(final TimestampedKeyValueStore<String, byte[]> store, final String topic,
                          final Deserializer<OutletChannel> decoder) {
        this.table = new DecodedGlobalTable<>(store, topic, decoder);
    }

    /** The channel key the outlet resolves to now, or null (unknown, deleted, or no channel). */
    public String channelKey(final String outletId) {
        if (outletId == null) {
            return null;
        }
        final DecodedGlobalTable.Decoded<OutletChannel> channel = table.get(outletId);
        return channel == null || channel.value() == null ? null : channel.value().getChannelKey();
    }

    /** Every outlet that resolves to a channel now, with its channel key. */
    public Map<String, String> all() {
        final Map<String, String> current = new HashMap<>();
        table.forEach((outletId, channel) -> {
            if (channel != null && channel.getChannelKey() != null) {
                current.put(outletId, channel.getChannelKey());
            }
        });
        return current;
    }
}
