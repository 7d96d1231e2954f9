package io.vendsync.testkit.kafka;

import java.util.Locale;

/**
 * A real Kafka broker for tests and the demo. Chosen by the system property {@code kafka.fixture}:
 * {@code auto} (default: a Testcontainers broker when a Docker engine answers, else in-process KRaft),
 * {@code embedded}, {@code container}, or {@code external} (with {@code -Dkafka.bootstrap=host:port}).
 * Start it once per JVM ({@link #shared()}); tests isolate themselves by topic prefix and application id.
 */
public interface KafkaFixture extends AutoCloseable {

    String bootstrapServers();

    /** embedded, container or external. */
    String kind();

    @Override
    void close();

    static KafkaFixture start() {
        final String choice = System.getProperty("kafka.fixture", "auto").trim().toLowerCase(Locale.ROOT);
        switch (choice) {
            case "embedded":
                return EmbeddedKafka.start();
            case "external":
                return new ExternalKafka(System.getProperty("kafka.bootstrap", "127.0.0.1:9092"));
            case "container":
                return ContainerKafkaLoader.startOrFail();
            case "auto":
                final KafkaFixture container = ContainerKafkaLoader.startIfDockerAnswers();
                return container != null ? container : EmbeddedKafka.start();
            default:
                throw new IllegalArgumentException("kafka.fixture must be auto, embedded, container or external, not '" + choice + "'");
        }
    }

    /** One broker per JVM, closed when the JVM exits. */
    static KafkaFixture shared() {
        return SharedKafka.INSTANCE.get();
    }
}
