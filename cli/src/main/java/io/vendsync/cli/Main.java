package io.vendsync.cli;

import io.vendsync.ingest.IngestApp;
import io.vendsync.ingest.IngestConfig;
import io.vendsync.mapper.MapperApp;
import io.vendsync.mapper.MapperConfig;
import io.vendsync.sink.SinkApp;
import io.vendsync.sink.SinkConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigException;

/** {@code vendsync <command>}: one jar, every way to run the sync. */
public final class Main {

    /** The demo ships in its own jar (module demo): this production jar carries no embedded broker, mock or simulator. */
    public static final String DEMO_JAR = "demo/target/vendsync-demo.jar";

    public static final String USAGE = String.join(System.lineSeparator(),
            "usage: vendsync <command> [options]",
            "",
            "  demo [--stay] [--registry] [--outlets N] [--products N] [--changes N] [--timeout SECONDS] [--endpoints FILE]",
            "                 everything on this machine: embedded Kafka, commercetools mock, Vend simulator and",
            "                 the three apps; exits 0 once commercetools matches Vend (or stays up with --stay).",
            "                 --registry: on a real schema registry too (Apicurio Registry, Java 21+), Confluent wire format",
            "                 From a source checkout: ./vendsync demo (it runs the demo's own jar, " + DEMO_JAR + ")",
            "  ingest [FILE]  the Vend ingest (settings from FILE and VENDSYNC_* environment variables)",
            "  snapshot [--entity E]... [--all] [--since DATE] [FILE]  re-read Vend from version 0 into the raw topics, resumable;",
            "                 --entity sales --since DATE: the sales dated since then (Vend's search API finds where to start)",
            "  mapper [FILE]  the Kafka Streams mapper (each topology its own application)",
            "  sink [FILE]    the commercetools sink",
            "  dlq list|show|replay [--dlq inventory|catalog|mapper] [--config FILE] [--entity E] [--error-class C] [--key K] [--since T] [--until T] [--dry-run] [--force]",
            "                 inspect the sink's (inventory, catalog) or the mapper's dead letters; replay them to their original topic once each",
            "  mapping import FILE [--dry-run] [--config FILE]  publish explicit SKU or outlet mappings from a CSV; all lines valid or nothing",
            "  topics list|plan|apply|strimzi [--config FILE] [--cluster NAME]",
            "                 every topic vendsync needs: list it, compare with the cluster, create the missing ones,",
            "                 or print Strimzi KafkaTopic resources generated from the topic registry",
            "  reconcile [--config FILE] [--since T] [--max-mismatches N] [--out DIR] [--rate-share S] [--keep N]",
            "                 compare Vend with commercetools (inventory, prices, customers, orders); summary, HTML/CSV/JSON",
            "                 report; exit 1 when mismatches exceed --max-mismatches (default 0); --keep N: the last N runs'",
            "                 reports too, under DIR/runs/<start>/",
            "  config [ingest|mapper|sink]",
            "                 every setting of an app: name, type, default, meaning");

    private Main() {
    }

    public static void main(final String[] args) throws Exception {
        if (args.length == 0 || "-h".equals(args[0]) || "--help".equals(args[0]) || "help".equals(args[0])) {
            System.out.println(USAGE);
            return;
        }
        final String[] rest = Arrays.copyOfRange(args, 1, args.length);
        final String command = args[0].toLowerCase(Locale.ROOT);
        Logging.configure(command, System.getenv());
        try {
            run(command, rest);
        } catch (ConfigException e) {
            // A setting is missing or invalid: say which and how to set it, without a stack trace.
            System.err.println("vendsync " + command + ": " + e.getMessage()
                    + " (set it in the properties file or as a VENDSYNC_* environment variable; './vendsync config' lists them)");
            System.exit(2);
        }
    }

    private static void run(final String command, final String[] rest) throws Exception {
        switch (command) {
            case "demo" -> {
                System.err.println("This jar runs the apps and tools only; the demo (embedded Kafka, commercetools mock, Vend "
                        + "simulator) is in its own jar: run ./vendsync demo from a source checkout, or java -jar " + DEMO_JAR + " demo");
                System.exit(2);
            }
            case "ingest" -> IngestApp.main(rest);
            case "snapshot" -> System.exit(io.vendsync.ingest.snapshot.SnapshotCommand.main(List.of(rest), System.out, System.err));
            case "mapper" -> MapperApp.main(rest);
            case "sink" -> SinkApp.main(rest);
            case "dlq" -> System.exit(io.vendsync.cli.dlq.DlqCommand.run(rest, System.out, System.err));
            case "mapping" -> System.exit(io.vendsync.cli.mapping.MappingCommand.run(List.of(rest), System.out, System.err));
            case "topics" -> System.exit(io.vendsync.cli.topics.TopicsCommand.run(List.of(rest), System.out, System.err));
            case "reconcile" -> System.exit(io.vendsync.cli.reconcile.ReconcileCommand.main(List.of(rest), System.out, System.err));
            case "config" -> printConfig(rest.length == 0 ? "all" : rest[0]);
            default -> {
                System.err.println("Unknown command '" + command + "'");
                System.err.println(USAGE);
                System.exit(2);
            }
        }
    }

    private static void printConfig(final String app) {
        switch (app) {
            case "ingest" -> System.out.print(ConfigTable.section("ingest", IngestConfig.CONFIG_DEF));
            case "mapper" -> System.out.print(ConfigTable.section("mapper", MapperConfig.CONFIG_DEF));
            case "sink" -> System.out.print(ConfigTable.section("sink", SinkConfig.CONFIG_DEF));
            case "all" -> System.out.print(ConfigTable.all());
            default -> throw new IllegalArgumentException("config takes ingest, mapper or sink, not '" + app + "'");
        }
    }
}
