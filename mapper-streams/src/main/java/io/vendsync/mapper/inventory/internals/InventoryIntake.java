package io.vendsync.mapper.inventory.internals;

import io.vendsync.mapper.internals.Parsed;
import io.vendsync.mapper.internals.RawTopicReader;
import io.vendsync.mapper.vend.VendInventory;
import io.vendsync.mapper.vend.VendJsonParser;
import io.vendsync.schemas.Topic;
import io.vendsync.schemas.raw.VendChange;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The first step of every stock change: Vend's record read by the shared parser ({@link RawTopicReader#parse}) and sent
 * to exactly one named child: the record keyed by its product (as the ingest publishes it) on to the decision, one keyed
 * otherwise to the re-keying, one that cannot be read to the validation-errors sink ({@code PAYLOAD_INVALID}, with its
 * payload). One node instead of a parse, two splits and an unwrapping: each node a stock change visits costs.
 */
public final class InventoryIntake implements FixedKeyProcessorSupplier<String, VendChange, Parsed<VendInventory>> {

    /** The children by name: the decision's input, the re-keying, the validation-errors sink. */
    public record Children(String byProduct, String rekey, String invalid) {
    }

    private final Topic<String, VendChange> topic;
    private final Children children;

    public InventoryIntake(final Topic<String, VendChange> topic, final Children children) {
        this.topic = topic;
        this.children = children;
    }

    @Override
    public FixedKeyProcessor<String, VendChange, Parsed<VendInventory>> get() {
        return new FixedKeyProcessor<>() {
            private FixedKeyProcessorContext<String, Parsed<VendInventory>> context;

            @Override
            public void init(final FixedKeyProcessorContext<String, Parsed<VendInventory>> context) {
                this.context = context;
            }

            @Override
            public void process(final FixedKeyRecord<String, VendChange> record) {
                final Parsed<VendInventory> parsed = RawTopicReader.parse(topic, "inventory", VendJsonParser::inventory,
                        RawTopicReader.nothingMore(), true, record.key(), record.value(), record.timestamp());
                final String child;
                if (!parsed.isOk()) {
                    child = children.invalid();
                } else if (parsed.value().productId().equals(record.key())) {
                    child = children.byProduct();
                } else {
                    child = children.rekey();
                }
                context.forward(record.withValue(parsed), child);
            }
        };
    }
}
