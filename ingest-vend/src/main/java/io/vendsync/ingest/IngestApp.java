package io.vendsync.ingest;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vendsync.ingest.delta.ReadScheduler;
import io.vendsync.ingest.vend.RateGovernor;
import io.vendsync.ingest.vend.VendEdgeStatistics;
import io.vendsync.ingest.webhook.WebhookReceiver;
import io.vendsync.ingest.webhook.WebhookSignature;
import io.vendsync.runtime.CommonConfig;
import io.vendsync.runtime.ConfigSource;
import io.vendsync.runtime.management.ManagementServer;
import io.vendsync.runtime.management.Readiness;
import java.nio.file.Path;
import java.util.Map;
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

    private final IngestWiring wiring;
    private final ReadScheduler scheduler;
    private final WebhookReceiver webhooks;
    private final IngestMetrics metrics;

    private IngestApp(final IngestWiring wiring, final ReadScheduler scheduler, final WebhookReceiver webhooks,
                      final IngestMetrics metrics) {
        this.wiring = wiring;
        this.scheduler = scheduler;
        this.webhooks = webhooks;
        this.metrics = metrics;
    }

    public static IngestApp start(final IngestConfig config) {
        final IngestWiring wiring;
        try {
            wiring = IngestWiring.open(config, config.transactionalId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while connecting to Vend", e);
        }
        // A job is an entity's delta read, or its listing whole (IngestConfig.RELIST_JOB_SUFFIX) to find deletions.
        final ReadScheduler scheduler = new ReadScheduler((job, trigger) -> {
            if (job.endsWith(IngestConfig.RELIST_JOB_SUFFIX)) {
                wiring.relister().relist(job.substring(0, job.length() - IngestConfig.RELIST_JOB_SUFFIX.length()));
            } else {
                wiring.reader().read(job, trigger);
            }
        }, config.readJobs(), config.defaultPollInterval(), config.jobIntervals(),
                ReadScheduler.Pacing.of(wiring.governor()::acquired, wiring.governor()::paceAfter));
        WebhookReceiver webhooks = null;
        if (config.getBoolean(IngestConfig.WEBHOOK_ENABLED)) {
            final Password secret = config.getPassword(IngestConfig.WEBHOOK_SECRET);
            webhooks = WebhookReceiver.start(wiring.vertx(), config.getString(IngestConfig.WEBHOOK_HOST),
                    config.getInt(IngestConfig.WEBHOOK_PORT), config.getString(IngestConfig.WEBHOOK_PATH),
                    config.getInt(IngestConfig.WEBHOOK_BODY_MAX_BYTES),
                    secret == null || secret.value().isEmpty() ? null : new WebhookSignature(secret.value()),
                    scheduler::trigger, WebhookReceiver.RejectRecorder.masking(wiring.ops(), CommonConfig.payloadMasker(config)));
        }
        final IngestMetrics metrics = IngestMetrics.register(wiring.domainPrefix(), scheduler, wiring.governor(),
                wiring.vend().statistics(), webhooks);
        scheduler.start();
        LOG.info("Vend ingest started for store '{}' at {} (entities {})", wiring.domainPrefix(),
                config.getString(IngestConfig.VEND_BASE_URL), config.entities());
        return new IngestApp(wiring, scheduler, webhooks, metrics);
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
        return wiring.governor();
    }

    /** Failures by class, redirects and back-offs at the edge to Vend. */
    public VendEdgeStatistics vendStatistics() {
        return wiring.vend().statistics();
    }

    @Override
    public void close() {
        metrics.close();
        if (webhooks != null) {
            webhooks.close();
        }
        scheduler.close();
        wiring.close();
    }

    /**
     * The management endpoint ({@code management.port}): ready while Vend's last answer accepted the credentials and
     * the webhook receiver (when on) listens; the ingest's counters and the JVM's for Prometheus. Null when turned off.
     */
    public ManagementServer serveManagement(final IngestConfig config) {
        final PrometheusMeterRegistry registry = ManagementServer.newRegistry();
        metrics.bindTo(registry, wiring.domainPrefix());
        final Readiness readiness = new Readiness()
                .check("vend credentials accepted", () -> vendStatistics().credentialsAccepted())
                .check("webhook receiver listening", () -> webhooks == null || webhooks.port() > 0);
        return ManagementServer.start(config, registry, readiness);
    }

    public static void main(final String[] args) throws InterruptedException {
        final Map<String, String> settings = ConfigSource.load(args.length > 0 ? Path.of(args[0]) : null, System.getenv());
        final IngestConfig config = new IngestConfig(settings);
        final IngestApp app = start(config);
        final ManagementServer management = app.serveManagement(config);
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            if (management != null) {
                management.close();
            }
            stopped.countDown();
        }, "vendsync-ingest-stop"));
        stopped.await();
    }
}
