package io.vendsync.cli.topics;

import io.vendsync.schemas.Topic;
import java.util.List;
import java.util.Locale;

/** Strimzi {@code KafkaTopic} resources (kafka.strimzi.io/v1beta2) for the registry's topics, as one YAML stream. */
final class StrimziTopics {

    private StrimziTopics() {
    }

    static String render(final List<? extends Topic<?, ?>> topics, final String cluster, final int partitions,
                         final short replicas) {
        final StringBuilder yaml = new StringBuilder("# Every vendsync topic as a Strimzi KafkaTopic, generated from the topic registry by\n")
                .append("# 'vendsync topics strimzi --cluster ").append(cluster).append("' (topic.partitions=").append(partitions)
                .append(", topic.replication.factor=").append(replicas).append("). Do not edit: regenerate.\n");
        for (final Topic<?, ?> topic : topics) {
            yaml.append("---\n")
                    .append("apiVersion: kafka.strimzi.io/v1beta2\n")
                    .append("kind: KafkaTopic\n")
                    .append("metadata:\n")
                    .append("  name: ").append(resourceName(topic.name())).append('\n')
                    .append("  labels:\n")
                    .append("    strimzi.io/cluster: ").append(cluster).append('\n')
                    .append("    app.kubernetes.io/part-of: vendsync\n")
                    .append("spec:\n")
                    .append("  topicName: ").append(topic.name()).append('\n')
                    .append("  partitions: ").append(partitions).append('\n')
                    .append("  replicas: ").append(replicas).append('\n')
                    .append("  config:\n")
                    .append("    cleanup.policy: ").append(topic.cleanupPolicy().config()).append('\n');
        }
        return yaml.toString();
    }

    /** A Kubernetes name (RFC 1123: lower-case alphanumerics, '-' and '.'), derived from the topic name. */
    static String resourceName(final String topicName) {
        final String name = topicName.toLowerCase(Locale.ROOT).replace('_', '-').replaceAll("[^a-z0-9.-]", "-")
                .replaceAll("^[^a-z0-9]+", "").replaceAll("[^a-z0-9]+$", "");
        return name.length() <= 253 ? name : name.substring(0, 253);
    }
}
