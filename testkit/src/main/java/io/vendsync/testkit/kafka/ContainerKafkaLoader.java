package io.vendsync.testkit.kafka;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a Testcontainers broker only when Testcontainers is on the class path and a Docker engine
 * answers; the build machines have no engine, so this usually says no and the embedded broker runs.
 */
final class ContainerKafkaLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerKafkaLoader.class);

    private ContainerKafkaLoader() {
    }

    static KafkaFixture startIfDockerAnswers() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory");
        } catch (ClassNotFoundException e) {
            return null;
        }
        if (!ContainerKafka.dockerAvailable()) {
            LOG.info("No Docker engine answers; using the in-process KRaft broker");
            return null;
        }
        return ContainerKafka.start();
    }

    static KafkaFixture startOrFail() {
        final KafkaFixture fixture = startIfDockerAnswers();
        if (fixture == null) {
            throw new IllegalStateException("kafka.fixture=container needs Testcontainers on the class path and a Docker engine");
        }
        return fixture;
    }
}
