package io.vendsync.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class SinkMetricsTest {

    @Test
    void shouldExposeRetryAndDeadLetterCountsOverJmxWhileRegistered() throws Exception {
        final SinkStatistics statistics = new SinkStatistics();
        final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        final ObjectName name = SinkMetrics.objectName("metrics-test");
        try (SinkMetrics metrics = SinkMetrics.register(statistics, "metrics-test")) {
            statistics.incrementRetried();
            statistics.incrementRetried();
            statistics.incrementSuperseded();
            assertThat(server.getAttribute(name, "Retried")).isEqualTo(2L);
            assertThat(server.getAttribute(name, "Superseded")).isEqualTo(1L);
            assertThat(server.getAttribute(name, "DeadLettered")).isEqualTo(statistics.failed());
        }
        assertThat(server.isRegistered(name)).isFalse();
    }
}
