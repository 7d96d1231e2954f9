package io.vendsync.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.ingest.snapshot.SnapshotCommand;
import io.vendsync.simulator.SimulatorOptions;
import io.vendsync.simulator.VendSimulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateBudgetIngestTest {

    private static final int VEND_LIMIT = 8;
    private static final int BUDGET = 6;
    private static final Duration WINDOW = Duration.ofSeconds(1);

    @Test
    void shouldSnapshotUnderATightVendLimitWithoutA429AndWithinTheBudget() throws Exception {
        final IngestFixture fx = new IngestFixture();
        try (VendSimulator vend = VendSimulator.start(SimulatorOptions.defaults()
                .withRateLimitPerWindow(VEND_LIMIT).withRateWindow(WINDOW).withMaxPageSize(20))) {
            vend.seed(2, 100, 31L);
            final Map<String, String> settings = fx.settings(vend);
            settings.put(IngestConfig.VEND_RATE_BUDGET, Integer.toString(BUDGET));
            settings.put(IngestConfig.VEND_RATE_WINDOW_MS, Long.toString(WINDOW.toMillis()));
            final ByteArrayOutputStream progress = new ByteArrayOutputStream();
            SnapshotCommand.run(new IngestConfig(settings), List.of("outlets", "products", "inventory"),
                    new PrintStream(progress, true, StandardCharsets.UTF_8));

            assertThat(fx.read(fx.topics.rawInventory)).hasSize(200);
            assertThat(fx.read(fx.topics.rawProducts)).hasSize(100);
            // 10 inventory pages, 5 product pages and the reads that end them: more requests than two windows allow.
            assertThat(vend.requestCount()).isGreaterThan(2L * VEND_LIMIT);
            assertThat(vend.rateLimitedCount()).isZero();
            // Arrival times jitter by a few ms, so each window is checked a little short of its full length.
            assertThat(mostRequestsWithin(vend.requestTimes(), WINDOW.minusMillis(50))).isLessThanOrEqualTo(BUDGET);
            assertThat(progress.toString(StandardCharsets.UTF_8)).contains("rate budget left").contains("snapshot inventory: done");
        }
    }

    @Test
    void shouldPauseForRetryAfterSevenSecondsNotTheRateWindowOnA429WithNothingRemaining() throws Exception {
        final IngestFixture fx = new IngestFixture();
        try (VendSimulator vend = VendSimulator.start(SimulatorOptions.defaults())) {
            vend.seed(1, 3, 32L);
            // Vend sends all three on a 429: X-RateLimit-Remaining 0, an X-RateLimit-Reset at the end of the
            // simulator's 5-minute window, and Retry-After 7 (delta-seconds), the most specific of them.
            vend.injectThrottle(1, "7");
            final Map<String, String> settings = fx.settings(vend);
            settings.put(IngestConfig.WEBHOOK_ENABLED, "false");
            settings.put(IngestConfig.VEND_ENTITIES, "inventory");
            settings.put(IngestConfig.VEND_RATE_BUDGET, "100");
            try (IngestApp ingest = IngestApp.start(new IngestConfig(settings))) {
                assertThat(ingest.scheduler().awaitIdle(Duration.ofSeconds(40))).isTrue();
                assertThat(ingest.governor().throttles()).isEqualTo(1);
            }
            final List<Instant> times = vend.requestTimes();
            assertThat(Duration.between(times.get(0), times.get(1)).toMillis()).isBetween(7_000L, 9_500L);
            assertThat(fx.read(fx.topics.rawInventory)).hasSize(3);
        }
    }

    private static int mostRequestsWithin(final List<Instant> times, final Duration span) {
        int most = 0;
        for (int i = 0; i < times.size(); i++) {
            int count = 0;
            for (int j = i; j < times.size() && times.get(j).isBefore(times.get(i).plus(span)); j++) {
                count++;
            }
            most = Math.max(most, count);
        }
        return most;
    }
}
