package io.vendsync.runtime;


import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
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
            if (missing.isEmpty()) {
                return;
            }
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot list topics at " + clientProperties.get("bootstrap.servers"), e);
        }
    }

}
