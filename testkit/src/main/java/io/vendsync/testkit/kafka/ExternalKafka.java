package io.vendsync.testkit.kafka;

/** A broker someone else runs. */
record ExternalKafka(String bootstrapServers) implements KafkaFixture {

    @Override
    public String kind() {
        return "external";
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
