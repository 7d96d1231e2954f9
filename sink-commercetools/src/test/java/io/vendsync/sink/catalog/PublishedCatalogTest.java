package io.vendsync.sink.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.runtime.TopicProvisioner;
import io.vendsync.schemas.Topic;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.mapping.CommercetoolsVariant;
import io.vendsync.schemas.serde.SerdeFactory;
import io.vendsync.testkit.kafka.KafkaFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Reading the variants topic back on the real broker, as a restarted reader does. */
class PublishedCatalogTest {

    private final KafkaFixture kafka = KafkaFixture.shared();
    private final Topics topics = new Topics("catalog" + UUID.randomUUID().toString().substring(0, 8) + ".", SerdeFactory.singleObject());

    private static CommercetoolsVariant variant(final String sku) {
        return CommercetoolsVariant.newBuilder().setSku(sku).setProductId("p-" + sku).setProductKey(null).setVariantId(1)
                .setVariantKey(null).setGtins(List.of()).setPublished(true).setLastModifiedMs(1L).setSkuSharedWith(List.of()).build();
    }

    @Test
    void shouldReadTheLatestRecordPerSkuAndLeaveOutTombstonedOnes() {
        final Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        final Topic<String, CommercetoolsVariant> topic = topics.commercetoolsVariants;
        assertThat(PublishedCatalog.read(props, topic, Duration.ofSeconds(30))).as("topic missing: nothing published").isEmpty();

        TopicProvisioner.ensure(props, topics, 2, (short) 1);
        try (KafkaProducer<String, CommercetoolsVariant> producer = new KafkaProducer<>(props, topic.keySerde().serializer(),
                topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), "A", variant("A")));
            producer.send(new ProducerRecord<>(topic.name(), "B", variant("B")));
            producer.send(new ProducerRecord<>(topic.name(), "A", CommercetoolsVariant.newBuilder(variant("A")).setVariantId(2).build()));
            producer.send(new ProducerRecord<>(topic.name(), "B", null));
            producer.flush();
        }

        final Map<String, CommercetoolsVariant> published = PublishedCatalog.read(props, topic, Duration.ofSeconds(30));

        assertThat(published).containsOnlyKeys("A");
        assertThat(published.get("A").getVariantId()).isEqualTo(2);
    }
}
