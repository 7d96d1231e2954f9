package io.vendsync.schemas;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** One Kafka topic of the contract: its name, how its keys and values are encoded, and how it is kept. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, CleanupPolicy cleanupPolicy,
                          String description) {

    /** How the broker keeps a topic's records. */
    public enum CleanupPolicy {
        /** Time-based retention: an event log. */
        DELETE(TopicConfig.CLEANUP_POLICY_DELETE),
        /** Latest value per key: a table. */
        COMPACT(TopicConfig.CLEANUP_POLICY_COMPACT);

        private final String config;

        CleanupPolicy(final String config) {
            this.config = config;
        }

        public String config() {
            return config;
        }
    }

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
    }

    public Consumed<K, V> consumed() {
        return Consumed.with(keySerde, valueSerde);
    }

    public Produced<K, V> produced() {
        return Produced.with(keySerde, valueSerde);
    }

    public NewTopic newTopic(final int partitions, final short replicationFactor) {
        return new NewTopic(name, partitions, replicationFactor)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy.config()));
    }
}
