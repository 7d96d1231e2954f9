package io.vendsync.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.schemas.ops.IntegrationLogEntry;
import io.vendsync.simulator.SaleLine;
import io.vendsync.simulator.SimulatorOptions;
import io.vendsync.simulator.VendSimulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class IntegrationLogTest {

    private static final int BODY_MAX_BYTES = 200;

    @Test
    void shouldLogEachRequestWithMethodPathStatusLatencyAttemptCorrelationIdAndABodyCutToTheConfiguredSize()
            throws Exception {
        final IngestFixture fx = new IngestFixture();
        try (VendSimulator vend = VendSimulator.start(SimulatorOptions.defaults())) {
            vend.seed(1, 30, 81L);
            vend.seedStore(1, 1, 81L);
            vend.createSale(vend.records("registers").get(0).path("id").asText(), null,
                    List.of(new SaleLine(vend.products().get(0).id(), 1)), vend.records("payment_types").get(0).path("id").asText());
            // The first request fails once: its retry is a second attempt of the same logical request.
            vend.injectFailures(1, 503);
            final Map<String, String> settings = fx.settings(vend);
            settings.put(IngestConfig.WEBHOOK_ENABLED, "false");
            settings.put(IngestConfig.VEND_RATE_BUDGET, "100");
            settings.put(IngestConfig.VEND_ENTITIES, "inventory,sales");
            settings.put(IngestConfig.INTEGRATION_LOG_BODY_MAX_BYTES, Integer.toString(BODY_MAX_BYTES));
            try (IngestApp ingest = IngestApp.start(new IngestConfig(settings))) {
                assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
                assertThat(ingest.scheduler().failures()).isZero();
            }
            final List<ConsumerRecord<String, IntegrationLogEntry>> log = fx.await(fx.topics.integrationLog,
                    all -> all.size() >= vend.requestCount());
            assertThat(log).hasSize((int) vend.requestCount()).allSatisfy(r -> {
                final IntegrationLogEntry e = r.value();
                assertThat(e.getSystem()).isEqualTo("vend");
                assertThat(e.getMethod()).isEqualTo("GET");
                assertThat(e.getUrl()).startsWith(vend.baseUrl() + "/api/2.0/");
                assertThat(e.getLatencyMs()).isNotNegative();
                assertThat(e.getAttempt()).isPositive();
                assertThat(e.getCorrelationId()).hasSize(36);
                assertThat(r.key()).isEqualTo("vend/" + e.getCorrelationId());
                assertThat(e.getResponseBody().getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(BODY_MAX_BYTES + 3);
            });
            final Map<String, List<IntegrationLogEntry>> byCorrelation = log.stream().map(ConsumerRecord::value)
                    .collect(Collectors.groupingBy(IntegrationLogEntry::getCorrelationId));
            assertThat(byCorrelation.values()).filteredOn(attempts -> attempts.size() == 2).singleElement().satisfies(attempts -> {
                assertThat(attempts).extracting(IntegrationLogEntry::getAttempt).containsExactly(1, 2);
                assertThat(attempts).extracting(IntegrationLogEntry::getStatus).containsExactly(503, 200);
            });
            // A page of 30 inventory records is far over 200 bytes: kept cut, marked.
            assertThat(log).filteredOn(r -> r.value().getUrl().contains("/inventory") && r.value().getStatus() == 200)
                    .anySatisfy(r -> assertThat(r.value().getResponseBody()).endsWith("..."));
            // Sales pages are capped at Vend's 500; other collections ask for vend.page.size.
            assertThat(log).filteredOn(r -> r.value().getUrl().contains("/api/2.0/sales?")).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.value().getUrl()).contains("page_size=500"));
            assertThat(log).filteredOn(r -> r.value().getUrl().contains("/api/2.0/inventory?")).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.value().getUrl()).contains("page_size=10000"));
        }
    }
}
