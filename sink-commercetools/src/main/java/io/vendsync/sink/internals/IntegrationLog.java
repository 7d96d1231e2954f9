package io.vendsync.sink.internals;

import io.vendsync.schemas.ops.IntegrationLogEntry;

/** Where the sink's integration-log entries go: the integration-log topic in production, a list in tests. */
@FunctionalInterface
public interface IntegrationLog {

    IntegrationLog NONE = (key, entry) -> { };

    /** Must not block for long and must not throw: the integration log never stops the sink. */
    void record(String key, IntegrationLogEntry entry);
}
