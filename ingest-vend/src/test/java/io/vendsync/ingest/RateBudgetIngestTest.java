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
