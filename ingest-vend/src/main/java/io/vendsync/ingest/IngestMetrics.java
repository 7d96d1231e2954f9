package io.vendsync.ingest;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vendsync.ingest.vend.VendFailure;

import io.vendsync.ingest.delta.ReadScheduler;
import io.vendsync.ingest.vend.RateGovernor;
import io.vendsync.ingest.vend.VendEdgeStatistics;
import io.vendsync.ingest.webhook.WebhookReceiver;
import java.lang.management.ManagementFactory;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes the counters the ingest already keeps (scheduler, rate governor, Vend edge, webhooks) over JMX. */
final class IngestMetrics implements IngestMetricsMXBean, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestMetrics.class);

    private final ReadScheduler scheduler;
    private final RateGovernor governor;
    private final VendEdgeStatistics edge;
    private final WebhookReceiver webhooks;
    private ObjectName name;

    private IngestMetrics(final ReadScheduler scheduler, final RateGovernor governor, final VendEdgeStatistics edge,
                          final WebhookReceiver webhooks) {
        this.scheduler = scheduler;
        this.governor = governor;
        this.edge = edge;
        this.webhooks = webhooks;
    }

    /** Registers under {@code io.vendsync:type=ingest,store=<domainPrefix>}; @param webhooks null when disabled */
    static IngestMetrics register(final String domainPrefix, final ReadScheduler scheduler, final RateGovernor governor,
                                  final VendEdgeStatistics edge, final WebhookReceiver webhooks) {
        final IngestMetrics metrics = new IngestMetrics(scheduler, governor, edge, webhooks);
        try {
            final ObjectName name = objectName(domainPrefix);
            ManagementFactory.getPlatformMBeanServer().registerMBean(metrics, name);
            metrics.name = name;
        } catch (InstanceAlreadyExistsException e) {
            // A second ingest of the same store in one JVM (tests): the first one's counters stay visible.
            LOG.warn("JMX name for store {} is taken; this ingest's counters are not exported", domainPrefix);
        } catch (JMException e) {
            throw new IllegalStateException("Cannot register the ingest's JMX metrics", e);
        }
        return metrics;
    }

    static ObjectName objectName(final String domainPrefix) throws JMException {
        return new ObjectName("io.vendsync", new Hashtable<>(Map.of("type", "ingest", "store", ObjectName.quote(domainPrefix))));
    }

    @Override
    public long getReads() {
        return scheduler.reads();
    }

    @Override
    public long getReadFailures() {
        return scheduler.failures();
    }

    @Override
    public long getReadPacedMillis() {
        return scheduler.pacedMillis();
    }

    @Override
    public Map<String, Long> getVendFailures() {
        final Map<String, Long> out = new LinkedHashMap<>();
        edge.failures().forEach((failure, count) -> out.put(failure.name(), count));
        return out;
    }

    @Override
    public long getThrottles() {
        return governor.throttles();
    }

    @Override
    public long getRateWaitMillis() {
        return governor.waitedMillis();
    }

    @Override
    public long getBackoffMillis() {
        return edge.backoffMillis();
    }

    @Override
    public long getRedirectsFollowed() {
        return edge.redirectsFollowed();
    }

    @Override
    public long getRedirectsRefused() {
        return edge.redirectsRefused();
    }

    @Override
    public long getWebhooksAccepted() {
        return webhooks == null ? 0 : webhooks.accepted();
    }

    @Override
    public long getWebhooksRejected() {
        return webhooks == null ? 0 : webhooks.rejected();
    }

    /** The same counters for Prometheus ({@code /metrics}), tagged with the store. */
    void bindTo(final MeterRegistry registry, final String domainPrefix) {
        final Tags store = Tags.of("store", domainPrefix);
        FunctionCounter.builder("vendsync.ingest.reads", this, IngestMetrics::getReads).tags(store)
                .description("Cursor reads of a Vend collection").register(registry);
        FunctionCounter.builder("vendsync.ingest.read.failures", this, IngestMetrics::getReadFailures).tags(store)
                .description("Cursor reads that failed after their retries").register(registry);
        FunctionCounter.builder("vendsync.ingest.read.paced", this, m -> m.getReadPacedMillis() / 1000.0).tags(store)
                .baseUnit("seconds").description("Time reads waited because the rate budget ran below half").register(registry);
        for (final VendFailure failure : VendFailure.values()) {
            FunctionCounter.builder("vendsync.ingest.vend.failures", edge, e -> e.failures(failure))
                    .tags(store.and("class", failure.name())).description("Failed Vend calls by failure class").register(registry);
        }
        FunctionCounter.builder("vendsync.ingest.vend.throttles", this, IngestMetrics::getThrottles).tags(store)
                .description("429 answers from Vend").register(registry);
        FunctionCounter.builder("vendsync.ingest.rate.wait", this, m -> m.getRateWaitMillis() / 1000.0).tags(store)
                .baseUnit("seconds").description("Time requests waited for Vend's rate budget").register(registry);
        FunctionCounter.builder("vendsync.ingest.vend.backoff", this, m -> m.getBackoffMillis() / 1000.0).tags(store)
                .baseUnit("seconds").description("Time spent backing off after failed Vend calls").register(registry);
        FunctionCounter.builder("vendsync.ingest.vend.redirects", this, IngestMetrics::getRedirectsFollowed)
                .tags(store.and("outcome", "followed")).register(registry);
        FunctionCounter.builder("vendsync.ingest.vend.redirects", this, IngestMetrics::getRedirectsRefused)
                .tags(store.and("outcome", "refused")).register(registry);
        FunctionCounter.builder("vendsync.ingest.webhooks", this, IngestMetrics::getWebhooksAccepted)
                .tags(store.and("outcome", "accepted")).register(registry);
        FunctionCounter.builder("vendsync.ingest.webhooks", this, IngestMetrics::getWebhooksRejected)
                .tags(store.and("outcome", "rejected")).register(registry);
        Gauge.builder("vendsync.ingest.rate.budget.remaining", governor, g -> Math.max(0, g.budget() - g.inWindow())).tags(store)
                .description("Requests left of this ingest's Vend rate budget in the current window").register(registry);
    }

    @Override
    public void close() {
        if (name == null) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (JMException e) {
            LOG.warn("Cannot unregister {}", name, e);
        }
    }
}
