package io.vendsync.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.testkit.kafka.KafkaFixture;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** kill -9 of the sink (three times) and of the mapper (once), each a child JVM, while stock keeps changing in Vend. */
@ExtendWith(FaultTable.class)
@Order(2)
class ProcessKillFaultTest {

    private static final Duration LAND = Duration.ofSeconds(60);

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldLoseNoChangeWhenTheSinkIsKilledThreeTimesAndTheMapperOnceMidRun() throws Exception {
        final long started = System.nanoTime();
        final Random pause = new Random(7);
        try (SyncRig rig = SyncRig.start(KafkaFixture.shared().bootstrapServers(), "kill");
             ChildJvm mapper = new ChildJvm("mapper", "io.vendsync.mapper.MapperApp", rig.mapperSettings(), rig.workDir);
             ChildJvm sink = new ChildJvm("sink", "io.vendsync.sink.SinkApp", rig.sinkSettings(), rig.workDir)) {
            rig.startIngest(Duration.ofSeconds(1), true);
            mapper.start();
            sink.start();
            sink.awaitLog("Sink consuming", LAND); // fails at once if the child died instead
            rig.landMarker(1000, LAND);
            try (StockChanges changes = StockChanges.start(rig.vend, Duration.ofMillis(250), 3000, 1L)) {
                for (int kill = 1; kill <= 3; kill++) {
                    Thread.sleep(300 + pause.nextInt(900)); // mid-run: changes are being read, mapped and written
                    sink.kill();
                    if (kill == 2) {
                        mapper.kill(); // the whole processing side at once, as when a node dies
                        mapper.start();
                        mapper.awaitLog("started", LAND);
                    }
                    sink.start();
                    sink.awaitLog("Sink consuming", LAND);
                    rig.landMarker(1000 + kill, LAND); // the restarted apps move changes end to end again
                }
                changes.stop();
            }
            assertThat(sink.kills()).isEqualTo(3);
            assertThat(mapper.kills()).isEqualTo(1);
            assertThat(sink.isAlive() && mapper.isAlive()).as("restarted apps still running").isTrue();
            final Verdict verdict = Verdict.settle(rig, "kill -9: sink x3, mapper x1 (child JVMs)", started);
            // Nothing failed towards commercetools, so nothing may sit in a retry tier or the DLQ.
            assertThat(verdict.ledger.deadLetters).isEmpty();
        }
    }
}
