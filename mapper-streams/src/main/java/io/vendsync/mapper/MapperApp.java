package io.vendsync.mapper;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vendsync.runtime.CommonConfig;
import io.vendsync.runtime.ConfigSource;
import io.vendsync.runtime.TopicProvisioner;
import io.vendsync.runtime.management.ManagementServer;
import io.vendsync.runtime.management.Readiness;
import io.vendsync.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the mapper: {@code java -jar mapper.jar [settings.properties]}, settings overridable by {@code VENDSYNC_*}
 * variables. Every topology of {@link MapperTopologies} is its own Kafka Streams application in this process.
 */
public final class MapperApp {

    private static final Logger LOG = LoggerFactory.getLogger(MapperApp.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private MapperApp() {
    }

    /** Creates missing topics, then starts the production topologies; the caller owns the returned handle and closes it. */
    public static Handle start(final MapperConfig config) {
        return start(config, MapperTopologies.production());
    }

    /** The same for given topologies. */
    public static Handle start(final MapperConfig config, final MapperTopologies topologies) {
        final Topics topics = CommonConfig.topics(config);
        TopicProvisioner.ensure(CommonConfig.kafkaClientProperties(config), topics,
                config.getInt(CommonConfig.TOPIC_PARTITIONS), config.getShort(CommonConfig.TOPIC_REPLICATION_FACTOR));
        TopicProvisioner.ensure(CommonConfig.kafkaClientProperties(config), MapperTopics.of(topics).all(),
                config.getInt(CommonConfig.TOPIC_PARTITIONS), config.getShort(CommonConfig.TOPIC_REPLICATION_FACTOR));
        final Map<String, KafkaStreams> streams = new LinkedHashMap<>();
        final CountDownLatch stopped = new CountDownLatch(1);
        for (final MapperTopologies.Registration registration : topologies.registrations()) {
            final KafkaStreams app = create(config, topics, registration);
            // Set before start (allowed only then). ERROR is final: the handle reports it so main exits non-zero.
            app.setStateListener((newState, oldState) -> {
                if (newState == KafkaStreams.State.ERROR || newState == KafkaStreams.State.NOT_RUNNING) {
                    stopped.countDown();
                }
            });
            streams.put(registration.name(), app);
        }
        final Handle handle = new Handle(streams, stopped);
        try {
            streams.forEach((name, app) -> {
                app.start();
                LOG.info("Mapper topology {} started as {}", name, MapperTopologies.applicationId(config, name));
            });
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
        return handle;
    }

    private static KafkaStreams create(final MapperConfig config, final Topics topics,
                                       final MapperTopologies.Registration registration) {
        final Properties props = streamsProperties(config, registration);
        // The builder needs the config too, for the explicit-naming check to apply.
        final StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
        registration.build().build(builder, topics, config);
        final KafkaStreams streams = new KafkaStreams(builder.build(props), props);
        // A transient failure (broker gone, fenced producer) should not take the app down; state is restored from the changelogs.
        streams.setUncaughtExceptionHandler(exception -> {
            LOG.error("Stream thread of topology {} failed; replacing it", registration.name(), exception);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        return streams;
    }

    /**
     * The config's Streams properties with the topology's application id, its own Streams defaults where the operator
     * set nothing, and, but for inventory, a state directory of its own (Kafka Streams keeps one process id per state
     * directory).
     */
    public static Properties streamsProperties(final MapperConfig config, final MapperTopologies.Registration registration) {
        final String name = registration.name();
        final Properties props = config.streamsProperties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, MapperTopologies.applicationId(config, name));
        final Map<String, Object> told = config.originalsWithPrefix(CommonConfig.KAFKA_CLIENT_PREFIX);
        registration.streamsDefaults().forEach((setting, value) -> {
            if (!told.containsKey(setting)) {
                props.put(setting, value);
            }
        });
        if (!MapperTopologies.INVENTORY.equals(name)) {
            props.put(StreamsConfig.STATE_DIR_CONFIG, Path.of(config.getString(MapperConfig.STATE_DIR), name).toString());
            final Object clientId = props.get(CommonClientConfigs.CLIENT_ID_CONFIG);
            if (clientId != null) {
                props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId + "-" + name); // one client id per app, as JMX needs
            }
        }
        return props;
    }

    /**
     * The management endpoint ({@code management.port}): ready while every topology is RUNNING (a restore, a rebalance
     * or ERROR is not ready); Kafka Streams' and the JVM's metrics for Prometheus. Null when turned off.
     */
    public static ManagementServer serveManagement(final MapperConfig config, final Handle handle) {
        final PrometheusMeterRegistry registry = ManagementServer.newRegistry();
        final Readiness readiness = new Readiness();
        handle.names().forEach(name -> {
            new KafkaStreamsMetrics(handle.streams(name), List.of(Tag.of("topology", name))).bindTo(registry);
            readiness.check("streams " + name + " RUNNING", () -> handle.streams(name).state() == KafkaStreams.State.RUNNING);
        });
        return ManagementServer.start(config, registry, readiness);
    }

    public static void main(final String[] args) throws InterruptedException {
        final MapperConfig config = new MapperConfig(ConfigSource.load(args.length > 0 ? Path.of(args[0]) : null, System.getenv()));
        final Handle handle = start(config);
        final ManagementServer management = serveManagement(config, handle);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("SIGTERM: closing the mapper");
            handle.close(CLOSE_TIMEOUT); // commits, and under exactly-once ends the open transactions
            if (management != null) {
                management.close();
            }
        }, "mapper-shutdown"));
        LOG.info("Mapper {} started: topologies {}", config.getString(MapperConfig.APPLICATION_ID), handle.names());
        handle.awaitStop();
        if (handle.failed()) {
            // One topology without threads cannot map: exit so the supervisor restarts us, rather than idle half-dead.
            LOG.error("Kafka Streams of topology {} is in ERROR state; exiting", handle.failedNames());
            handle.close(CLOSE_TIMEOUT);
            System.exit(1);
        }
    }

    /** The running topologies of one mapper process. */
    public static final class Handle implements AutoCloseable {

        private static final CloseOptions LEAVE_GROUP = CloseOptions.groupMembershipOperation(
                CloseOptions.GroupMembershipOperation.LEAVE_GROUP);

        private final Map<String, KafkaStreams> streams;
        private final List<String> names;
        private final CountDownLatch stopped;

        Handle(final Map<String, KafkaStreams> streams, final CountDownLatch stopped) {
            this.streams = Map.copyOf(streams);
            this.names = List.copyOf(streams.keySet());
            this.stopped = stopped;
        }

        /** The registered topology names, in registration order. */
        public List<String> names() {
            return names;
        }

        /** The Kafka Streams instance of a topology. */
        public KafkaStreams streams(final String name) {
            final KafkaStreams app = streams.get(name);
            if (app == null) {
                throw new IllegalArgumentException("no mapper topology " + name + "; registered: " + names);
            }
            return app;
        }

        /** Each topology's state, in registration order. */
        public Map<String, KafkaStreams.State> states() {
            final Map<String, KafkaStreams.State> states = new LinkedHashMap<>();
            names.forEach(name -> states.put(name, streams.get(name).state()));
            return states;
        }

        /** True once every topology is RUNNING. */
        public boolean isRunning() {
            return states().values().stream().allMatch(state -> state == KafkaStreams.State.RUNNING);
        }

        /** Topologies in ERROR (final: their threads are gone). */
        public List<String> failedNames() {
            final List<String> failed = new ArrayList<>();
            states().forEach((name, state) -> {
                if (state == KafkaStreams.State.ERROR) {
                    failed.add(name);
                }
            });
            return failed;
        }

        public boolean failed() {
            return !failedNames().isEmpty();
        }

        /** Waits until any topology went to ERROR or was closed. */
        public void awaitStop() throws InterruptedException {
            stopped.await();
        }

        /** The same with a timeout; true when one did. */
        public boolean awaitStop(final Duration timeout) throws InterruptedException {
            return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Closes every topology, all of them within {@code timeout} together. */
        public void close(final Duration timeout) {
            // All topologies begin shutting down at once (a zero timeout does not wait), then share one deadline: the
            // whole mapper stops within the timeout, and so within a pod's grace period, not within one per topology.
            // Each leaves its consumer group on the way out, so a replacement (the next pod of a rollout) is assigned the
            // partitions at once instead of after the session timeout (45 s by default) of a member that is gone.
            names.forEach(name -> streams.get(name).close(LEAVE_GROUP.withTimeout(Duration.ZERO)));
            final long deadline = System.nanoTime() + timeout.toNanos();
            names.forEach(name -> streams.get(name).close(LEAVE_GROUP.withTimeout(
                    Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))));
        }

        @Override
        public void close() {
            close(CLOSE_TIMEOUT);
        }
    }
}
