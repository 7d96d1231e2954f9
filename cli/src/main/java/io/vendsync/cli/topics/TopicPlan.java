package io.vendsync.cli.topics;

import io.vendsync.schemas.Topic;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/** What the cluster has of each registry topic: missing, or present with its partitions and cleanup policy. */
record TopicPlan(List<Row> rows) {

    enum State { OK, MISSING, CLEANUP_DIFFERS }

    record Row(String topic, State state, int partitions, String expectedCleanup, String actualCleanup) {
    }

    static TopicPlan read(final Properties client, final List<? extends Topic<?, ?>> topics) {
        try (Admin admin = Admin.create(client)) {
            final Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            final List<String> present = topics.stream().map(Topic::name).filter(existing::contains).toList();
            final Map<String, TopicDescription> descriptions = admin.describeTopics(present).allTopicNames().get(30, TimeUnit.SECONDS);
            final Map<ConfigResource, Config> configs = admin.describeConfigs(present.stream()
                    .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).collect(Collectors.toList()))
                    .all().get(30, TimeUnit.SECONDS);
            final List<Row> rows = new ArrayList<>();
            for (final Topic<?, ?> topic : topics) {
                final String expected = topic.cleanupPolicy().config();
                if (!existing.contains(topic.name())) {
                    rows.add(new Row(topic.name(), State.MISSING, 0, expected, null));
                    continue;
                }
                final String actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()))
                        .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
                rows.add(new Row(topic.name(), expected.equals(actual) ? State.OK : State.CLEANUP_DIFFERS,
                        descriptions.get(topic.name()).partitions().size(), expected, actual));
            }
            return new TopicPlan(rows);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read topics at " + client.get("bootstrap.servers") + ": " + e.getMessage(), e);
        }
    }

    /** Prints one line per topic and a summary; true when every topic is there as the registry says. */
    boolean print(final PrintStream out) {
        rows.forEach(row -> out.printf("%-16s %-52s %s%n", row.state(), row.topic(), switch (row.state()) {
            case OK -> row.partitions() + " partitions, cleanup.policy=" + row.actualCleanup();
            case MISSING -> "to create with cleanup.policy=" + row.expectedCleanup() + " ('vendsync topics apply')";
            case CLEANUP_DIFFERS -> "cleanup.policy=" + row.actualCleanup() + ", vendsync needs " + row.expectedCleanup()
                    + " (alter it yourself: vendsync never alters a topic)";
        }));
        final long off = rows.stream().filter(row -> row.state() != State.OK).count();
        out.printf("%d topics, %d to fix%n", rows.size(), off);
        return off == 0;
    }
}
