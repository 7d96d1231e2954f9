package io.vendsync.runtime.management;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * A readiness check that passes while the Kafka cluster answers: a consumer, producer or Streams client keeps its
 * state (RUNNING, assigned) for a long while after the brokers go away, retrying quietly, so the app's own state does
 * not say that nothing moves. One {@code describeCluster} with a short deadline, remembered for {@code cacheFor} so
 * frequent probes do not add load.
 */
public final class KafkaReachable implements BooleanSupplier, AutoCloseable {

    private final Admin admin;
    private final Duration timeout;
    private final Duration cacheFor;
    private long checkedAtNanos;
    private boolean reachable;
    private boolean checked;

    public KafkaReachable(final Properties clientProperties, final Duration timeout, final Duration cacheFor) {
        final Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "vendsync-readiness");
        // Reconnect soon after the brokers return: the probe should see them back within a few seconds.
        props.putIfAbsent(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        this.admin = Admin.create(props);
        this.timeout = timeout;
        this.cacheFor = cacheFor;
    }

    @Override
    public synchronized boolean getAsBoolean() {
        final long now = System.nanoTime();
        if (checked && now - checkedAtNanos < cacheFor.toNanos()) {
            return reachable;
        }
        try {
            reachable = !admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS).isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reachable = false;
        } catch (Exception e) {
            reachable = false;
        }
        checked = true;
        checkedAtNanos = System.nanoTime();
        return reachable;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
