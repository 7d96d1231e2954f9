package io.vendsync.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.testkit.kafka.KafkaFixture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Vend answers storms of 429 (with Retry-After) and bursts of 503 and 500 while stock keeps changing. */
@ExtendWith(FaultTable.class)
@Order(6)
class VendFaultTest {

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void shouldLoseNoChangeThroughVendRateLimitStormsAndServerErrors() throws Exception {
        final long started = System.nanoTime();
        try (SyncRig rig = SyncRig.start(KafkaFixture.shared().bootstrapServers(), "vend")) {
            rig.startIngest(Duration.ofSeconds(1), true);
            rig.startMapper();
            rig.startSink();
            rig.landMarker(1000, Duration.ofSeconds(60));
            int throttled = 0;
            int broken = 0;
            try (StockChanges changes = StockChanges.start(rig.vend, Duration.ofMillis(250), 3000, 4L)) {
                // Each burst stays under vend.max.attempts (6) and the ingest recovers between them (the marker lands).
                throttled += storm(rig, 4, 429);
                rig.landMarker(1001, Duration.ofSeconds(30));
                broken += storm(rig, 2, 503);
                rig.landMarker(1002, Duration.ofSeconds(30));
                broken += storm(rig, 2, 500);
                rig.landMarker(1003, Duration.ofSeconds(30));
                throttled += storm(rig, 3, 429);
                rig.landMarker(1004, Duration.ofSeconds(30));
                changes.stop();
            }
            final Verdict verdict = Verdict.settle(rig, "Vend 429 storms (4+3) and 5xx bursts (503 x2, 500 x2)", started);
            // Every answer Vend refused is in the integration log.
            assertThat(verdict.ledger.vendAnswers(429)).isGreaterThanOrEqualTo(throttled);
            assertThat(verdict.ledger.vendServerErrors()).isGreaterThanOrEqualTo(broken);
            assertThat(verdict.ledger.deadLetters).isEmpty();
        }
    }

    /** The next {@code count} Vend API requests answer {@code status}; returns once they all did. */
    private static int storm(final SyncRig rig, final int count, final int status) throws InterruptedException {
        rig.vend.injectFailures(count, status);
        final long from = rig.vend.requestCount();
        final long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (rig.vend.requestCount() < from + count) {
            assertThat(System.nanoTime()).as("%d x %d consumed by the ingest in time", count, status).isLessThan(deadline);
            Thread.sleep(100);
        }
        return count;
    }
}
