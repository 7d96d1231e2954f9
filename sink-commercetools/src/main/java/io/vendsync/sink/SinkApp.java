package io.vendsync.sink;

import com.commercetools.api.client.ProjectApiRoot;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vendsync.runtime.CommonConfig;
import io.vendsync.runtime.ConfigSource;
import io.vendsync.runtime.TopicProvisioner;
import io.vendsync.runtime.management.ManagementServer;
import io.vendsync.runtime.management.Readiness;
import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.mapping.CommercetoolsVariant;
import io.vendsync.sink.catalog.CatalogPoller;
import io.vendsync.sink.catalog.CatalogReader;
import io.vendsync.sink.catalog.PublishedCatalog;
import io.vendsync.sink.customers.CustomerStatistics;
import io.vendsync.sink.customers.CustomerWriter;
import io.vendsync.sink.internals.AppliedVersions;
import io.vendsync.sink.internals.ChannelResolver;
import io.vendsync.sink.internals.CommercetoolsClient;
import io.vendsync.sink.internals.FailureClassifier;
import io.vendsync.sink.internals.FailureRouter;
import io.vendsync.sink.internals.IntegrationLogMiddleware;
import io.vendsync.sink.internals.InventoryTypeEnsurer;
import io.vendsync.sink.internals.InventoryWriter;
import io.vendsync.sink.internals.KafkaAppliedVersions;
import io.vendsync.sink.internals.KafkaIntegrationLog;
import io.vendsync.sink.internals.RecordProcessor;
import io.vendsync.sink.internals.TopicHandler;
import io.vendsync.sink.orders.OrderEventsWriter;
import io.vendsync.sink.orders.OrderWriter;
import io.vendsync.sink.prices.CustomerGroupResolver;
import io.vendsync.sink.prices.PriceWriter;
import io.vendsync.sink.prices.TaxCategoryWriter;
import io.vendsync.sink.products.ProductWriter;
import io.vendsync.sink.products.PublishPolicy;
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

    /** The retry topics of the inventory loop's configured tiers, in tier order. */
    public static List<Topic<byte[], byte[]>> retryTopics(final Topics topics, final SinkConfig config) {
        return IntStream.rangeClosed(1, config.retryDelaysMs().size()).mapToObj(SinkTopics.of(topics)::inventoryRetry).toList();
    }

    /** The retry topics of the catalog loop's tiers: as many as the inventory loop's, with the same delays. */
    public static List<Topic<byte[], byte[]>> catalogRetryTopics(final Topics topics, final SinkConfig config) {
        return IntStream.rangeClosed(1, config.retryDelaysMs().size()).mapToObj(SinkTopics.of(topics)::catalogRetry).toList();
    }

    /**
     * The catalog writers: register ONE line per canonical catalog topic here; the catalog loops start when at
     * least one is registered and subscribe only the registered topics. Tax categories before products before
     * prices reads best, but the topics are not ordered against each other: a writer that finds what its record
     * refers to missing (a price before its product, a product before its tax category) throws a
     * {@link io.vendsync.sink.internals.SinkWriteException} caused by a
     * {@link io.vendsync.sink.internals.MissingReferenceException}, which is transient, so the record waits on
     * a retry tier ({@code retry.sink.catalog.<n>}) until the referenced record has been applied.
     */
    static CatalogHandlers catalogHandlers(final ProjectApiRoot api, final SinkConfig config, final Topics topics) {
        final CatalogHandlers.Builder catalog = CatalogHandlers.builder();
        final int retries = config.conflictMaxRetries();
        // One resolver for prices and customers, so the two never create one customer group twice.
        final CustomerGroupResolver groups = new CustomerGroupResolver(api);
        return catalog
                .add(topics.canonicalTaxCategories, TaxCategoryWriter.template(api, retries, catalog.statistics(TaxCategoryWriter.ENTITY)))
                .add(topics.canonicalProducts, ProductWriter.of(api, config, catalog.statistics(ProductWriter.ENTITY)))
                .add(topics.canonicalPrices, PriceWriter.template(api, new ChannelResolver(api), groups,
                        PublishPolicy.of(config.productPublish()), retries,
                        catalog.statistics(PriceWriter.ENTITY)))
                .add(topics.canonicalCustomers, CustomerWriter.template(api, groups, config.customerFieldOwnership(),
                        config.customerDeletePolicy(), new CustomerStatistics(), retries, catalog.statistics(CustomerWriter.ENTITY)))
                .add(topics.canonicalOrders, OrderEventsWriter.of(api, retries, catalog.statistics(OrderWriter.ENTITY)))
                .build();
    }

    /** {@link #start(SinkConfig, CatalogHandlers.Factory)} with the production catalog writers ({@link #catalogHandlers}). */
    public static Handle start(final SinkConfig config) {
        return start(config, SinkApp::catalogHandlers);
    }

    /**
     * Connects to commercetools, ensures the custom Type, and runs the inventory loops (main and retry) and, when
     * {@code catalog} registers a writer, the catalog loops (consumer groups {@code <sink.group.id>-catalog} and
     * {@code -catalog-retry}, retry tiers {@code retry.sink.catalog.<n>}, DLQ {@code dlq.sink.catalog}), each on
     * its own thread. Does not create topics (see {@link #main(String[])}).
     */
    public static Handle start(final SinkConfig config, final CatalogHandlers.Factory catalog) {
        final Topics topics = CommonConfig.topics(config);
        final KafkaIntegrationLog integrationLog = new KafkaIntegrationLog(CommonConfig.kafkaClientProperties(config),
                topics.integrationLog);
        ProjectApiRoot api = null;
        Producer<byte[], byte[]> failures = null;
        CatalogPoller catalogReader = null;
        AppliedVersions applied = AppliedVersions.NONE;
        try {
            final IntegrationLogMiddleware exchanges = new IntegrationLogMiddleware(integrationLog,
                    config.integrationLogBodyMaxBytes(), CommonConfig.payloadMasker(config));
            api = CommercetoolsClient.build(config.projectKey(), config.clientId(), config.clientSecret(), config.scopes(),
                    config.authUrl(), config.apiUrl(), exchanges);
            final String typeId = new InventoryTypeEnsurer(api).ensure();
            final SinkStatistics statistics = new SinkStatistics();
            final List<TopicHandler<?>> inventoryHandlers = List.of(TopicHandler.of(topics.canonicalInventory,
                    InventoryWriter.template(api, new ChannelResolver(api), typeId, config.conflictMaxRetries(), statistics,
                            config.inventoryCacheEntries())));
            final CatalogHandlers catalogHandlers = catalog.create(api, config, topics);
            failures = new KafkaProducer<>(failureProducerProperties(config), new ByteArraySerializer(), new ByteArraySerializer());
            final SinkLoops inventory = loops(config, "vendsync-sink-commercetools", "Sink", config.groupId(),
                    config.retryGroupId(), inventoryHandlers, statistics, retryTopics(topics, config), SinkTopics.of(topics).inventoryDlq, failures,
                    AppliedVersions.NONE); // inventory entries carry their source version themselves
            if (!catalogHandlers.isEmpty()) {
                applied = KafkaAppliedVersions.load(CommonConfig.kafkaClientProperties(config), SinkTopics.of(topics).catalogApplied);
            }
            final SinkLoops catalogLoops = catalogHandlers.isEmpty() ? null
                    : loops(config, "vendsync-sink-catalog", "Catalog sink", config.catalogGroupId(), config.catalogRetryGroupId(),
                    catalogHandlers.handlers(), catalogHandlers.statistics(), catalogRetryTopics(topics, config),
                    SinkTopics.of(topics).catalogDlq, failures, applied);
            catalogReader = startCatalogReader(config, topics, api);
            final Handle handle = new Handle(inventory, catalogLoops, api, failures, integrationLog, catalogReader, applied,
                    exchanges);
            inventory.start();
            LOG.info("commercetools sink started: project {}, group {}, topic {}, retry delays {} ms, DLQ {}", config.projectKey(),
                    config.groupId(), topics.canonicalInventory.name(), config.retryDelaysMs(), SinkTopics.of(topics).inventoryDlq.name());
            if (catalogLoops != null) {
                catalogLoops.start();
                LOG.info("commercetools catalog sink started: group {}, topics {}, DLQ {}", config.catalogGroupId(),
                        catalogHandlers.handlers().stream().map(TopicHandler::topic).toList(), SinkTopics.of(topics).catalogDlq.name());
            } else {
                LOG.info("No catalog writer registered: products, prices and tax categories are not synced");
            }
            return handle;
        } catch (RuntimeException e) {
            if (catalogReader != null) {
                catalogReader.close();
            }
            if (api != null) {
                api.close();
            }
            if (failures != null) {
                failures.close(Duration.ofSeconds(10));
            }
            applied.close();
            integrationLog.close();
            throw e;
        }
    }

    /**
     * A main loop and its retry loop over the same handlers, counting into {@code statistics}, exported over JMX
     * under the main loop's group. Each loop gets its own processor (a router collects its loop's pending sends);
     * the failure producer and the writers are shared.
     */
    private static SinkLoops loops(final SinkConfig config, final String threadName, final String name, final String groupId,
                                   final String retryGroupId, final List<TopicHandler<?>> handlers, final SinkStatistics statistics,
                                   final List<Topic<byte[], byte[]>> retryTopics, final Topic<byte[], byte[]> dlq,
                                   final Producer<byte[], byte[]> failures, final AppliedVersions applied) {
        final CanonicalSink main = new CanonicalSink(config, name, groupId,
                processor(config, handlers, statistics, retryTopics, dlq, failures, applied));
        final RetrySink retry = new RetrySink(config, name + " retry loop", retryGroupId,
                processor(config, handlers, statistics, retryTopics, dlq, failures, applied));
        return new SinkLoops(threadName, main, retry, SinkMetrics.register(statistics, groupId));
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

    private static RecordProcessor processor(final SinkConfig config, final List<TopicHandler<?>> handlers,
                                             final SinkStatistics statistics, final List<Topic<byte[], byte[]>> retryTopics,
                                             final Topic<byte[], byte[]> dlq, final Producer<byte[], byte[]> producer,
                                             final AppliedVersions applied) {
        final FailureRouter router = new FailureRouter(producer, retryTopics.stream().map(Topic::name).toList(),
                config.retryDelaysMs(), dlq.name(), System::currentTimeMillis);
        return new RecordProcessor(handlers, statistics, new FailureClassifier(), router, applied);
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

    /** Creates the contract's topics, the sink's own, and any retry tier (inventory and catalog) beyond the {@value SinkTopics#DEFAULT_RETRY_TIERS} by default. */
    public static void ensureTopics(final SinkConfig config) {
        final Properties kafka = CommonConfig.kafkaClientProperties(config);
        final Topics topics = CommonConfig.topics(config);
        final int partitions = config.getInt(CommonConfig.TOPIC_PARTITIONS);
        final short replication = config.getShort(CommonConfig.TOPIC_REPLICATION_FACTOR);
        TopicProvisioner.ensure(kafka, topics, partitions, replication);
        TopicProvisioner.ensure(kafka, SinkTopics.of(topics).all(), partitions, replication);
        // Retry tiers beyond the default three, when sink.retry.delays.ms configures more.
        TopicProvisioner.ensure(kafka, retryTopics(topics, config), partitions, replication);
        TopicProvisioner.ensure(kafka, catalogRetryTopics(topics, config), partitions, replication);
    }

    /** Settings from an optional properties file (first argument) and {@code VENDSYNC_*} variables. */
    public static void main(final String[] args) throws InterruptedException {
        final Map<String, String> settings = ConfigSource.load(args.length > 0 ? Path.of(args[0]) : null, System.getenv());
        final SinkConfig config = new SinkConfig(settings);
        ensureTopics(config);
        final Handle handle = start(config);
        final ManagementServer management = handle.serveManagement(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            handle.close();
            if (management != null) {
                management.close();
            }
        }, "vendsync-sink-shutdown"));
        while (!handle.awaitTermination(Duration.ofMinutes(1))) {
            LOG.info("{}", handle.statistics().reportMessage());
            handle.catalogStatistics().ifPresent(catalog -> LOG.info("Catalog: {}", catalog.reportMessage()));
        }
        if (handle.failure().isPresent()) {
            handle.close();
            System.exit(1);
        }
    }

    /** A running sink: the inventory loops and, when a catalog writer is registered, the catalog loops. */
    public static final class Handle implements AutoCloseable {

        private final SinkLoops inventory;
        private final SinkLoops catalog;
        private final ProjectApiRoot api;
        private final Producer<byte[], byte[]> failures;
        private final KafkaIntegrationLog integrationLog;
        private final CatalogPoller catalogReader;
        private final AppliedVersions applied;
        private final IntegrationLogMiddleware exchanges;
        private boolean closed;

        Handle(final SinkLoops inventory, final SinkLoops catalog, final ProjectApiRoot api, final Producer<byte[], byte[]> failures,
               final KafkaIntegrationLog integrationLog, final CatalogPoller catalogReader, final AppliedVersions applied,
               final IntegrationLogMiddleware exchanges) {
            this.exchanges = exchanges;
            this.inventory = inventory;
            this.catalog = catalog;
            this.api = api;
            this.failures = failures;
            this.integrationLog = integrationLog;
            this.catalogReader = catalogReader;
            this.applied = applied;
        }

        /**
         * The management endpoint ({@code management.port}): ready while every loop runs with its consumer in its group
         * and commercetools' last answer took the token; per-resource outcomes, retries and dead letters for
         * Prometheus. Null when turned off.
         */
        public ManagementServer serveManagement(final SinkConfig config) {
            final PrometheusMeterRegistry registry = ManagementServer.newRegistry();
            SinkMeters.bind(registry, "inventory", inventory.statistics());
            catalogStatistics().ifPresent(catalogStatistics -> SinkMeters.bind(registry, "catalog", catalogStatistics));
            final Readiness readiness = new Readiness()
                    .check("inventory consumers in their group", inventory::joined)
                    .check("commercetools authenticated", exchanges::authenticated);
            if (catalog != null) {
                readiness.check("catalog consumers in their group", catalog::joined);
            }
            return ManagementServer.start(config, registry, readiness);
        }

        /** The inventory loops' counters. */
        public SinkStatistics statistics() {
            return inventory.statistics();
        }

        /** The catalog loops' counters; empty when no catalog writer is registered. */
        public Optional<SinkStatistics> catalogStatistics() {
            return Optional.ofNullable(catalog).map(SinkLoops::statistics);
        }

        private List<SinkLoops> loops() {
            return catalog == null ? List.of(inventory) : List.of(inventory, catalog);
        }

        /** False once any loop stopped, by {@link #close()} or by a failure. */
        public boolean isRunning() {
            return loops().stream().allMatch(SinkLoops::isRunning);
        }

        /** The failure that stopped a loop, if one did (the inventory loops' first). */
        public Optional<Throwable> failure() {
            return loops().stream().map(SinkLoops::failure).flatMap(Optional::stream).findFirst();
        }

        /** Waits until a loop stopped (one alone cannot sync: the others are stopped by {@link #close()}); true when one did. */
        public boolean awaitTermination(final Duration timeout) throws InterruptedException {
            final long deadline = System.nanoTime() + timeout.toNanos();
            while (isRunning() && System.nanoTime() < deadline) {
                inventory.join(Math.max(1, Math.min(200, (deadline - System.nanoTime()) / 1_000_000)));
            }
            return !isRunning();
        }

        /** Stops every loop, then closes the failure producer, the commercetools client and the integration log. Idempotent. */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (catalogReader != null) {
                catalogReader.close(); // first: it uses the commercetools client closed below
            }
            loops().forEach(SinkLoops::close);
            applied.close(); // after the loops: the last marks are flushed once nothing applies any more
            failures.close(Duration.ofSeconds(10));
            api.close();
            integrationLog.close();
            LOG.info("commercetools sink closed. {}", inventory.statistics().reportMessage());
            catalogStatistics().ifPresent(statistics -> LOG.info("commercetools catalog sink closed. {}", statistics.reportMessage()));
        }
    }
}
