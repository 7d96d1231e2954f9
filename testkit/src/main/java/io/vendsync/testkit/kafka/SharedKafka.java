package io.vendsync.testkit.kafka;

/** Lazily starts the JVM's one broker; a broker costs about 3 s to start, so tests share it. */
enum SharedKafka {
    INSTANCE;

    private KafkaFixture fixture;

    synchronized KafkaFixture get() {
        if (fixture == null) {
            final KafkaFixture started = KafkaFixture.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "vendsync-kafka-fixture-stop"));
            fixture = started;
        }
        return fixture;
    }
}
