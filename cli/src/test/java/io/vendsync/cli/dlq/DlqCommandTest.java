package io.vendsync.cli.dlq;

import static org.assertj.core.api.Assertions.assertThat;

import com.commercetools.api.client.ProjectApiRoot;
import com.commercetools.api.models.inventory.InventoryEntry;
import io.vendsync.runtime.CommonConfig;
import io.vendsync.runtime.TopicProvisioner;
import io.vendsync.schemas.Keys;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.canonical.v1.InventoryLevel;
import io.vendsync.schemas.serde.SerdeFactory;
import io.vendsync.sink.FailureHeaders;
import io.vendsync.sink.SinkApp;
import io.vendsync.sink.SinkConfig;
import io.vendsync.sink.internals.CommercetoolsClient;
import io.vendsync.testkit.commercetools.CommercetoolsMock;
import io.vendsync.testkit.fault.FaultProxy;
import io.vendsync.testkit.fault.FaultRule;
import io.vendsync.testkit.kafka.KafkaFixture;
import io.vendsync.testkit.kafka.TopicProbe;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The DLQ tooling against a running sink on a real broker and the commercetools mock behind a fault proxy. */
@Timeout(120)
class DlqCommandTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final KafkaFixture kafka = KafkaFixture.shared();
    private final String prefix = "dlq" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final Topics topics = new Topics(prefix, SerdeFactory.singleObject());

    private static InventoryLevel level(final String sku, final long quantity, final long version) {
        return InventoryLevel.newBuilder().setSku(sku).setChannelKey("main").setQuantity(quantity).setSourceVersion(version)
                .setSourceTsMs(System.currentTimeMillis()).setVendProductId("p-" + sku).setVendOutletId("o-main")
                .setVendInventoryId("i-" + sku).setDomainPrefix("teststore").build();
    }

    private String run(final Map<String, String> settings, final String... args) {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final int exit = new DlqCommand(settings, new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .execute(DlqCommand.Options.parse(List.of(args)));
        assertThat(exit).isZero();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private List<ConsumerRecord<byte[], byte[]>> read(final String topic) {
        return TopicProbe.readAll(kafka.bootstrapServers(), topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Test
    void shouldReplayDeadLetterOnceCauseIsFixedAndNeverTwice() throws Exception {
        final CommercetoolsMock commercetools = CommercetoolsMock.shared().withUniqueProjectKey();
        final Properties admin = new Properties();
        admin.put("bootstrap.servers", kafka.bootstrapServers());
        TopicProvisioner.ensure(admin, topics, 1, (short) 1);
        final Map<String, String> settings = new HashMap<>();
        settings.put(CommonConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        settings.put(CommonConfig.TOPIC_PREFIX, prefix);
        final Map<String, String> sinkSettings = new HashMap<>(settings);
        try (FaultProxy proxy = FaultProxy.start(commercetools.apiUrl());
             ProjectApiRoot direct = CommercetoolsClient.build(commercetools.projectKey(), commercetools.clientId(),
                     commercetools.clientSecret(), List.of(), commercetools.authUrl(), commercetools.apiUrl(), null)) {
            // The cause: commercetools rejects this SKU's writes as invalid (permanent, so it is dead-lettered at once).
            proxy.inject(FaultRule.status(400).method("POST").pathContains("/inventory").bodyContains("SKU-R"));
            sinkSettings.put(SinkConfig.CT_PROJECT_KEY, commercetools.projectKey());
            sinkSettings.put(SinkConfig.CT_CLIENT_ID, commercetools.clientId());
            sinkSettings.put(SinkConfig.CT_CLIENT_SECRET, commercetools.clientSecret());
            sinkSettings.put(SinkConfig.CT_AUTH_URL, commercetools.authUrl());
            sinkSettings.put(SinkConfig.CT_API_URL, proxy.url());
            sinkSettings.put(SinkConfig.SINK_GROUP_ID, prefix + "sink");
            sinkSettings.put(SinkConfig.SINK_POLL_TIMEOUT_MS, "100");
            sinkSettings.put(SinkConfig.SINK_RETRY_DELAYS_MS, "200,500");
            try (SinkApp.Handle sink = SinkApp.start(new SinkConfig(sinkSettings))) {
                final Properties props = new Properties();
                props.put("bootstrap.servers", kafka.bootstrapServers());
                final InventoryLevel level = level("SKU-R", 17, 3);
                try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
                    producer.send(new ProducerRecord<>(topics.canonicalInventory.name(), Keys.inventory("main", "SKU-R").getBytes(StandardCharsets.UTF_8),
                            topics.canonicalInventory.valueSerde().serializer().serialize(topics.canonicalInventory.name(), level))).get();
                }
                TopicProbe.await(kafka.bootstrapServers(), topics.sinkInventoryDlq.name(), new ByteArrayDeserializer(),
                        new ByteArrayDeserializer(), records -> records.size() == 1, WAIT);

                assertThat(run(settings, "list", "--error-class", "badrequest", "--key", "main/SKU-R"))
                        .contains("0/0").contains("key=main/SKU-R").contains("code=InvalidInput").contains("1 dead letter(s) match, 0 of them resolved");
                assertThat(run(settings, "list", "--entity", "products")).contains("0 dead letter(s) match");
                assertThat(run(settings, "show", "0/0")).contains(FailureHeaders.ERROR_CT_BODY + ": ").contains("SKU-R");
                assertThat(run(settings, "replay", "--dry-run")).contains("would replay 0/0").contains("1 would be replayed");
                assertThat(read(topics.canonicalInventory.name())).hasSize(1);

                proxy.heal(); // the cause is fixed
                assertThat(run(settings, "replay", "--key", "main/SKU-R")).contains("replayed 1/1: 0/0").contains("1 replayed, 0 skipped");
                awaitQuantity(direct, "SKU-R", 17L);
                // Never twice: the second replay finds the resolution mark.
                assertThat(run(settings, "replay")).contains("skip 0/0: already resolved").contains("0 replayed, 1 skipped");
                assertThat(run(settings, "list")).contains("RESOLVED");

                final List<ConsumerRecord<byte[], byte[]>> canonical = read(topics.canonicalInventory.name());
                assertThat(canonical).hasSize(2);
                assertThat(FailureHeaders.text(canonical.get(1).headers(), FailureHeaders.REPLAY_OF)).isEqualTo("0/0");
                assertThat(FailureHeaders.text(canonical.get(1).headers(), FailureHeaders.ERROR_CLASS)).isNull();
                assertThat(canonical.get(1).value()).isEqualTo(canonical.get(0).value());
                assertThat(read(topics.sinkInventoryDlqResolved.name())).hasSize(1)
                        .allSatisfy(r -> assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("0/0"));
                assertThat(read(topics.sinkInventoryDlq.name())).hasSize(1);
                assertThat(sink.statistics().failed()).isEqualTo(1);
                // The entry is visible in commercetools a moment before the sink counts the create that made it.
                final long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
                while (sink.statistics().created() < 1 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(sink.statistics().created()).isEqualTo(1);
            }
        }
    }

    private static void awaitQuantity(final ProjectApiRoot api, final String sku, final long quantity) throws InterruptedException {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            final List<InventoryEntry> entries = api.inventory().get().withWhere("sku = :sku").withPredicateVar("sku", sku)
                    .executeBlocking().getBody().getResults();
            if (entries.size() == 1 && entries.get(0).getQuantityOnStock() == quantity) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(sku + " did not reach " + quantity + ": " + entries);
            }
            Thread.sleep(100);
        }
    }
}
