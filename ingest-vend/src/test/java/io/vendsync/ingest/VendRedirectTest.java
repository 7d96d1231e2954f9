package io.vendsync.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.schemas.ops.IngestError;
import io.vendsync.schemas.ops.IntegrationLogEntry;
import io.vendsync.simulator.SimulatorOptions;
import io.vendsync.simulator.VendSimulator;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The store's token goes only to the configured origin, whatever Vend (or a proxy in front of it) redirects to. */
class VendRedirectTest {

    @Test
    void shouldRefuseARedirectToAnotherHostSoTheTokenNeverReachesIt() throws Exception {
        final IngestFixture fx = new IngestFixture();
        try (VendSimulator vend = VendSimulator.start(SimulatorOptions.defaults());
             RecordingServer elsewhere = new RecordingServer()) {
            vend.seed(1, 3, 51L);
            vend.injectRedirect(1, 302, elsewhere.origin());
            try (IngestApp ingest = IngestApp.start(new IngestConfig(settings(fx, vend)))) {
                assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
                assertThat(ingest.scheduler().failures()).isEqualTo(1);
                assertThat(ingest.vendStatistics().redirectsRefused()).isEqualTo(1);
                assertThat(ingest.vendStatistics().redirectsFollowed()).isZero();
                // Where an operator sees it: the ingest's JMX bean.
                assertThat(ManagementFactory.getPlatformMBeanServer()
                        .getAttribute(IngestMetrics.objectName(vend.domainPrefix()), "RedirectsRefused")).isEqualTo(1L);
            }
            // Nothing at all reached the other origin: no request, so no Authorization header either.
            assertThat(elsewhere.received()).isEmpty();
            assertThat(fx.read(fx.topics.rawInventory)).isEmpty();
            final List<ConsumerRecord<String, IntegrationLogEntry>> log = fx.await(fx.topics.integrationLog, all -> !all.isEmpty());
            assertThat(log).singleElement().satisfies(r -> {
                assertThat(r.value().getStatus()).isEqualTo(302);
                assertThat(r.value().getUrl()).startsWith(vend.baseUrl());
                assertThat(r.value().getError()).contains("REDIRECT_REFUSED").contains("another host")
                        .contains(elsewhere.origin().substring("http://".length())).contains("vend.base.url");
                assertThat(r.value().getRequestHeaders().get("Authorization")).doesNotContain(vend.token());
            });
            final List<ConsumerRecord<String, IngestError>> errors = fx.await(fx.topics.ingestErrors, all -> !all.isEmpty());
            assertThat(errors).singleElement().satisfies(r -> {
                assertThat(r.value().getCode()).isEqualTo("REDIRECT_REFUSED");
                assertThat(r.value().getEntity()).isEqualTo("inventory");
                assertThat(r.value().getBody()).contains("Location: " + elsewhere.origin());
            });
        }
    }

    @Test
    void shouldFollowARedirectOnTheSameOriginAndReadEverything() throws Exception {
        final IngestFixture fx = new IngestFixture();
        try (VendSimulator vend = VendSimulator.start(SimulatorOptions.defaults())) {
            vend.seed(1, 3, 52L);
            vend.injectRedirect(1, 307, vend.baseUrl());
            try (IngestApp ingest = IngestApp.start(new IngestConfig(settings(fx, vend)))) {
                assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(30))).isTrue();
                assertThat(ingest.scheduler().failures()).isZero();
                assertThat(ingest.vendStatistics().redirectsFollowed()).isEqualTo(1);
                assertThat(ingest.vendStatistics().redirectsRefused()).isZero();
            }
            assertThat(fx.read(fx.topics.rawInventory)).hasSize(3);
            // The 307 and the answer it led to: one attempt of one logical request, each hop recorded.
            final List<ConsumerRecord<String, IntegrationLogEntry>> log = fx.await(fx.topics.integrationLog,
                    all -> all.stream().anyMatch(r -> r.value().getStatus() == 307));
            final String redirected = log.stream().filter(r -> r.value().getStatus() == 307).findFirst().orElseThrow()
                    .value().getCorrelationId();
            assertThat(log).filteredOn(r -> r.value().getCorrelationId().equals(redirected))
                    .extracting(r -> r.value().getStatus()).containsExactly(307, 200);
        }
    }

    private static Map<String, String> settings(final IngestFixture fx, final VendSimulator vend) {
        final Map<String, String> settings = fx.settings(vend);
        settings.put(IngestConfig.WEBHOOK_ENABLED, "false");
        settings.put(IngestConfig.VEND_ENTITIES, "inventory");
        settings.put(IngestConfig.VEND_RATE_BUDGET, "100");
        return settings;
    }
}
