package io.vendsync.ingest.delta;

/**
 * Names the cursor of an on-demand snapshot, kept apart from the delta cursor of the same collection
 * ({@code <domain>/<entity>#snapshot} beside {@code <domain>/<entity>} in the cursor topic): a snapshot that
 * restarts from 0 must never move the delta cursor backwards, and a crashed snapshot resumes from its own.
 */
public final class SnapshotCursor {

    private static final String SUFFIX = "#snapshot";

    private SnapshotCursor() {
    }

    /** The cursor name of the snapshot of {@code entity}, used where a delta read uses the entity name. */
    public static String of(final String entity) {
        return entity + SUFFIX;
    }
}
