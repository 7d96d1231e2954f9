package io.vendsync.sink.internals;

/**
 * The highest Vend source version the sink has applied per (canonical topic, record key). commercetools products and
 * embedded prices have no field of ours to hold it (inventory entries do, in a custom field), so without it a replay
 * of a desired-state topic would write each key's older records on the way to its latest: a regression, then a fix,
 * and writes where the project already matched. A record older than the mark is skipped as stale.
 */
public interface AppliedVersions extends AutoCloseable {

    /** Never skips anything: for loops whose writer keeps its own version (inventory). */
    AppliedVersions NONE = new AppliedVersions() {
        @Override
        public long applied(final String topic, final String key) {
            return Long.MIN_VALUE;
        }

        @Override
        public void record(final String topic, final String key, final long version) {
        }

        @Override
        public void close() {
        }
    };

    /** The mark, or {@link Long#MIN_VALUE} when none. */
    long applied(String topic, String key);

    /** Raises the mark to {@code version} (never lowers it). */
    void record(String topic, String key, long version);

    @Override
    void close();
}
