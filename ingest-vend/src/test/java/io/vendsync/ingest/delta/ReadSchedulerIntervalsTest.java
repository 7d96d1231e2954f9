package io.vendsync.ingest.delta;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadSchedulerIntervalsTest {

    @Test
    void shouldPollEachEntityAtItsOwnIntervalWhileATriggerStillReadsAtOnce() throws Exception {
        final ConcurrentMap<String, AtomicInteger> reads = new ConcurrentHashMap<>();
        final ReadScheduler scheduler = new ReadScheduler(
                (entity, trigger) -> reads.computeIfAbsent(entity, e -> new AtomicInteger()).incrementAndGet(),
                List.of("taxes", "inventory", "registers"), Duration.ofMillis(50),
                Map.of("taxes", Duration.ofHours(1), "registers", Duration.ofMillis(400)), ReadScheduler.Pacing.NONE);
        try {
            scheduler.start();
            Thread.sleep(1_000);
            // Default 50 ms: many reads; registers every 400 ms: the first read and about two more; taxes: only the first.
            assertThat(reads.get("inventory").get()).isGreaterThanOrEqualTo(8);
            assertThat(reads.get("registers").get()).isBetween(2, 4);
            assertThat(reads.get("taxes").get()).isEqualTo(1);
            assertThat(scheduler.pollInterval("taxes")).isEqualTo(Duration.ofHours(1));
            assertThat(scheduler.pollInterval("inventory")).isEqualTo(Duration.ofMillis(50));

            scheduler.trigger("taxes", "webhook");
            final long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (reads.get("taxes").get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(reads.get("taxes").get()).isEqualTo(2);
        } finally {
            scheduler.close();
        }
    }
}
