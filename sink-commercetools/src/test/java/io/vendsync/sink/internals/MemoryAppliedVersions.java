package io.vendsync.sink.internals;

import java.util.HashMap;
import java.util.Map;

/** Applied-version marks in memory, as {@link KafkaAppliedVersions} keeps them on its topic: per topic and key, only raised. */
public final class MemoryAppliedVersions implements AppliedVersions {

    public final Map<String, Mark> marks = new HashMap<>();

    @Override
    public Mark applied(final String topic, final String key) {
        return marks.getOrDefault(topic + "|" + key, Mark.NONE);
    }

    @Override
    public void record(final String topic, final String key, final Mark mark) {
        marks.merge(topic + "|" + key, mark, Mark::max);
    }

    @Override
    public void close() {
    }
}
