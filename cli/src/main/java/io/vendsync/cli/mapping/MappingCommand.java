package io.vendsync.cli.mapping;

import io.vendsync.mapper.MapperConfig;
import io.vendsync.mapper.identity.Skus;
import io.vendsync.mapper.overrides.OverrideCsvImporter;
import io.vendsync.mapper.overrides.OverrideImport;
import io.vendsync.runtime.CommonConfig;
import io.vendsync.runtime.ConfigSource;
import io.vendsync.runtime.TopicProvisioner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code vendsync mapping import FILE [--dry-run] [--config FILE]}: explicit mappings from a CSV
 * ({@code vend_product_id,commercetools_sku}, {@code vend_outlet_id,channel_key} or
 * {@code vend_customer_id,commercetools_customer_id}) to their topics. Kafka,
 * topic prefix, registry and {@code sku.case} come from the mapper's settings (the --config file and
 * {@code VENDSYNC_*} variables), so the file is checked with the rules the running mapper applies.
 * Exit 0 when published (or valid, with --dry-run), 1 when the file has bad lines or publishing failed,
 * 2 on a usage error.
 */
public final class MappingCommand {

    public static final String USAGE = "mapping import FILE [--dry-run] [--config FILE]";

    /** Opens the producer; replaced in tests. */
    @FunctionalInterface
    interface ProducerFactory {
        Producer<byte[], byte[]> open(MapperConfig config);
    }

    private MappingCommand() {
    }

    public static int run(final List<String> args, final PrintStream out, final PrintStream err) {
        return run(args, System.getenv(), MappingCommand::openProducer, out, err);
    }

    static int run(final List<String> args, final Map<String, String> environment, final ProducerFactory producers,
                   final PrintStream out, final PrintStream err) {
        final Deque<String> queue = new ArrayDeque<>(args);
        if (queue.isEmpty() || !"import".equals(queue.pop()) || queue.isEmpty()) {
            err.println("usage: vendsync " + USAGE);
            return 2;
        }
        final Path file = Path.of(queue.pop());
        boolean dryRun = false;
        Path settingsFile = null;
        while (!queue.isEmpty()) {
            final String option = queue.pop();
            if ("--dry-run".equals(option)) {
                dryRun = true;
            } else if ("--config".equals(option) && !queue.isEmpty()) {
                settingsFile = Path.of(queue.pop());
            } else {
                err.println("Unknown or incomplete mapping option '" + option + "'");
                err.println("usage: vendsync " + USAGE);
                return 2;
            }
        }

        final MapperConfig config;
        try {
            final Map<String, String> settings = new HashMap<>(ConfigSource.load(settingsFile, environment));
            if (dryRun) {
                settings.putIfAbsent(CommonConfig.BOOTSTRAP_SERVERS, "unused:9092"); // a dry run talks to no broker
            }
            config = new MapperConfig(settings);
        } catch (ConfigException e) {
            err.println("Invalid settings: " + e.getMessage());
            return 2;
        }

        final MappingImport mappingImport = new MappingImport(CommonConfig.topics(config),
                new OverrideCsvImporter(new Skus(config.skuCase())), out, err);
        final OverrideImport result;
        try (Reader csv = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            result = mappingImport.validate(file.getFileName().toString(), csv);
        } catch (IOException e) {
            err.println("Cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        if (!result.isValid()) {
            return 1;
        }
        if (dryRun) {
            out.println(file + ": " + result.size() + " valid " + MappingImport.describe(result.kind()) + "; dry run, nothing published");
            return 0;
        }
        try (Producer<byte[], byte[]> producer = producers.open(config)) {
            mappingImport.publish(result, producer);
            return 0;
        } catch (ExecutionException e) {
            err.println("Publishing failed: " + e.getCause().getMessage() + ". Records sent before the failure stay; "
                    + "importing the same file again is safe.");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("Interrupted while publishing; importing the same file again is safe.");
            return 1;
        }
    }

    private static Producer<byte[], byte[]> openProducer(final MapperConfig config) {
        TopicProvisioner.ensure(CommonConfig.kafkaClientProperties(config), CommonConfig.topics(config),
                config.getInt(CommonConfig.TOPIC_PARTITIONS), config.getShort(CommonConfig.TOPIC_REPLICATION_FACTOR));
        final Properties props = CommonConfig.kafkaClientProperties(config);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "vendsync-mapping-import");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}
