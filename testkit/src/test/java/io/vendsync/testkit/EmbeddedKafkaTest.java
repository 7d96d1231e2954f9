package io.vendsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.testkit.kafka.EmbeddedKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaTest {

    @Test
    void shouldKeepCommittedRecordsAcrossBrokerRestart() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            final Properties props = new Properties();
            props.put("bootstrap.servers", kafka.bootstrapServers());
            try (Admin admin = Admin.create(props)) {
                admin.createTopics(List.of(new NewTopic("t", 1, (short) 1))).all().get();
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("t", "k", "before-restart")).get();
            }
            kafka.restart();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("t", "k", "after-restart")).get();
            }
            final Properties consumerProps = new Properties();
            consumerProps.putAll(props);
            consumerProps.putAll(Map.of("group.id", "g", "auto.offset.reset", "earliest"));
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("t"));
                final List<String> values = new java.util.ArrayList<>();
                final long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (values.size() < 2 && System.nanoTime() < deadline) {
                    final ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                    records.forEach(r -> values.add(r.value()));
                }
                assertThat(values).containsExactly("before-restart", "after-restart");
            }
        }
    }
}
