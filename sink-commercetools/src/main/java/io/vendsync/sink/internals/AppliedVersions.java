package io.vendsync.sink.internals;

/**
 * The newest record the sink has applied per (canonical topic, record key): its Vend source version and its offset in
 * the canonical topic. commercetools products and embedded prices have no field of ours to hold it (inventory entries
 * do, in a custom field), so without it a replay of a desired-state topic would write each key's older records on the
 * way to its latest: a regression, then a fix, and writes where the project already matched. A record older than the
 * mark is skipped as stale.
 */
public interface AppliedVersions extends AutoCloseable {

    /** Never skips anything: for loops whose writer keeps its own version (inventory). */
    AppliedVersions NONE = new AppliedVersions() {
        @Override
        public Mark applied(final String topic, final String key) {
            return Mark.NONE;
        }

        @Override
        public void record(final String topic, final String key, final Mark mark) {
        }

        @Override
        public void close() {
        }
    };

    /** The mark, or {@link Mark#NONE} when none. */
    Mark applied(String topic, String key);

    /** Raises the key's mark to {@code mark} (never lowers it). */
    void record(String topic, String key, Mark mark);

    @Override
    void close();

    /**
     * Where a record of one key stands: its source version, then its offset in the canonical topic. A mapper may
     * publish one key twice under the same version, when what changed was context it had not seen yet (a price book
     * arriving after its entries, in the same pass): the later offset is the newer state. Without the offset, the
     * earlier record, back from a retry tier after the later one was applied, would win.
     *
     * @param offset the record's offset in its canonical topic, or {@link #UNKNOWN_OFFSET} (a mark written by an older
     *               sink): then records of the same version are all applied, as before
     */
    record Mark(long version, long offset) {

        public static final long UNKNOWN_OFFSET = -1;
        public static final Mark NONE = new Mark(Long.MIN_VALUE, UNKNOWN_OFFSET);

        /** Whether a record at {@code other} is older than this mark, so applying it would regress the key. */
        public boolean isNewerThan(final Mark other) {
            if (other.version != version) {
                return other.version < version;
            }
            return offset != UNKNOWN_OFFSET && other.offset != UNKNOWN_OFFSET && other.offset < offset;
        }

        /** The newer of this mark and {@code other}. */
        public Mark max(final Mark other) {
            return other.isNewerThan(this) || other.version == version && offset == UNKNOWN_OFFSET ? other : this;
        }

        /** As kept on the marks topic: {@code <version>@<offset>}, or the bare version when the offset is unknown. */
        public String text() {
            return offset == UNKNOWN_OFFSET ? Long.toString(version) : version + "@" + offset;
        }

        /** Reads {@link #text()}, including a bare version written by an older sink. */
        public static Mark parse(final String text) {
            final int at = text.indexOf('@');
            return at < 0 ? new Mark(Long.parseLong(text.trim()), UNKNOWN_OFFSET)
                    : new Mark(Long.parseLong(text.substring(0, at).trim()), Long.parseLong(text.substring(at + 1).trim()));
        }
    }
}
