package io.vendsync.ingest;

import io.vendsync.ingest.snapshot.SnapshotCommand;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@link SnapshotCommand} in a JVM of its own, so a test can kill it mid-way. Arguments: the entity, then
 * the ingest settings as key=value pairs.
 */
public final class SnapshotChild {

    private SnapshotChild() {
    }

    public static void main(final String[] args) throws Exception {
        final Map<String, String> settings = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            final int eq = args[i].indexOf('=');
            settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        SnapshotCommand.run(new IngestConfig(settings), List.of(args[0]), System.out);
    }
}
