package io.vendsync.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.testkit.kafka.EmbeddedKafka;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The only broker stops mid-run and comes back (same ports, same data) while stock keeps changing in Vend. */
@ExtendWith(FaultTable.class)
@Order(4)
class BrokerRestartFaultTest {

    private static final Duration OUTAGE = Duration.ofSeconds(8);

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void shouldLoseNoChangeWhenTheBrokerStopsAndRestartsMidRun() throws Exception {
        final long started = System.nanoTime();
        // Its own broker: stopping the shared one would break every other test.
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             SyncRig rig = SyncRig.start(kafka.bootstrapServers(), "broker")) {
            rig.startIngest(Duration.ofSeconds(1), true);
            rig.startMapper();
            rig.startSink();
            rig.landMarker(1000, Duration.ofSeconds(60));
            try (StockChanges changes = StockChanges.start(rig.vend, Duration.ofMillis(250), 3000, 2L)) {
                Thread.sleep(1_000);
                kafka.stop();
                Thread.sleep(OUTAGE.toMillis()); // Vend keeps changing; nothing can be published
                kafka.restart();
                rig.landMarker(1001, Duration.ofSeconds(90));
                changes.stop();
            }
            assertThat(rig.sink().isRunning()).as("the sink outlived the outage: %s", rig.sink().failure()).isTrue();
            final Verdict verdict = Verdict.settle(rig, "broker stopped " + OUTAGE.toSeconds() + " s mid-run, restarted", started);
            assertThat(verdict.ledger.deadLetters).isEmpty();
        }
    }
}
