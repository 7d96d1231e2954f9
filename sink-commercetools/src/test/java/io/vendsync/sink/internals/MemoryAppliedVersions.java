package io.vendsync.sink.internals;

import java.util.HashMap;
import java.util.Map;

/** Applied-version marks in memory, as {@link KafkaAppliedVersions} keeps them on its topic: per topic and key, only raised. */
public final class MemoryAppliedVersions implements AppliedVersions {

    public final Map<String, Long> marks = new HashMap<>();

    @Override
    public long applied(final String topic, final String key) {
        return marks.getOrDefault(topic + "|" + key, Long.MIN_VALUE);
    }

    @Override
    public void record(final String topic, final String key, final long version) {
        marks.merge(topic + "|" + key, version, Math::max);
    }

    @Override
    public void close() {
    }
}
