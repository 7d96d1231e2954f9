package io.vendsync.ingest.snapshot;

import io.vendsync.ingest.IngestConfig;
import io.vendsync.ingest.IngestWiring;
import io.vendsync.ingest.delta.CursorStore;
import io.vendsync.ingest.delta.DeltaReader;
import io.vendsync.ingest.delta.SnapshotCursor;
import io.vendsync.runtime.ConfigSource;
import io.vendsync.schemas.Topics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code vendsync snapshot [--entity E ...|--all] [--since DATE] [FILE]}: re-reads Vend collections from version 0 into their raw
 * topics as op=r, with a progress line per page. Resumable: each page commits with a snapshot cursor of its own
 * ({@code <domain>/<entity>#snapshot}), so after a crash the same command continues where the last committed page
 * ended; the delta cursor of the running ingest is never touched, so it cannot move backwards. It uses its own
 * transactional id ({@code <ingest id>-snapshot}), so it runs beside the ingest, and a restart fences a crashed run.
 */
public final class SnapshotCommand {

    public static final String USAGE = "snapshot [--entity E]... [--all] [--since DATE] [FILE]";

    /**
     * What to snapshot: named entities, every Vend entity, or (neither) the configured ones; {@code since} (only with
     * {@code --entity sales} alone): the sales from that date on, found by Vend's search API (a backfill).
     */
    public record Options(List<String> entities, boolean all, Path file, Instant since) {

        public Options(final List<String> entities, final boolean all, final Path file) {
            this(entities, all, file, null);
        }

        public static Options parse(final List<String> args) {
            final List<String> entities = new ArrayList<>();
            boolean all = false;
            Path file = null;
            Instant since = null;
            for (int i = 0; i < args.size(); i++) {
                final String arg = args.get(i);
                if ("--all".equals(arg)) {
                    all = true;
                } else if ("--since".equals(arg)) {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("--since needs a date; usage: " + USAGE);
                    }
                    since = SalesSince.parse(args.get(++i));
                } else if ("--entity".equals(arg)) {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("--entity needs a Vend entity, one of " + Topics.VEND_ENTITIES);
                    }
                    final String entity = args.get(++i).toLowerCase(Locale.ROOT);
                    if (!Topics.VEND_ENTITIES.contains(entity)) {
                        throw new IllegalArgumentException("Unknown Vend entity '" + entity + "'; one of " + Topics.VEND_ENTITIES);
                    }
                    entities.add(entity);
                } else if (arg.startsWith("--")) {
                    throw new IllegalArgumentException("Unknown option " + arg + "; usage: " + USAGE);
                } else if (file == null) {
                    file = Path.of(arg);
                } else {
                    throw new IllegalArgumentException("Only one settings FILE; usage: " + USAGE);
                }
            }
            if (all && !entities.isEmpty()) {
                throw new IllegalArgumentException("--all and --entity exclude each other; usage: " + USAGE);
            }
            if (since != null && !List.of("sales").equals(entities)) {
                throw new IllegalArgumentException("--since backfills sales only: use it with --entity sales alone; usage: " + USAGE);
            }
            return new Options(List.copyOf(entities), all, file, since);
        }

        List<String> resolve(final IngestConfig config) {
            return all ? Topics.VEND_ENTITIES : entities.isEmpty() ? config.entities() : entities;
        }
    }

    private SnapshotCommand() {
    }

    /** Runs the command from CLI arguments and {@code VENDSYNC_*} environment variables; returns the exit code. */
    public static int main(final List<String> args, final PrintStream out, final PrintStream err) throws InterruptedException {
        final Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        final IngestConfig config = new IngestConfig(ConfigSource.load(options.file(), System.getenv()));
        run(config, options.resolve(config), options.since(), out);
        return 0;
    }

    /** Snapshots each entity in turn, resuming any that an earlier run left unfinished. */
    public static void run(final IngestConfig config, final List<String> entities, final PrintStream out)
            throws InterruptedException {
        run(config, entities, null, out);
    }

    /** {@link #run(IngestConfig, List, PrintStream)}; with {@code since}, sales are read from that date's versions on. */
    public static void run(final IngestConfig config, final List<String> entities, final Instant since, final PrintStream out)
            throws InterruptedException {
        try (IngestWiring wiring = IngestWiring.open(config, config.transactionalId() + "-snapshot")) {
            final VersionTargets targets = VersionTargets.read(wiring.vend());
            final CursorStore cursors = wiring.cursors();
            final DeltaReader reader = wiring.reader();
            for (final String entity : entities) {
                final long found = since != null && "sales".equals(entity) ? SalesSince.floor(wiring.vend(), since) : 0L;
                if (found == SalesSince.EVERY_SALE) {
                    out.println(String.format(Locale.ROOT, "snapshot %s: Vend's search gave a sale dated %s or later without its"
                            + " version, so every sale is read", entity, since));
                }
                final long floor = found == SalesSince.EVERY_SALE ? 0L : found;
                if (floor < 0) {
                    out.println(String.format(Locale.ROOT, "snapshot %s: no sale dated %s or later; nothing to read", entity, since));
                    continue;
                }
                final long from = Math.max(floor, cursors.version(wiring.domainPrefix(), SnapshotCursor.of(entity)));
                out.println(String.format(Locale.ROOT, "snapshot %s: %s", entity, from > 0 ? (floor > 0 && from == floor
                        ? "sales since " + since + ": reading after version " + from : "resuming after version " + from) : "reading from version 0"));
                final DeltaReader.ReadResult result = reader.snapshot(entity,
                        new SnapshotProgress(out, wiring.governor(), from, targets.target(entity), System::nanoTime), floor);
                out.println(String.format(Locale.ROOT, "snapshot %s: done, %d records in %d pages (%d rejected), version %d",
                        entity, result.records(), result.pages(), result.rejected(), result.toVersion()));
            }
        }
    }
}
