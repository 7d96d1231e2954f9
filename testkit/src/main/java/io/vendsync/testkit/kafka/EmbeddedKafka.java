package io.vendsync.testkit.kafka;

import io.vendsync.testkit.files.TempDirs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real Apache Kafka KRaft broker (combined broker + controller) in this JVM, started from Kafka's own
 * artifacts the way {@code kafka-storage.sh format} and {@code kafka-server-start.sh} do. It keeps its
 * ports and log directory across {@link #stop()} and {@link #restart()}, so fault tests can take the
 * broker away mid-run and bring the same cluster back.
 */
public final class EmbeddedKafka implements KafkaFixture {

    private final Path logDir;
    private final Properties props;
    private final String bootstrapServers;
    private KafkaRaftServer server;

    private EmbeddedKafka(final Path logDir, final Properties props, final String bootstrapServers) {
        this.logDir = logDir;
        this.props = props;
        this.bootstrapServers = bootstrapServers;
    }

    public static EmbeddedKafka start() {
        try {
            final Path dir = TempDirs.create("vendsync-kafka-");
            final int brokerPort = freePort();
            final int controllerPort = freePort();
            final Properties props = new Properties();
            props.put("process.roles", "broker,controller");
            props.put("node.id", "1");
            props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
            props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
            props.put("controller.listener.names", "CONTROLLER");
            props.put("inter.broker.listener.name", "PLAINTEXT");
            props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
            props.put("log.dirs", dir.resolve("logs").toAbsolutePath().toString());
            props.put("num.partitions", "1");
            props.put("offsets.topic.replication.factor", "1");
            props.put("offsets.topic.num.partitions", "1");
            props.put("transaction.state.log.replication.factor", "1");
            props.put("transaction.state.log.min.isr", "1");
            props.put("transaction.state.log.num.partitions", "1");
            props.put("share.coordinator.state.topic.replication.factor", "1");
            props.put("share.coordinator.state.topic.min.isr", "1");
            props.put("group.initial.rebalance.delay.ms", "0");
            props.put("auto.create.topics.enable", "false");
            final Path propsFile = dir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(propsFile)) {
                props.store(out, "vendsync embedded KRaft broker");
            }
            format(propsFile);
            final EmbeddedKafka kafka = new EmbeddedKafka(dir, props, "127.0.0.1:" + brokerPort);
            kafka.startServer();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the embedded Kafka broker", e);
        }
    }

    private static void format(final Path propsFile) {
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        final int rc;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            rc = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
                propsFile.toString(), "--ignore-formatted"}, out);
        }
        if (rc != 0) {
            throw new IllegalStateException("kafka-storage format failed (" + rc + "): " + output.toString(StandardCharsets.UTF_8));
        }
    }

    private synchronized void startServer() {
        final KafkaRaftServer started = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        started.startup();
        server = started;
    }

    /** Stops the broker but keeps its data and ports; {@link #restart()} brings it back. */
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    public synchronized void restart() {
        stop();
        startServer();
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public String kind() {
        return "embedded";
    }

    @Override
    public synchronized void close() {
        stop();
        TempDirs.deleteRecursively(logDir);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
