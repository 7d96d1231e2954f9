package io.vendsync.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.vendsync.ingest.IngestApp;
import io.vendsync.ingest.IngestConfig;
import io.vendsync.ingest.vend.VendApiException;
import io.vendsync.runtime.CommonConfig;
import io.vendsync.schemas.Topics;
import io.vendsync.schemas.ops.IntegrationLogEntry;
import io.vendsync.schemas.serde.SerdeFactory;
import io.vendsync.simulator.SimulatorOptions;
import io.vendsync.simulator.VendSimulator;
import io.vendsync.testkit.commercetools.CommercetoolsMock;
import io.vendsync.testkit.kafka.KafkaFixture;
import io.vendsync.testkit.kafka.TopicProbe;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Credentials must never reach stdout/stderr logs or the integration-log topic, on success or on failure.
 *
 * It reads the whole JVM's stdout and stderr, so it runs alone ({@link Isolated}): no other class's logs in its capture.
 */
@Isolated
class SecretsNeverLoggedTest {

    private static final String VEND_TOKEN = "vend-TOKEN-" + UUID.randomUUID();
    private static final String WRONG_TOKEN = "wrong-TOKEN-" + UUID.randomUUID();

    private final KafkaFixture kafka = KafkaFixture.shared();

    @Test
    void shouldKeepCredentialsOutOfLogsAndIntegrationLogWhenSyncSucceeds() throws Exception {
        final String prefix = "sec" + UUID.randomUUID().toString().substring(0, 8) + ".";
        final CommercetoolsMock commercetools = CommercetoolsMock.shared().withUniqueProjectKey();
        final CapturedLogs logs = CapturedLogs.start();
        try (VendSimulator vend = VendSimulator.start(SimulatorOptions.defaults().withToken(VEND_TOKEN))) {
            vend.seed(1, 3, 1L);
            final CommercetoolsInventoryReader reader = new CommercetoolsInventoryReader(commercetools.apiUrl(),
                    commercetools.authUrl(), commercetools.projectKey(), commercetools.clientId(), commercetools.clientSecret());
            try (LocalPipeline pipeline = LocalPipeline.start(new LocalPipeline.Settings(kafka.bootstrapServers(), prefix,
                    commercetools.projectKey(), Duration.ofHours(1), true), vend, commercetools)) {
                final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (!ExpectedInventory.compare(vend, reader.readAll(), pipeline.mapperConfig()::derivedChannelKey).converged()) {
                    assertThat(System.nanoTime()).as("converged within 60 s").isLessThan(deadline);
                    Thread.sleep(200);
                }
            }
        } finally {
            logs.stop();
        }
        final String integrationLog = integrationLog(prefix);
        assertThat(integrationLog).contains("\"system\": \"vend\"").contains("\"system\": \"commercetools\"");
        for (final String secret : List.of(VEND_TOKEN, commercetools.clientSecret(), "Bearer ", "access_token")) {
            assertThat(integrationLog).as("integration log").doesNotContain(secret);
            assertThat(logs.text()).as("stdout/stderr").doesNotContain(secret);
        }
    }

    @Test
    void shouldKeepARejectedTokenOutOfLogsAndIntegrationLog() throws Exception {
        final String prefix = "sec" + UUID.randomUUID().toString().substring(0, 8) + ".";
        final CapturedLogs logs = CapturedLogs.start();
        try (VendSimulator vend = VendSimulator.start(SimulatorOptions.defaults().withToken(VEND_TOKEN))) {
            final Map<String, String> settings = new HashMap<>();
            settings.put(CommonConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
            settings.put(CommonConfig.TOPIC_PREFIX, prefix);
            settings.put(IngestConfig.VEND_BASE_URL, vend.baseUrl());
            settings.put(IngestConfig.VEND_DOMAIN_PREFIX, vend.domainPrefix());
            settings.put(IngestConfig.VEND_TOKEN, WRONG_TOKEN);
            settings.put(IngestConfig.WEBHOOK_ENABLED, "false");
            settings.put(IngestConfig.INGEST_TRANSACTIONAL_ID, prefix + "ingest");
            // A wrong token fails the start-up (the register count that sizes the rate budget is refused), loudly.
            final Throwable refused = catchThrowable(() -> IngestApp.start(new IngestConfig(settings)).close());
            assertThat(refused).isInstanceOf(VendApiException.class).hasMessageContaining("401");
            assertThat(((VendApiException) refused).status()).isEqualTo(401);
            org.slf4j.LoggerFactory.getLogger(SecretsNeverLoggedTest.class).error("Ingest refused", refused);
            assertThat(stackTrace(refused)).doesNotContain(WRONG_TOKEN).doesNotContain(VEND_TOKEN);
        } finally {
            logs.stop();
        }
        final String integrationLog = integrationLog(prefix);
        assertThat(integrationLog).contains("\"status\": 401");
        assertThat(logs.text()).contains("401");
        assertThat(integrationLog).doesNotContain(WRONG_TOKEN).doesNotContain(VEND_TOKEN);
        assertThat(logs.text()).doesNotContain(WRONG_TOKEN).doesNotContain(VEND_TOKEN);
    }

    private static String stackTrace(final Throwable error) {
        final java.io.StringWriter out = new java.io.StringWriter();
        error.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }

    private String integrationLog(final String prefix) {
        final Topics topics = new Topics(prefix, SerdeFactory.singleObject());
        final List<ConsumerRecord<String, IntegrationLogEntry>> entries = TopicProbe.readAll(kafka.bootstrapServers(),
                topics.integrationLog.name(), new StringDeserializer(), topics.integrationLog.valueSerde().deserializer());
        assertThat(entries).isNotEmpty();
        return entries.stream().map(r -> r.key() + " " + r.value()).collect(Collectors.joining("\n"));
    }

    /** Tees System.out and System.err, where slf4j-simple writes, for the duration of a test. */
    private static final class CapturedLogs {
        private final PrintStream out = System.out;
        private final PrintStream err = System.err;
        private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

        static CapturedLogs start() {
            final CapturedLogs logs = new CapturedLogs();
            System.setOut(new PrintStream(new Tee(logs.out, logs.captured), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new Tee(logs.err, logs.captured), true, StandardCharsets.UTF_8));
            return logs;
        }

        void stop() {
            System.setOut(out);
            System.setErr(err);
        }

        synchronized String text() {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    private static final class Tee extends java.io.OutputStream {
        private final java.io.OutputStream first;
        private final ByteArrayOutputStream second;

        Tee(final java.io.OutputStream first, final ByteArrayOutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(final int b) throws java.io.IOException {
            first.write(b);
            synchronized (second) {
                second.write(b);
            }
        }

        @Override
        public void write(final byte[] b, final int off, final int len) throws java.io.IOException {
            first.write(b, off, len);
            synchronized (second) {
                second.write(b, off, len);
            }
        }
    }
}
