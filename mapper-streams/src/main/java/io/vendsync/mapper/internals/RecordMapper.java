package io.vendsync.mapper.internals;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * A {@code mapValues} that also sees the key and the record timestamp. Error records are stamped with
 * the timestamp of the record that revealed the problem rather than the wall clock, so reprocessing the
 * same input yields the same output.
 */
public final class RecordMapper<V, VOut> implements FixedKeyProcessorSupplier<String, V, VOut> {

    /** The mapping; a null result forwards nothing. */
    @FunctionalInterface
    public interface Function<V, VOut> {
        VOut apply(String key, V value, long timestampMs);
    }

    private final Function<V, VOut> function;

    public RecordMapper(final Function<V, VOut> function) {
        this.function = function;
    }

    @Override
    public FixedKeyProcessor<String, V, VOut> get() {
        return new FixedKeyProcessor<>() {
            private FixedKeyProcessorContext<String, VOut> context;

            @Override
            public void init(final FixedKeyProcessorContext<String, VOut> context) {
                this.context = context;
            }

            @Override
            public void process(final FixedKeyRecord<String, V> record) {
                final VOut out = function.apply(record.key(), record.value(), record.timestamp());
                if (out != null) {
                    context.forward(record.withValue(out));
                }
            }
        };
    }
}
