package io.vendsync.sink;

import java.lang.management.ManagementFactory;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes a {@link SinkStatistics} over JMX while the sink runs. */
public final class SinkMetrics implements SinkMetricsMXBean, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkMetrics.class);

    private final SinkStatistics statistics;
    private final ObjectName name;
    private final boolean registered;

    private SinkMetrics(final SinkStatistics statistics, final ObjectName name, final boolean registered) {
        this.statistics = statistics;
        this.name = name;
        this.registered = registered;
    }

    /** Registers the statistics under {@code io.vendsync:type=sink,group=<groupId>}. */
    public static SinkMetrics register(final SinkStatistics statistics, final String groupId) {
        final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            final ObjectName name = objectName(groupId);
            final SinkMetrics metrics = new SinkMetrics(statistics, name, true);
            server.registerMBean(metrics, name);
            return metrics;
        } catch (InstanceAlreadyExistsException e) {
            // A second sink of the same group in one JVM (tests): the first one's counters stay visible.
            LOG.warn("JMX name for sink group {} is taken; this sink's counters are not exported", groupId);
            return new SinkMetrics(statistics, null, false);
        } catch (JMException e) {
            throw new IllegalStateException("Cannot register the sink's JMX metrics", e);
        }
    }

    public static ObjectName objectName(final String groupId) throws JMException {
        return new ObjectName("io.vendsync", new java.util.Hashtable<>(java.util.Map.of("type", "sink",
                "group", ObjectName.quote(groupId))));
    }

    @Override
    public void close() {
        if (!registered) {
            return;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().unregisterMBean(name);
        } catch (JMException e) {
            LOG.warn("Cannot unregister {}", name, e);
        }
    }

    @Override
    public long getCreated() {
        return statistics.created();
    }

    @Override
    public long getUpdated() {
        return statistics.updated();
    }

    @Override
    public long getUnchanged() {
        return statistics.unchanged();
    }

    @Override
    public long getSkippedStale() {
        return statistics.skippedStale();
    }

    @Override
    public long getRetried() {
        return statistics.retried();
    }

    @Override
    public long getSuperseded() {
        return statistics.superseded();
    }

    @Override
    public long getDeadLettered() {
        return statistics.failed();
    }

    @Override
    public long getUndeserialisable() {
        return statistics.undeserialisable();
    }

    @Override
    public long getConflictRetries() {
        return statistics.conflictRetries();
    }

    @Override
    public long getNegativeQuantitiesClamped() {
        return statistics.negativeQuantitiesClamped();
    }

    @Override
    public long getTombstonesSkipped() {
        return statistics.tombstonesSkipped();
    }
}
