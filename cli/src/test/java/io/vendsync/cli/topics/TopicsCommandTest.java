package io.vendsync.cli.topics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vendsync.runtime.ConfigSource;
import io.vendsync.schemas.Topic;
import io.vendsync.testkit.kafka.KafkaFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicsCommandTest {

    private final KafkaFixture kafka = KafkaFixture.shared();
    private final String prefix = "topics-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void shouldGenerateAStrimziTopicForEveryRegistryTopicWithItsCleanupPolicy() throws Exception {
        final Map<String, String> env = Map.of(ConfigSource.environmentVariable("topic.prefix"), prefix,
                ConfigSource.environmentVariable("topic.replication.factor"), "3");

        assertThat(run(env, "strimzi", "--cluster", "prod")).isZero();

        final List<JsonNode> resources;
        try (MappingIterator<JsonNode> docs = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class).readValues(text(out))) {
            resources = docs.readAll();
        }
        final List<Topic<?, ?>> registry = TopicsCommand.registry(env);
        assertThat(resources).hasSize(registry.size());
        for (final Topic<?, ?> topic : registry) {
            assertThat(resources).as(topic.name()).filteredOn(r -> r.at("/spec/topicName").asText().equals(topic.name()))
                    .singleElement().satisfies(r -> {
                        assertThat(r.path("kind").asText()).isEqualTo("KafkaTopic");
                        assertThat(r.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo("prod");
                        assertThat(r.at("/metadata/name").asText()).matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?");
                        assertThat(r.at("/spec/replicas").asInt()).isEqualTo(3);
                        assertThat(r.at("/spec/config/cleanup.policy").asText()).isEqualTo(topic.cleanupPolicy().config());
                    });
        }
        assertThat(resources).extracting(r -> r.at("/metadata/name").asText()).doesNotHaveDuplicates();
    }

    @Test
    void shouldPlanMissingAndMiskeptTopicsAndApplyCreatingOnlyTheMissingOnes() throws Exception {
        final Map<String, String> env = Map.of(ConfigSource.environmentVariable("kafka.bootstrap.servers"), kafka.bootstrapServers(),
                ConfigSource.environmentVariable("topic.prefix"), prefix);
        final List<Topic<?, ?>> registry = TopicsCommand.registry(env);
        final Topic<?, ?> compacted = registry.stream().filter(t -> t.cleanupPolicy() == Topic.CleanupPolicy.COMPACT)
                .findFirst().orElseThrow();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            // Created by hand with the wrong policy: vendsync must report it and never change it.
            admin.createTopics(List.of(new NewTopic(compacted.name(), 1, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)))).all().get(30, TimeUnit.SECONDS);
        }

        assertThat(run(env, "plan")).isEqualTo(1);
        assertThat(text(out)).containsPattern("CLEANUP_DIFFERS +" + java.util.regex.Pattern.quote(compacted.name()))
                .contains(registry.size() + " topics, " + registry.size() + " to fix");

        out.reset();
        assertThat(run(env, "apply")).as("the wrongly kept topic is still reported").isEqualTo(1);
        assertThat(text(out)).contains(registry.size() + " topics, 1 to fix").doesNotContain("MISSING");
    }

    @Test
    void shouldKeepTheKubernetesTopicResourcesEqualToTheRegistry() throws Exception {
        final java.nio.file.Path file = java.nio.file.Path.of("..", "k8s", "base", "kafka-topics.yaml");
        assertThat(run(Map.of(ConfigSource.environmentVariable("topic.replication.factor"), "3"), "strimzi", "--cluster", "vendsync"))
                .isZero();
        assertThat(java.nio.file.Files.readString(file, StandardCharsets.UTF_8))
                .as("k8s/base/kafka-topics.yaml is stale: VENDSYNC_TOPIC_REPLICATION_FACTOR=3 ./vendsync topics strimzi --cluster vendsync > k8s/base/kafka-topics.yaml")
                .isEqualTo(text(out));
    }

    @Test
    void shouldRefuseAnUnknownSubcommand() {
        assertThat(run(Map.of(), "delete")).isEqualTo(2);
        assertThat(text(err)).contains("usage: vendsync topics");
    }

    private int run(final Map<String, String> env, final String... args) {
        return TopicsCommand.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String text(final ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8);
    }
}
