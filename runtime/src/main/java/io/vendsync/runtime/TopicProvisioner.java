package io.vendsync.runtime;


import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the contract's topics that do not exist yet, with their cleanup policy. Never alters existing ones. */
public final class TopicProvisioner {

    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {
    }

    public static void ensure(final Properties clientProperties, final Topics topics, final int partitions,
                              final short replicationFactor) {
        ensure(clientProperties, topics.all(), partitions, replicationFactor);
    }

    /** The same for a given list, e.g. topics an app adds beyond the registry's defaults (extra retry tiers). */
    public static void ensure(final Properties clientProperties, final List<? extends Topic<?, ?>> topics, final int partitions,
                              final short replicationFactor) {
        try (Admin admin = Admin.create(clientProperties)) {
            final Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            final List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> t.newTopic(partitions, replicationFactor))
                    .collect(Collectors.toList());
            for (final var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                    LOG.info("Created topic {}", entry.getKey());
                } catch (ExecutionException e) {
                    // Another app of the same deployment may have created it first.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + entry.getKey(), e.getCause());
                    }
                }
            }
            // All of them, not only those created here: another app of the deployment may have created one a moment ago.
            awaitLeaders(admin, topics.stream().map(Topic::name).distinct().toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot list topics at " + clientProperties.get("bootstrap.servers"), e);
        }
    }

    /**
     * Waits until every partition of the topics has a leader: a created topic is accepted by the controller
     * before the brokers serve it, and a Streams global table started in that window fails at once ("no partitions
     * available ... when initializing global store").
     */
    private static void awaitLeaders(final Admin admin, final List<String> names) throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                final Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
                if (described.values().stream().allMatch(topic -> !topic.partitions().isEmpty()
                        && topic.partitions().stream().allMatch(partition -> partition.leader() != null))) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                // Not known to the broker yet (UnknownTopicOrPartition): ask again.
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Topics " + names + " have no leader for every partition after 30 s");
            }
            Thread.sleep(50);
        }
    }

}
