package io.vendsync.mapper;

import io.vendsync.mapper.inventory.InventoryMappingTopology;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vendsync.runtime.CommonConfig;
import io.vendsync.runtime.management.ManagementServer;
import io.vendsync.testkit.kafka.EmbeddedKafka;
import io.vendsync.testkit.kafka.KafkaFixture;
import io.vendsync.testkit.kafka.TopicProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Several topologies in one mapper process, each its own Kafka Streams application, on a real broker. */
@Timeout(120)
class MapperAppTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final KafkaFixture kafka = KafkaFixture.shared();
    private final String prefix = "mapperapp" + UUID.randomUUID().toString().substring(0, 8) + ".";

    @TempDir
    Path stateDir;

    private Properties admin() {
        final Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        return props;
    }

    /** A stateless copy from one test topic to another: no internal topics, so explicit naming has nothing to refuse. */
    private MapperTopologies.BuildFunction echo() {
        return (builder, topics, config) -> builder.stream(prefix + "echo.in", Consumed.with(Serdes.String(), Serdes.String())
                .withName("echo-source")).mapValues(v -> v.toUpperCase(java.util.Locale.ROOT))
                .to(prefix + "echo.out", Produced.with(Serdes.String(), Serdes.String()).withName("echo-sink"));
    }

    @Test
    void shouldRunEveryRegisteredTopologyAsItsOwnApplicationInventoryKeepingTheApplicationId() throws Exception {
        try (Admin admin = Admin.create(admin())) {
            admin.createTopics(List.of(new NewTopic(prefix + "echo.in", 1, (short) 1), new NewTopic(prefix + "echo.out", 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        final MapperConfig config = new MapperConfig(Map.of(CommonConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                CommonConfig.TOPIC_PREFIX, prefix, MapperConfig.APPLICATION_ID, prefix + "mapper",
                MapperConfig.STATE_DIR, stateDir.toString(), MapperConfig.COMMIT_INTERVAL_MS, "100"));
        final MapperTopologies topologies = MapperTopologies.builder()
                .add(MapperTopologies.INVENTORY, InventoryMappingTopology::build)
                .add("echo", echo())
                .build();

        try (MapperApp.Handle mapper = MapperApp.start(config, topologies)) {
            final long deadline = System.nanoTime() + WAIT.toNanos();
            while (!mapper.isRunning() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(mapper.states()).containsExactly(Map.entry("inventory", KafkaStreams.State.RUNNING),
                    Map.entry("echo", KafkaStreams.State.RUNNING));
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(admin(), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(prefix + "echo.in", "k", "hello")).get();
            }
            final List<ConsumerRecord<String, String>> out = TopicProbe.await(kafka.bootstrapServers(), prefix + "echo.out",
                    new StringDeserializer(), new StringDeserializer(), records -> !records.isEmpty(), WAIT);
            assertThat(out.get(0).value()).isEqualTo("HELLO");

            try (Admin admin = Admin.create(admin())) {
                final Map<String, ConsumerGroupDescription> groups = admin.describeConsumerGroups(
                        List.of(prefix + "mapper", prefix + "mapper-echo")).all().get(30, TimeUnit.SECONDS);
                assertThat(groups.get(prefix + "mapper").members()).isNotEmpty();
                assertThat(groups.get(prefix + "mapper-echo").members()).isNotEmpty();
                // The inventory group reads the raw inventory topic, the echo group only its own input.
                assertThat(groups.get(prefix + "mapper").members().iterator().next().assignment().topicPartitions())
                        .anyMatch(tp -> tp.topic().equals(CommonConfig.topics(config).rawInventory.name()));
                assertThat(groups.get(prefix + "mapper-echo").members().iterator().next().assignment().topicPartitions())
                        .allMatch(tp -> tp.topic().equals(prefix + "echo.in"));
            }
            assertThat(mapper.failed()).isFalse();

            final MapperConfig withManagement = new MapperConfig(Map.of(CommonConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                    CommonConfig.MANAGEMENT_HOST, "127.0.0.1", CommonConfig.MANAGEMENT_PORT, "0"));
            try (ManagementServer management = MapperApp.serveManagement(withManagement, mapper)) {
                final String base = "http://127.0.0.1:" + management.port();
                assertThat(http(base + "/health/ready").statusCode()).isEqualTo(200);
                assertThat(http(base + "/metrics").body()).contains("topology=\"echo\"").contains("kafka_stream_");

                mapper.streams("echo").close(WAIT);
                final HttpResponse<String> notReady = http(base + "/health/ready");
                assertThat(notReady.statusCode()).as("a topology that stopped makes the mapper not ready").isEqualTo(503);
                assertThat(notReady.body()).contains("streams echo RUNNING: failing").contains("streams inventory RUNNING: ok");
            }
        }
    }

    @Test
    void shouldTurnNotReadyWhileTheBrokerIsDownAndReadyAgainWhenItReturns() throws Exception {
        // A broker of its own: stopping the shared one would stop every other test.
        try (EmbeddedKafka broker = EmbeddedKafka.start()) {
            final Properties props = new Properties();
            props.put("bootstrap.servers", broker.bootstrapServers());
            try (Admin admin = Admin.create(props)) {
                admin.createTopics(List.of(new NewTopic(prefix + "echo.in", 1, (short) 1), new NewTopic(prefix + "echo.out", 1, (short) 1)))
                        .all().get(30, TimeUnit.SECONDS);
            }
            final MapperConfig config = new MapperConfig(Map.of(CommonConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers(),
                    CommonConfig.TOPIC_PREFIX, prefix, MapperConfig.APPLICATION_ID, prefix + "ready",
                    MapperConfig.STATE_DIR, stateDir.toString(), CommonConfig.MANAGEMENT_HOST, "127.0.0.1",
                    CommonConfig.MANAGEMENT_PORT, "0"));
            try (MapperApp.Handle mapper = MapperApp.start(config, MapperTopologies.builder().add("echo", echo()).build());
                 ManagementServer management = MapperApp.serveManagement(config, mapper)) {
                final String ready = "http://127.0.0.1:" + management.port() + "/health/ready";
                awaitStatus(ready, 200);

                broker.stop();
                final HttpResponse<String> down = awaitStatus(ready, 503);
                assertThat(down.body()).contains("kafka reachable: failing");
                assertThat(mapper.states()).as("Kafka Streams stays RUNNING while it retries: why the app checks Kafka itself")
                        .containsEntry("echo", KafkaStreams.State.RUNNING);

                broker.restart();
                assertThat(awaitStatus(ready, 200).body()).contains("kafka reachable: ok");
            }
        }
    }

    private static HttpResponse<String> awaitStatus(final String url, final int status) throws Exception {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        HttpResponse<String> response = http(url);
        while (response.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(250);
            response = http(url);
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response;
    }

    private static HttpResponse<String> http(final String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldRefuseATopologyNameTwiceOrOneThatCannotBeAnApplicationIdSuffix() {
        assertThatThrownBy(() -> MapperTopologies.builder().add("echo", echo()).add("echo", echo()))
                .hasMessageContaining("already registered");
        assertThatThrownBy(() -> MapperTopologies.builder().add("Echo Two", echo()))
                .hasMessageContaining("lower-case");
    }

    @Test
    void shouldGiveEveryTopologyButInventoryItsOwnApplicationIdAndStateDirectory() {
        final MapperConfig config = new MapperConfig(Map.of(CommonConfig.BOOTSTRAP_SERVERS, "localhost:9092",
                MapperConfig.APPLICATION_ID, "vendsync-mapper", MapperConfig.STATE_DIR, "/var/lib/mapper"));

        final Properties inventory = MapperApp.streamsProperties(config, MapperTopologies.production().registration(MapperTopologies.INVENTORY));
        final Properties products = MapperApp.streamsProperties(config, MapperTopologies.production().registration(MapperTopologies.PRODUCTS));

        assertThat(inventory).containsEntry("application.id", "vendsync-mapper").containsEntry("state.dir", "/var/lib/mapper");
        assertThat(products).containsEntry("application.id", "vendsync-mapper-products")
                .containsEntry("state.dir", Path.of("/var/lib/mapper", "products").toString());
    }
    @Test
    void shouldLetOnlyThePriceMapperWaitForEveryInputPartitionUnlessTheOperatorSaysOtherwise() {
        final Map<String, String> settings = Map.of(CommonConfig.BOOTSTRAP_SERVERS, "localhost:9092");
        final MapperTopologies production = MapperTopologies.production();

        assertThat(MapperApp.streamsProperties(new MapperConfig(settings), production.registration(MapperTopologies.PRICES)))
                .containsEntry("max.task.idle.ms", 0L);
        for (final MapperTopologies.Registration other : production.registrations()) {
            if (!other.name().equals(MapperTopologies.PRICES)) {
                assertThat(MapperApp.streamsProperties(new MapperConfig(settings), other)).as(other.name())
                        .containsEntry("max.task.idle.ms", -1L);
            }
        }
        final Map<String, String> told = new java.util.HashMap<>(settings);
        told.put(CommonConfig.KAFKA_CLIENT_PREFIX + "max.task.idle.ms", "-1");
        assertThat(MapperApp.streamsProperties(new MapperConfig(told), production.registration(MapperTopologies.PRICES)))
                .containsEntry("max.task.idle.ms", "-1");
    }

    @Test
    void shouldRunARegisteredTopologyWithItsOwnStreamsDefaultsUnlessTheOperatorSetsThem() {
        final MapperTopologies.Registration echo = MapperTopologies.builder()
                .add("echo", echo(), Map.of("max.poll.records", 7, "linger.ms", 3)).build().registration("echo");
        final Map<String, String> told = Map.of(CommonConfig.BOOTSTRAP_SERVERS, "localhost:9092",
                CommonConfig.KAFKA_CLIENT_PREFIX + "linger.ms", "50");

        assertThat(MapperApp.streamsProperties(new MapperConfig(told), echo))
                .containsEntry("max.poll.records", 7).containsEntry("linger.ms", "50");
        assertThatThrownBy(() -> MapperTopologies.production().registration("echo")).hasMessageContaining("no topology echo");
    }
}
