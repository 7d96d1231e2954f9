package io.vendsync.ingest.publish;

import io.debezium.engine.ChangeEvent;
import io.vendsync.schemas.raw.VendChange;

/**
 * A raw change ready to publish, in Debezium's engine shape: key (the Vend id; a product id for inventory, see {@link RecordKeys}), value (the envelope) and
 * destination (the raw topic). Anything that consumes Debezium change events can consume these.
 */
public record VendChangeEvent(String key, VendChange value, String destination) implements ChangeEvent<String, VendChange> {

    @Override
    public Integer partition() {
        // Let the producer's partitioner place it by key, as for any Kafka record.
        return null;
    }
}
