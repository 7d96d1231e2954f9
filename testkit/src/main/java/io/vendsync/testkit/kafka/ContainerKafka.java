package io.vendsync.testkit.kafka;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/** Apache Kafka in a container; only loaded once Docker is known to answer. */
final class ContainerKafka implements KafkaFixture {

    private final KafkaContainer container;

    private ContainerKafka(final KafkaContainer container) {
        this.container = container;
    }

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static ContainerKafka start() {
        final KafkaContainer container = new KafkaContainer(System.getProperty("kafka.image", "apache/kafka-native:4.1.1"));
        container.start();
        return new ContainerKafka(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public String kind() {
        return "container";
    }

    @Override
    public void close() {
        container.stop();
    }
}
