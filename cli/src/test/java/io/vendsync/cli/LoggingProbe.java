package io.vendsync.cli;

import java.util.Map;
import org.slf4j.LoggerFactory;

/** Child-JVM entry point for {@link LoggingTest}: logs one line the way an app would. */
public final class LoggingProbe {

    private LoggingProbe() {
    }

    public static void main(final String[] args) {
        Logging.configure(args[0], Map.of());
        LoggerFactory.getLogger("io.vendsync.sink.SinkApp").info("probe {}", "message");
        LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient").info("below the root level, not shown");
        LoggerFactory.getLogger("org.apache.kafka.clients.NetworkClient").warn("a Kafka client warning");
    }
}
