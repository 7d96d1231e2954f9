package io.vendsync.sink;

import com.commercetools.api.client.ProjectApiRoot;
import io.vendsync.runtime.CommonConfig;
import io.vendsync.runtime.ConfigSource;
import io.vendsync.runtime.TopicProvisioner;
import io.vendsync.schemas.Topics;
import io.vendsync.sink.internals.ChannelResolver;
import io.vendsync.sink.internals.CommercetoolsClient;
import io.vendsync.sink.internals.IntegrationLogMiddleware;
import io.vendsync.sink.internals.InventoryTypeEnsurer;
import io.vendsync.sink.internals.InventoryWriter;
import io.vendsync.sink.internals.KafkaIntegrationLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the commercetools sink: {@link #start(SinkConfig)} for embedding, {@link #main(String[])} as a process. */
public final class SinkApp {

    private static final Logger LOG = LoggerFactory.getLogger(SinkApp.class);

    private SinkApp() {
    }

    /**
     * Connects to commercetools, ensures the custom Type, and runs the consumer loop on its own thread.
     * Does not create topics (see {@link #main(String[])}).
     */
    public static Handle start(final SinkConfig config) {
        final Topics topics = CommonConfig.topics(config);
        final KafkaIntegrationLog integrationLog = new KafkaIntegrationLog(CommonConfig.kafkaClientProperties(config),
                topics.integrationLog);
        ProjectApiRoot api = null;
        try {
            api = CommercetoolsClient.build(config.projectKey(), config.clientId(), config.clientSecret(), config.scopes(),
                    config.authUrl(), config.apiUrl(),
                    new IntegrationLogMiddleware(integrationLog, config.integrationLogBodyMaxBytes()));
            final String typeId = new InventoryTypeEnsurer(api).ensure();
            final InventoryWriter writer = new InventoryWriter(api, new ChannelResolver(api), typeId,
                    config.conflictMaxRetries(), new SinkStatistics());
            final InventorySink sink = new InventorySink(config, topics.canonicalInventory, writer);
            final Thread thread = new Thread(sink, "vendsync-sink-commercetools");
            final Handle handle = new Handle(sink, thread, api, integrationLog);
            thread.start();
            LOG.info("commercetools sink started: project {}, group {}, topic {}", config.projectKey(), config.groupId(),
                    topics.canonicalInventory.name());
            return handle;
        } catch (RuntimeException e) {
            if (api != null) {
                api.close();
            }
            integrationLog.close();
            throw e;
        }
    }

    /** Settings from an optional properties file (first argument) and {@code VENDSYNC_*} variables. */
    public static void main(final String[] args) throws InterruptedException {
        final Map<String, String> settings = ConfigSource.load(args.length > 0 ? Path.of(args[0]) : null, System.getenv());
        final SinkConfig config = new SinkConfig(settings);
        TopicProvisioner.ensure(CommonConfig.kafkaClientProperties(config), CommonConfig.topics(config),
                config.getInt(CommonConfig.TOPIC_PARTITIONS), config.getShort(CommonConfig.TOPIC_REPLICATION_FACTOR));
        final Handle handle = start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(handle::close, "vendsync-sink-shutdown"));
        while (!handle.awaitTermination(Duration.ofMinutes(1))) {
            LOG.info("{}", handle.statistics().reportMessage());
        }
        if (handle.failure().isPresent()) {
            handle.close();
            System.exit(1);
        }
    }

    /** A running sink. */
    public static final class Handle implements AutoCloseable {

        private final InventorySink sink;
        private final Thread thread;
        private final ProjectApiRoot api;
        private final KafkaIntegrationLog integrationLog;
        private boolean closed;

        Handle(final InventorySink sink, final Thread thread, final ProjectApiRoot api, final KafkaIntegrationLog integrationLog) {
            this.sink = sink;
            this.thread = thread;
            this.api = api;
            this.integrationLog = integrationLog;
        }

        public SinkStatistics statistics() {
            return sink.statistics();
        }

        /** False once the loop stopped, by {@link #close()} or by a failed record. */
        public boolean isRunning() {
            return thread.isAlive();
        }

        /** The failure that stopped the loop, if one did. */
        public Optional<Throwable> failure() {
            return sink.failure();
        }

        /** Waits for the loop to stop; true when it did. */
        public boolean awaitTermination(final Duration timeout) throws InterruptedException {
            thread.join(Math.max(1, timeout.toMillis()));
            return !thread.isAlive();
        }

        /** Stops the loop, then closes the commercetools client and flushes the integration log. Idempotent. */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            sink.close();
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            api.close();
            integrationLog.close();
            LOG.info("commercetools sink closed. {}", sink.statistics().reportMessage());
        }
    }
}
