package io.vendsync.sink;

import com.commercetools.api.client.ProjectApiRoot;
import io.vendsync.runtime.CommonConfig;
import io.vendsync.runtime.ConfigSource;
import io.vendsync.runtime.TopicProvisioner;
import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.mapping.CommercetoolsVariant;
import io.vendsync.sink.catalog.CatalogPoller;
import io.vendsync.sink.catalog.CatalogReader;
import io.vendsync.sink.catalog.PublishedCatalog;
import io.vendsync.sink.internals.ChannelResolver;
import io.vendsync.sink.internals.CommercetoolsClient;
import io.vendsync.sink.internals.FailureClassifier;
import io.vendsync.sink.internals.FailureRouter;
import io.vendsync.sink.internals.IntegrationLogMiddleware;
import io.vendsync.sink.internals.InventoryDecoder;
import io.vendsync.sink.internals.InventoryTypeEnsurer;
import io.vendsync.sink.internals.InventoryWriter;
import io.vendsync.sink.internals.KafkaIntegrationLog;
import io.vendsync.sink.internals.RecordProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the commercetools sink: {@link #start(SinkConfig)} for embedding, {@link #main(String[])} as a process. */
public final class SinkApp {

    private static final Logger LOG = LoggerFactory.getLogger(SinkApp.class);

    private SinkApp() {
    }

    /** The retry topics of the configured tiers, in tier order. */
    public static List<Topic<byte[], byte[]>> retryTopics(final Topics topics, final SinkConfig config) {
        return IntStream.rangeClosed(1, config.retryDelaysMs().size()).mapToObj(topics::sinkInventoryRetry).toList();
    }

    /**
     * Connects to commercetools, ensures the custom Type, and runs the main loop and the retry loop on their own
     * threads. Does not create topics (see {@link #main(String[])}).
     */
    public static Handle start(final SinkConfig config) {
        final Topics topics = CommonConfig.topics(config);
        final KafkaIntegrationLog integrationLog = new KafkaIntegrationLog(CommonConfig.kafkaClientProperties(config),
                topics.integrationLog);
        ProjectApiRoot api = null;
        Producer<byte[], byte[]> failures = null;
        CatalogPoller catalog = null;
        try {
            api = CommercetoolsClient.build(config.projectKey(), config.clientId(), config.clientSecret(), config.scopes(),
                    config.authUrl(), config.apiUrl(),
                    new IntegrationLogMiddleware(integrationLog, config.integrationLogBodyMaxBytes(),
                            CommonConfig.payloadMasker(config)));
            final String typeId = new InventoryTypeEnsurer(api).ensure();
            final SinkStatistics statistics = new SinkStatistics();
            final InventoryWriter writer = new InventoryWriter(api, new ChannelResolver(api), typeId,
                    config.conflictMaxRetries(), statistics);
            failures = new KafkaProducer<>(failureProducerProperties(config), new ByteArraySerializer(), new ByteArraySerializer());
            final InventorySink sink = new InventorySink(config, topics.canonicalInventory.name(), processor(config, topics, writer, failures));
            final InventoryRetrySink retry = new InventoryRetrySink(config, processor(config, topics, writer, failures));
            final Thread thread = new Thread(sink, "vendsync-sink-commercetools");
            final Thread retryThread = new Thread(retry, "vendsync-sink-commercetools-retry");
            catalog = startCatalogReader(config, topics, api);
            final Handle handle = new Handle(sink, thread, retry, retryThread, api, failures, integrationLog, catalog,
                    SinkMetrics.register(statistics, config.groupId()));
            thread.start();
            retryThread.start();
            LOG.info("commercetools sink started: project {}, group {}, topic {}, retry delays {} ms, DLQ {}", config.projectKey(),
                    config.groupId(), topics.canonicalInventory.name(), config.retryDelaysMs(), topics.sinkInventoryDlq.name());
            return handle;
        } catch (RuntimeException e) {
            if (catalog != null) {
                catalog.close();
            }
            if (api != null) {
                api.close();
            }
            if (failures != null) {
                failures.close(Duration.ofSeconds(10));
            }
            integrationLog.close();
            throw e;
        }
    }

    /**
     * The commercetools catalog reader (issue #4): publishes the catalog's variants for the mapper to match against.
     * On its own thread with its own producer, so the inventory loops never wait for it; null when switched off.
     */
    private static CatalogPoller startCatalogReader(final SinkConfig config, final Topics topics, final ProjectApiRoot api) {
        if (config.catalogPollIntervalMs() == 0) {
            return null;
        }
        final Properties props = CommonConfig.kafkaClientProperties(config);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, config.groupId() + "-catalog");
        final Producer<String, CommercetoolsVariant> producer = new KafkaProducer<>(props,
                topics.commercetoolsVariants.keySerde().serializer(), topics.commercetoolsVariants.valueSerde().serializer());
        final CatalogReader reader = new CatalogReader(api, config.catalogGtinAttribute(), producer,
                topics.commercetoolsVariants.name(), CatalogReader.DEFAULT_OVERLAP,
                Duration.ofMillis(config.catalogFullReloadIntervalMs()), System::currentTimeMillis);
        return CatalogPoller.start(reader,
                () -> PublishedCatalog.read(CommonConfig.kafkaClientProperties(config), topics.commercetoolsVariants, Duration.ofSeconds(60)),
                Duration.ofMillis(config.catalogPollIntervalMs()), () -> producer.close(Duration.ofSeconds(10)));
    }

    /** One per loop: a router collects its loop's pending sends; the producer and the writer are shared. */
    private static RecordProcessor processor(final SinkConfig config, final Topics topics, final InventoryWriter writer,
                                             final Producer<byte[], byte[]> producer) {
        final List<String> retryTopics = retryTopics(topics, config).stream().map(Topic::name).toList();
        final FailureRouter router = new FailureRouter(producer, retryTopics, config.retryDelaysMs(),
                topics.sinkInventoryDlq.name(), System::currentTimeMillis);
        return new RecordProcessor(new InventoryDecoder(topics.canonicalInventory.keySerde().deserializer(),
                topics.canonicalInventory.valueSerde().deserializer()), writer, new FailureClassifier(), router);
    }

    /** Durable writes to the retry and dead-letter topics: the source offset is committed only after them. */
    static Properties failureProducerProperties(final SinkConfig config) {
        final Properties props = CommonConfig.kafkaClientProperties(config);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, config.groupId() + "-failures");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        return props;
    }

    /** Creates the contract's topics and any retry tier beyond the {@value Topics#SINK_INVENTORY_RETRY_TIERS} it includes. */
    public static void ensureTopics(final SinkConfig config) {
        final Properties kafka = CommonConfig.kafkaClientProperties(config);
        final Topics topics = CommonConfig.topics(config);
        final int partitions = config.getInt(CommonConfig.TOPIC_PARTITIONS);
        final short replication = config.getShort(CommonConfig.TOPIC_REPLICATION_FACTOR);
        TopicProvisioner.ensure(kafka, topics, partitions, replication);
        // Retry tiers beyond the registry's default three, when sink.retry.delays.ms configures more.
        TopicProvisioner.ensure(kafka, retryTopics(topics, config), partitions, replication);
    }

    /** Settings from an optional properties file (first argument) and {@code VENDSYNC_*} variables. */
    public static void main(final String[] args) throws InterruptedException {
        final Map<String, String> settings = ConfigSource.load(args.length > 0 ? Path.of(args[0]) : null, System.getenv());
        final SinkConfig config = new SinkConfig(settings);
        ensureTopics(config);
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

    /** A running sink: the main loop and the retry loop. */
    public static final class Handle implements AutoCloseable {

        private final InventorySink sink;
        private final Thread thread;
        private final InventoryRetrySink retry;
        private final Thread retryThread;
        private final ProjectApiRoot api;
        private final Producer<byte[], byte[]> failures;
        private final KafkaIntegrationLog integrationLog;
        private final CatalogPoller catalog;
        private final SinkMetrics metrics;
        private boolean closed;

        Handle(final InventorySink sink, final Thread thread, final InventoryRetrySink retry, final Thread retryThread,
               final ProjectApiRoot api, final Producer<byte[], byte[]> failures, final KafkaIntegrationLog integrationLog,
               final CatalogPoller catalog, final SinkMetrics metrics) {
            this.sink = sink;
            this.thread = thread;
            this.retry = retry;
            this.retryThread = retryThread;
            this.api = api;
            this.failures = failures;
            this.integrationLog = integrationLog;
            this.catalog = catalog;
            this.metrics = metrics;
        }

        public SinkStatistics statistics() {
            return sink.statistics();
        }

        /** False once either loop stopped, by {@link #close()} or by a failure. */
        public boolean isRunning() {
            return thread.isAlive() && retryThread.isAlive();
        }

        /** The failure that stopped a loop, if one did (the main loop's first). */
        public Optional<Throwable> failure() {
            return sink.failure().or(retry::failure);
        }

        /** Waits until a loop stopped (one alone cannot sync: the other is stopped by {@link #close()}); true when one did. */
        public boolean awaitTermination(final Duration timeout) throws InterruptedException {
            final long deadline = System.nanoTime() + timeout.toNanos();
            while (isRunning() && System.nanoTime() < deadline) {
                thread.join(Math.max(1, Math.min(200, (deadline - System.nanoTime()) / 1_000_000)));
            }
            return !isRunning();
        }

        /** Stops both loops, then closes the failure producer, the commercetools client and the integration log. Idempotent. */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (catalog != null) {
                catalog.close(); // first: it uses the commercetools client closed below
            }
            sink.close();
            retry.close();
            try {
                thread.join(30_000);
                retryThread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            failures.close(Duration.ofSeconds(10));
            api.close();
            integrationLog.close();
            metrics.close();
            LOG.info("commercetools sink closed. {}", sink.statistics().reportMessage());
        }
    }
}
