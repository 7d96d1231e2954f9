package io.vendsync.cli.dlq;

import io.vendsync.runtime.CommonConfig;
import io.vendsync.runtime.ConfigSource;
import io.vendsync.schemas.FailureHeaders;
import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import io.vendsync.sink.SinkTopics;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code vendsync dlq list|show|replay}: inspects a dead-letter topic ({@code --dlq inventory} the sink's inventory
 * DLQ, the default; {@code catalog} the sink's product/price/tax-category DLQ; {@code mapper} Kafka Streams' DLQ of
 * raw records the mapper could not decode) and replays records to the topic they came from once their cause is
 * fixed. Replay re-produces the original key and value bytes with the original headers (minus the
 * {@code vendsync.*} and {@code __streams.errors.*} failure headers) plus {@value FailureHeaders#REPLAY_OF}, then
 * marks the dead letter resolved in the compacted {@code <prefix>dlq.sink.inventory.resolved} topic (keys: see
 * {@link DeadLetterQueue}), so the same dead letter is never replayed twice by accident ({@code --force}
 * overrides). Replaying twice would be harmless to commercetools (the sink skips versions it has), but it hides
 * which dead letters are still open. A catalog dead letter whose key the sink has since applied a newer record of is not
 * replayed (it would become the compacted topic's latest record): it is marked resolved as superseded; {@code --force}
 * replays it anyway.
 */
public final class DlqCommand {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: vendsync dlq list|show|replay [--dlq inventory|catalog|mapper] [--config FILE] [filters] [--dry-run] [--force]",
            "  --dlq    which dead-letter topic: the sink's inventory one (default), the sink's catalog one (products,",
            "           prices, tax categories) or the mapper's (raw Vend records it could not decode; replayed to the raw topic)",
            "  list     one line per dead letter: <partition>/<offset>, time, key, error class, commercetools code, attempts",
            "  show     every header and the value of each matching dead letter (also: show <partition>/<offset>)",
            "  replay   re-produce matching dead letters to their original topic, once each (--force: again); a catalog one",
            "           whose key the sink has since applied newer is marked resolved instead (--force replays it anyway)",
            "  filters  --entity E (sink DLQs)  --error-class TEXT (part of the class name)  --key K  --since T  --until T",
            "           (T: ISO-8601 instant like 2026-05-01T10:00:00Z, or epoch ms; compared with the dead letter's time)",
            "  settings from FILE and VENDSYNC_* variables: kafka.bootstrap.servers, topic.prefix, kafka.client.*");

    private static final ConfigDef CONFIG_DEF = CommonConfig.define(new ConfigDef());
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final Properties kafka;
    private final Topics topics;
    /** The sink's record of replayed dead letters (a sink topic the dlq command writes). */
    private final Topic<String, String> resolvedTopic;
    private final PrintStream out;
    private final int partitions;
    private final short replicationFactor;

    public DlqCommand(final Map<String, String> settings, final PrintStream out) {
        final AbstractConfig config = new AbstractConfig(CONFIG_DEF, settings);
        this.kafka = CommonConfig.kafkaClientProperties(config);
        this.topics = CommonConfig.topics(config);
        this.resolvedTopic = SinkTopics.of(topics).inventoryDlqResolved;
        this.out = out;
        this.partitions = config.getInt(CommonConfig.TOPIC_PARTITIONS);
        this.replicationFactor = config.getShort(CommonConfig.TOPIC_REPLICATION_FACTOR);
    }

    /** Entry point of {@code vendsync dlq ...}: returns the process exit code (0 ok, 1 failed, 2 usage). */
    public static int run(final String[] args, final PrintStream out, final PrintStream err) {
        final Options options;
        try {
            options = Options.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            return new DlqCommand(ConfigSource.load(options.configFile, System.getenv()), out).execute(options);
        } catch (RuntimeException e) {
            err.println("dlq " + options.action + " failed: " + e.getMessage());
            return 1;
        }
    }

    /** Parsed command line. */
    public static final class Options {
        String action;
        DeadLetterQueue dlq = DeadLetterQueue.INVENTORY;
        Path configFile;
        String entity;
        String errorClass;
        String key;
        Long since;
        Long until;
        String coordinates;
        boolean dryRun;
        boolean force;

        public static Options parse(final List<String> args) {
            final Options o = new Options();
            for (int i = 0; i < args.size(); i++) {
                final String arg = args.get(i);
                switch (arg) {
                    case "--config" -> o.configFile = Path.of(value(args, ++i, arg));
                    case "--dlq" -> o.dlq = DeadLetterQueue.parse(value(args, ++i, arg));
                    case "--entity" -> o.entity = value(args, ++i, arg);
                    case "--error-class" -> o.errorClass = value(args, ++i, arg);
                    case "--key" -> o.key = value(args, ++i, arg);
                    case "--since" -> o.since = time(value(args, ++i, arg), arg);
                    case "--until" -> o.until = time(value(args, ++i, arg), arg);
                    case "--dry-run" -> o.dryRun = true;
                    case "--force" -> o.force = true;
                    default -> {
                        if (arg.startsWith("--")) {
                            throw new IllegalArgumentException("Unknown option " + arg);
                        } else if (o.action == null) {
                            o.action = arg.toLowerCase(Locale.ROOT);
                        } else if (o.coordinates == null && arg.matches("\\d+/\\d+")) {
                            o.coordinates = arg;
                        } else {
                            throw new IllegalArgumentException("Unexpected argument " + arg);
                        }
                    }
                }
            }
            if (o.action == null || !Set.of("list", "show", "replay").contains(o.action)) {
                throw new IllegalArgumentException("dlq needs list, show or replay");
            }
            return o;
        }

        private static String value(final List<String> args, final int i, final String option) {
            if (i >= args.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args.get(i);
        }

        private static long time(final String text, final String option) {
            try {
                return text.chars().allMatch(Character::isDigit) ? Long.parseLong(text) : Instant.parse(text).toEpochMilli();
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new IllegalArgumentException(option + " takes an ISO-8601 instant or epoch ms, not '" + text + "'");
            }
        }

        Predicate<ConsumerRecord<byte[], byte[]>> filter() {
            return r -> (coordinates == null || coordinates.equals(coordinates(r)))
                    && (entity == null || entity.equalsIgnoreCase(header(r, FailureHeaders.ENTITY)))
                    && (errorClass == null || String.valueOf(header(r, dlq.errorClassHeader())).toLowerCase(Locale.ROOT)
                            .contains(errorClass.toLowerCase(Locale.ROOT)))
                    && (key == null || key.equals(text(r.key())))
                    && (since == null || r.timestamp() >= since)
                    && (until == null || r.timestamp() < until);
        }
    }

    public int execute(final Options options) {
        final DeadLetterQueue dlq = options.dlq;
        final Map<String, String> resolved = readResolved();
        final List<ConsumerRecord<byte[], byte[]>> matching = readAll(dlq.topic(topics).name()).stream().filter(options.filter()).toList();
        switch (options.action) {
            case "list" -> {
                matching.forEach(r -> out.println(line(dlq, r, resolved)));
                out.printf(Locale.ROOT, "%d dead letter(s) match, %d of them resolved%n", matching.size(),
                        matching.stream().filter(r -> resolved.containsKey(dlq.markKey(r))).count());
                return 0;
            }
            case "show" -> {
                matching.forEach(r -> show(dlq, r, resolved));
                out.printf(Locale.ROOT, "%d dead letter(s) match%n", matching.size());
                return 0;
            }
            default -> {
                return replay(matching, resolved, options);
            }
        }
    }

    private int replay(final List<ConsumerRecord<byte[], byte[]>> matching, final Map<String, String> resolved, final Options options) {
        final DeadLetterQueue dlq = options.dlq;
        final List<ConsumerRecord<byte[], byte[]>> todo = new ArrayList<>();
        int skipped = 0;
        for (final ConsumerRecord<byte[], byte[]> record : matching) {
            if (resolved.containsKey(dlq.markKey(record)) && !options.force) {
                skipped++;
                out.printf(Locale.ROOT, "skip %s: already resolved (%s); --force replays it again%n", coordinates(record),
                        resolved.get(dlq.markKey(record)));
            } else if (header(record, dlq.originalTopicHeader()) == null) {
                skipped++;
                out.printf(Locale.ROOT, "skip %s: no %s header%n", coordinates(record), dlq.originalTopicHeader());
            } else {
                todo.add(record);
            }
        }
        // A sink dead letter older than the record its key now has on the (compacted) canonical topic is not replayed:
        // appended there, it would become the key's latest record, and every reader of the contract (analytics, the
        // order mapper's buyer table, reconcile, compaction itself) would take the state back in time; the sink would
        // skip it as stale anyway. It is marked resolved, saying why.
        final Map<String, String> superseded = dlq != DeadLetterQueue.CATALOG || options.force ? Map.of() : superseded(dlq, todo);
        if (options.dryRun) {
            todo.forEach(r -> out.printf(Locale.ROOT, superseded.containsKey(dlq.markKey(r)) ? "would skip %s (key %s): %s%n"
                    : "would replay %s (key %s) to %s%n", coordinates(r), text(r.key()),
                    superseded.getOrDefault(dlq.markKey(r), header(r, dlq.originalTopicHeader()))));
            out.printf(Locale.ROOT, "dry run: %d would be replayed, %d skipped%n", todo.size() - superseded.size(),
                    skipped + superseded.size());
            return 0;
        }
        if (!todo.isEmpty()) {
            ensureResolvedTopic();
        }
        final Properties props = new Properties();
        props.putAll(kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        int done = 0;
        try (KafkaProducer<byte[], byte[]> replays = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
             KafkaProducer<String, String> marks = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (final ConsumerRecord<byte[], byte[]> record : todo) {
                final String target = header(record, dlq.originalTopicHeader());
                final String newer = superseded.get(dlq.markKey(record));
                if (newer != null) {
                    marks.send(new ProducerRecord<>(resolvedTopic.name(), dlq.markKey(record), "not replayed: " + newer)).get();
                    skipped++;
                    out.printf(Locale.ROOT, "skip %s (key %s): %s; marked resolved%n", coordinates(record), text(record.key()), newer);
                    continue;
                }
                // The mark is written only after the replay is acknowledged: a crash between the two replays again, never loses.
                replays.send(new ProducerRecord<>(target, null, record.key(), record.value(), replayHeaders(dlq, record))).get();
                marks.send(new ProducerRecord<>(resolvedTopic.name(), dlq.markKey(record),
                        "replayed to " + target + " at " + Instant.now())).get();
                done++;
                out.printf(Locale.ROOT, "replayed %d/%d: %s (key %s) to %s%n", done, todo.size(), coordinates(record),
                        text(record.key()), target);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted after " + done + " replays", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("replay stopped after " + done + " of " + todo.size() + ": " + e.getCause(), e.getCause());
        }
        out.printf(Locale.ROOT, "%d replayed, %d skipped%n", done, skipped);
        return 0;
    }

    /**
     * The catalog dead letters (by mark key) whose key the sink has since applied a newer record of, each with the reason:
     * the sink's own mark ({@code ops.sink-catalog-applied}, {@code <version>@<offset>} per {@code <topic>|<key>}) is at a
     * higher source version, or at the same version from a later offset of the key's partition. commercetools then holds
     * newer state, the sink would skip the replay as stale, and appended to the compacted canonical topic the dead letter
     * would become the key's latest record for every other reader. Without such a mark (none yet, or lost in a crash, or a
     * later record still failing) the dead letter is replayed: only the sink's word that it applied newer state counts.
     */
    private Map<String, String> superseded(final DeadLetterQueue dlq, final List<ConsumerRecord<byte[], byte[]>> todo) {
        final Map<String, String> marks = new HashMap<>();
        scan(SinkTopics.of(topics).catalogApplied.name(), record -> {
            if (record.value() == null) {
                marks.remove(text(record.key()));
            } else {
                marks.put(text(record.key()), text(record.value()));
            }
        });
        final Map<String, String> superseded = new HashMap<>();
        for (final ConsumerRecord<byte[], byte[]> record : todo) {
            final OptionalLong version = FailureHeaders.number(record.headers(), FailureHeaders.SOURCE_VERSION);
            final OptionalLong offset = FailureHeaders.number(record.headers(), FailureHeaders.ORIGINAL_OFFSET);
            final String topic = header(record, dlq.originalTopicHeader());
            final String mark = record.key() == null || topic == null ? null : marks.get(topic + "|" + text(record.key()));
            if (mark == null || version.isEmpty()) {
                continue;
            }
            final int at = mark.indexOf('@');
            final long appliedVersion;
            final long appliedOffset;
            try {
                appliedVersion = Long.parseLong((at < 0 ? mark : mark.substring(0, at)).trim());
                appliedOffset = at < 0 ? -1 : Long.parseLong(mark.substring(at + 1).trim());
            } catch (NumberFormatException e) {
                continue; // not a mark the sink wrote: decides nothing
            }
            final boolean newer = appliedVersion > version.getAsLong() || appliedVersion == version.getAsLong()
                    && appliedOffset >= 0 && offset.isPresent() && appliedOffset > offset.getAsLong();
            if (newer) {
                superseded.put(dlq.markKey(record), "superseded: the sink applied version " + appliedVersion + " of its key"
                        + (appliedOffset >= 0 ? " (from offset " + appliedOffset + ")" : "") + ", newer than the dead letter's "
                        + version.getAsLong() + (offset.isPresent() ? " (offset " + offset.getAsLong() + ")" : ""));
            }
        }
        return superseded;
    }

    /** The original headers without the sink's or Kafka Streams' failure bookkeeping, plus where the replay came from. */
    private static Headers replayHeaders(final DeadLetterQueue dlq, final ConsumerRecord<byte[], byte[]> record) {
        final Headers headers = new RecordHeaders();
        for (final Header header : record.headers()) {
            if (!DeadLetterQueue.isFailureHeader(header.key())) {
                headers.add(header);
            }
        }
        FailureHeaders.put(headers, FailureHeaders.REPLAY_OF, dlq.markKey(record));
        FailureHeaders.number(record.headers(), FailureHeaders.ORIGINAL_OFFSET)
                .ifPresent(offset -> FailureHeaders.put(headers, FailureHeaders.REPLAY_ORIGINAL_OFFSET, offset));
        return headers;
    }

    private String line(final DeadLetterQueue dlq, final ConsumerRecord<byte[], byte[]> r, final Map<String, String> resolved) {
        final String marked = resolved.containsKey(dlq.markKey(r)) ? " RESOLVED" : "";
        if (dlq == DeadLetterQueue.MAPPER) {
            return String.format(Locale.ROOT, "%-9s %s key=%s class=%s from=%s-%s@%s%s", coordinates(r),
                    Instant.ofEpochMilli(r.timestamp()), text(r.key()), header(r, DeadLetterQueue.STREAMS_EXCEPTION),
                    header(r, DeadLetterQueue.STREAMS_TOPIC), header(r, DeadLetterQueue.STREAMS_PARTITION),
                    header(r, DeadLetterQueue.STREAMS_OFFSET), marked);
        }
        return String.format(Locale.ROOT, "%-9s %s key=%s class=%s code=%s attempts=%s entity=%s version=%s%s", coordinates(r),
                Instant.ofEpochMilli(r.timestamp()), text(r.key()), header(r, FailureHeaders.ERROR_CLASS),
                header(r, FailureHeaders.ERROR_CT_CODE), header(r, FailureHeaders.ATTEMPTS), header(r, FailureHeaders.ENTITY),
                header(r, FailureHeaders.SOURCE_VERSION), marked);
    }

    private void show(final DeadLetterQueue dlq, final ConsumerRecord<byte[], byte[]> r, final Map<String, String> resolved) {
        out.println("== " + coordinates(r) + " at " + Instant.ofEpochMilli(r.timestamp())
                + (resolved.containsKey(dlq.markKey(r)) ? " (resolved: " + resolved.get(dlq.markKey(r)) + ")" : ""));
        out.println("key: " + text(r.key()));
        for (final Header header : r.headers()) {
            out.println(header.key() + ": " + text(header.value()));
        }
        out.println("value: " + value(dlq, r));
    }

    /**
     * The value as a record of the topic it came from when it decodes (inventory dead letters without that
     * header: as an inventory level), else as hex (the bytes are what the DLQ keeps).
     */
    private String value(final DeadLetterQueue dlq, final ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            return "null";
        }
        final String origin = header(r, dlq.originalTopicHeader());
        final Topic<?, ?> source = origin == null
                ? (dlq == DeadLetterQueue.INVENTORY ? topics.canonicalInventory : null)
                : topics.all().stream().filter(t -> t.name().equals(origin)).findFirst().orElse(null);
        if (source != null) {
            try {
                return String.valueOf(source.valueSerde().deserializer().deserialize(r.topic(), r.value()));
            } catch (RuntimeException e) {
                // not decodable: shown as bytes below
            }
        }
        return "(" + r.value().length + " bytes, not a record of " + origin + ") " + HexFormat.of().formatHex(r.value());
    }

    private Map<String, String> readResolved() {
        final Map<String, String> resolved = new HashMap<>();
        for (final ConsumerRecord<byte[], byte[]> record : readAll(resolvedTopic.name())) {
            if (record.value() == null) {
                resolved.remove(text(record.key())); // a tombstone re-opens a dead letter
            } else {
                resolved.put(text(record.key()), text(record.value()));
            }
        }
        return resolved;
    }

    /** Every record now in the topic (empty when the topic does not exist). */
    private List<ConsumerRecord<byte[], byte[]>> readAll(final String topic) {
        final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        scan(topic, records::add);
        return records;
    }

    /**
     * Hands every record now in the topic to {@code each}, in offset order per partition (nothing when the topic does not
     * exist). Fails when no record arrives for {@link #READ_TIMEOUT} before the end.
     */
    private void scan(final String topic, final Consumer<ConsumerRecord<byte[], byte[]>> each) {
        final Properties props = new Properties();
        props.putAll(kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            final List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            final Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot read " + topic + " to its end: nothing arrived for " + READ_TIMEOUT);
                }
                final var records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    deadline = System.nanoTime() + READ_TIMEOUT.toNanos(); // progress: a large topic may take longer in all
                }
                records.forEach(r -> {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        each.accept(r);
                    }
                });
            }
        }
    }

    /** The resolution marks must be compacted, whoever creates the topic first. */
    private void ensureResolvedTopic() {
        try (Admin admin = Admin.create(kafka)) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(resolvedTopic.name())) {
                admin.createTopics(List.of(resolvedTopic.newTopic(partitions, replicationFactor))).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + resolvedTopic.name(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka to check " + resolvedTopic.name(), e);
        }
    }

    static String coordinates(final ConsumerRecord<?, ?> record) {
        return record.partition() + "/" + record.offset();
    }

    private static String header(final ConsumerRecord<byte[], byte[]> record, final String name) {
        return FailureHeaders.text(record.headers(), name);
    }

    private static String text(final byte[] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }
}
