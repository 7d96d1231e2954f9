package io.vendsync.ingest;

import io.vendsync.ingest.delta.CursorStore;
import io.vendsync.ingest.delta.DeltaReader;
import io.vendsync.ingest.delta.ReadScheduler;
import io.vendsync.ingest.publish.OpsRecorder;
import io.vendsync.ingest.publish.RawPublisher;
import io.vendsync.ingest.vend.RateGovernor;
import io.vendsync.ingest.vend.VendApiClient;
import io.vendsync.ingest.webhook.WebhookReceiver;
import io.vendsync.ingest.webhook.WebhookSignature;
import io.vendsync.runtime.CommonConfig;
import io.vendsync.runtime.ConfigSource;
import io.vendsync.runtime.TopicProvisioner;
import io.vendsync.schemas.Topics;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.config.types.Password;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Vend ingest: a scheduler that reads each collection by version cursor, a webhook receiver that
 * triggers those reads, and the Kafka producers behind them. {@link #start} wires; {@link #close} stops.
 */
public final class IngestApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestApp.class);

    private final Vertx vertx;
    private final VendApiClient vend;
    private final RawPublisher publisher;
    private final OpsRecorder ops;
    private final ReadScheduler scheduler;
    private final WebhookReceiver webhooks;
    private final RateGovernor governor;

    private IngestApp(final Vertx vertx, final VendApiClient vend, final RawPublisher publisher, final OpsRecorder ops,
                      final ReadScheduler scheduler, final WebhookReceiver webhooks, final RateGovernor governor) {
        this.vertx = vertx;
        this.vend = vend;
        this.publisher = publisher;
        this.ops = ops;
        this.scheduler = scheduler;
        this.webhooks = webhooks;
        this.governor = governor;
    }

    public static IngestApp start(final IngestConfig config) {
        final Topics topics = CommonConfig.topics(config);
        final Properties kafka = CommonConfig.kafkaClientProperties(config);
        TopicProvisioner.ensure(kafka, topics, config.getInt(CommonConfig.TOPIC_PARTITIONS),
                config.getShort(CommonConfig.TOPIC_REPLICATION_FACTOR));
        final String domainPrefix = config.getString(IngestConfig.VEND_DOMAIN_PREFIX);
        final Clock clock = Clock.systemUTC();
        final Vertx vertx = Vertx.vertx();
        final OpsRecorder ops = new OpsRecorder(kafka, topics, domainPrefix, config.getInt(IngestConfig.ERROR_BODY_MAX_BYTES), clock);
        final RateGovernor governor = new RateGovernor(config.getInt(IngestConfig.VEND_RATE_BUDGET),
                Duration.ofMillis(config.getLong(IngestConfig.VEND_RATE_WINDOW_MS)), clock);
        final VendApiClient vend = new VendApiClient(vertx, config.getString(IngestConfig.VEND_BASE_URL),
                config.getPassword(IngestConfig.VEND_TOKEN).value(), governor,
                Duration.ofMillis(config.getLong(IngestConfig.VEND_REQUEST_TIMEOUT_MS)),
                config.getInt(IngestConfig.VEND_MAX_ATTEMPTS), ops);
        final CursorStore cursors = CursorStore.load(kafka, topics.ingestCursors);
        final RawPublisher publisher = new RawPublisher(kafka, config.transactionalId(), topics);
        final DeltaReader reader = new DeltaReader(vend, publisher, cursors, topics, domainPrefix,
                config.getInt(IngestConfig.VEND_PAGE_SIZE), config.getInt(IngestConfig.ERROR_BODY_MAX_BYTES), clock);
        final ReadScheduler scheduler = new ReadScheduler(reader::read, config.entities(),
                Duration.ofMillis(config.getLong(IngestConfig.VEND_POLL_INTERVAL_MS)));
        WebhookReceiver webhooks = null;
        if (config.getBoolean(IngestConfig.WEBHOOK_ENABLED)) {
            final Password secret = config.getPassword(IngestConfig.WEBHOOK_SECRET);
            webhooks = WebhookReceiver.start(vertx, config.getString(IngestConfig.WEBHOOK_HOST),
                    config.getInt(IngestConfig.WEBHOOK_PORT), config.getString(IngestConfig.WEBHOOK_PATH),
                    config.getInt(IngestConfig.WEBHOOK_BODY_MAX_BYTES),
                    secret == null || secret.value().isEmpty() ? null : new WebhookSignature(secret.value()),
                    scheduler::trigger, ops);
        }
        scheduler.start();
        LOG.info("Vend ingest started for store '{}' at {} (entities {})", domainPrefix,
                config.getString(IngestConfig.VEND_BASE_URL), config.entities());
        return new IngestApp(vertx, vend, publisher, ops, scheduler, webhooks, governor);
    }

    /** Port the webhook receiver listens on, or -1 when it is disabled. */
    public int webhookPort() {
        return webhooks == null ? -1 : webhooks.port();
    }

    public ReadScheduler scheduler() {
        return scheduler;
    }

    public WebhookReceiver webhooks() {
        return webhooks;
    }

    public RateGovernor governor() {
        return governor;
    }

    @Override
    public void close() {
        if (webhooks != null) {
            webhooks.close();
        }
        scheduler.close();
        publisher.close();
        vend.close();
        ops.close();
        vertx.close();
    }

    public static void main(final String[] args) throws InterruptedException {
        final Map<String, String> settings = ConfigSource.load(args.length > 0 ? Path.of(args[0]) : null, System.getenv());
        final IngestApp app = start(new IngestConfig(settings));
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "vendsync-ingest-stop"));
        stopped.await();
    }
}
