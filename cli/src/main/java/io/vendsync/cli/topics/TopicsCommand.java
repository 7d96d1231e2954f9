package io.vendsync.cli.topics;

import io.vendsync.runtime.CommonConfig;
import io.vendsync.runtime.ConfigSource;
import io.vendsync.runtime.TopicProvisioner;
import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * {@code vendsync topics list|plan|apply|strimzi [--config FILE] [--cluster NAME]}: every topic vendsync needs (the public
 * contract, {@link Topics#all()}, and each app's private topics: {@link EveryTopic}) with its cleanup policy and
 * partitions, for clusters where apps may not create topics.
 * <ul>
 *   <li>{@code list}: what vendsync needs (no Kafka needed);</li>
 *   <li>{@code plan}: what the cluster lacks or keeps differently (exit 1 when anything is off);</li>
 *   <li>{@code apply}: creates the missing topics, never alters existing ones, then plans again;</li>
 *   <li>{@code strimzi}: a Strimzi {@code KafkaTopic} per topic, generated from the registry so it never drifts.</li>
 * </ul>
 * Settings: the common ones (Kafka, {@code topic.prefix}, {@code topic.partitions}, {@code topic.replication.factor})
 * from the --config file and {@code VENDSYNC_*} variables. Exit 2 on a usage error.
 */
public final class TopicsCommand {

    public static final String USAGE = "topics list|plan|apply|strimzi [--config FILE] [--cluster NAME]";
    private static final ConfigDef CONFIG_DEF = CommonConfig.define(new ConfigDef());
    /** Placeholder for the offline subcommands, which never connect. */
    private static final String NO_KAFKA = "not-used:9092";

    private TopicsCommand() {
    }

    public static int run(final List<String> args, final PrintStream out, final PrintStream err) {
        return run(args, System.getenv(), out, err);
    }

    static int run(final List<String> args, final Map<String, String> environment, final PrintStream out, final PrintStream err) {
        final Deque<String> queue = new ArrayDeque<>(args);
        if (queue.isEmpty()) {
            err.println("usage: vendsync " + USAGE);
            return 2;
        }
        final String subcommand = queue.pop();
        if (!List.of("list", "plan", "apply", "strimzi").contains(subcommand)) {
            err.println("unknown subcommand '" + subcommand + "'; usage: vendsync " + USAGE);
            return 2;
        }
        Path configFile = null;
        String cluster = "my-cluster";
        while (!queue.isEmpty()) {
            final String option = queue.pop();
            if (queue.isEmpty()) {
                err.println(option + " needs a value; usage: vendsync " + USAGE);
                return 2;
            }
            switch (option) {
                case "--config" -> configFile = Path.of(queue.pop());
                case "--cluster" -> cluster = queue.pop();
                default -> {
                    err.println("unknown option " + option + "; usage: vendsync " + USAGE);
                    return 2;
                }
            }
        }
        final boolean offline = "list".equals(subcommand) || "strimzi".equals(subcommand);
        final Map<String, String> settings = new HashMap<>(ConfigSource.load(configFile, environment));
        if (offline) {
            settings.putIfAbsent(CommonConfig.BOOTSTRAP_SERVERS, NO_KAFKA);
        }
        final AbstractConfig config = new AbstractConfig(CONFIG_DEF, settings);
        final List<Topic<?, ?>> topics = EveryTopic.of(CommonConfig.topics(config));
        final int partitions = config.getInt(CommonConfig.TOPIC_PARTITIONS);
        final short replicas = config.getShort(CommonConfig.TOPIC_REPLICATION_FACTOR);
        switch (subcommand) {
            case "list" -> {
                out.printf("%-52s %-8s %s%n", "topic", "cleanup", "what");
                topics.forEach(topic -> out.printf("%-52s %-8s %s%n", topic.name(), topic.cleanupPolicy().config(),
                        topic.description() == null ? "" : topic.description()));
                out.printf("%d topics, %d partitions each unless the cluster has them already%n", topics.size(), partitions);
                return 0;
            }
            case "strimzi" -> {
                out.print(StrimziTopics.render(topics, cluster, partitions, replicas));
                return 0;
            }
            case "plan" -> {
                return TopicPlan.read(CommonConfig.kafkaClientProperties(config), topics).print(out) ? 0 : 1;
            }
            case "apply" -> {
                final Properties client = CommonConfig.kafkaClientProperties(config);
                TopicProvisioner.ensure(client, topics, partitions, replicas);
                return TopicPlan.read(client, topics).print(out) ? 0 : 1;
            }
            default -> {
                err.println("unknown subcommand '" + subcommand + "'; usage: vendsync " + USAGE);
                return 2;
            }
        }
    }

    /** Exposed for the tests: the registry the environment's settings describe. */
    static List<Topic<?, ?>> registry(final Map<String, String> environment) {
        final Map<String, String> withKafka = new HashMap<>(ConfigSource.load(null, environment));
        withKafka.putIfAbsent(CommonConfig.BOOTSTRAP_SERVERS, NO_KAFKA);
        return EveryTopic.of(CommonConfig.topics(new AbstractConfig(CONFIG_DEF, withKafka)));
    }
}
