package io.vendsync.ingest;

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
