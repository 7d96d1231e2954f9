package io.vendsync.mapper;

import io.vendsync.runtime.CommonConfig;
import io.vendsync.runtime.ConfigSource;
import io.vendsync.runtime.TopicProvisioner;
import io.vendsync.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the mapper: {@code java -jar mapper.jar [settings.properties]}, settings overridable by {@code VENDSYNC_*} variables. */
public final class MapperApp {

    private static final Logger LOG = LoggerFactory.getLogger(MapperApp.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private MapperApp() {
    }

    /** Creates missing topics, then starts the topology; the caller owns the returned instance and closes it. */
    public static KafkaStreams start(final MapperConfig config) {
        final KafkaStreams streams = create(config);
        streams.start();
        return streams;
    }

    /** Everything {@link #start} does but starting, so {@link #main} can add a state listener (allowed only before start). */
    private static KafkaStreams create(final MapperConfig config) {
        final Topics topics = CommonConfig.topics(config);
        TopicProvisioner.ensure(CommonConfig.kafkaClientProperties(config), topics,
                config.getInt(CommonConfig.TOPIC_PARTITIONS), config.getShort(CommonConfig.TOPIC_REPLICATION_FACTOR));
        final Properties props = config.streamsProperties();
        // The builder needs the config too, for the explicit-naming check to apply.
        final StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
        InventoryMappingTopology.build(builder, topics, config);
        final KafkaStreams streams = new KafkaStreams(builder.build(props), props);
        // A transient failure (broker gone, fenced producer) should not take the app down; state is restored from the changelogs.
        streams.setUncaughtExceptionHandler(exception -> {
            LOG.error("Stream thread failed; replacing it", exception);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        return streams;
    }

    public static void main(final String[] args) throws InterruptedException {
        final MapperConfig config = new MapperConfig(ConfigSource.load(args.length > 0 ? Path.of(args[0]) : null, System.getenv()));
        final KafkaStreams streams = create(config);
        final CountDownLatch stopped = new CountDownLatch(1);
        streams.setStateListener((newState, oldState) -> {
            // ERROR is final: leave main so we exit non-zero and the supervisor restarts us, rather than idle with no threads.
            if (newState == KafkaStreams.State.ERROR || newState == KafkaStreams.State.NOT_RUNNING) {
                stopped.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("SIGTERM: closing the mapper");
            streams.close(CLOSE_TIMEOUT); // commits, and under exactly-once ends the open transaction
            stopped.countDown();
        }, "mapper-shutdown"));
        streams.start();
        LOG.info("Mapper {} started", config.getString(MapperConfig.APPLICATION_ID));
        stopped.await();
        if (streams.state() == KafkaStreams.State.ERROR) {
            LOG.error("Kafka Streams is in ERROR state; exiting");
            System.exit(1);
        }
    }
}
