package io.vendsync.ingest.delta;

import static org.assertj.core.api.Assertions.assertThat;

import io.vendsync.ingest.vend.RateGovernor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Webhook-triggered reads under a small rate budget: they slow down before the window is spent, never stop. */
class ReadPacingTest {

    private static final Instant NOW = Instant.parse("2026-12-03T07:00:00Z");

    @Test
    void shouldNotPaceWhileHalfTheBudgetIsLeftAndSpreadTheRestOfTheWindowOverWhatRemainsBeyond() throws Exception {
        final RateGovernor governor = new RateGovernor(20, Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));
        for (int i = 0; i < 10; i++) {
            assertThat(governor.paceAfter(1)).as("after %d requests", i).isZero();
            governor.acquire();
        }
        governor.acquire(); // 9 of 20 left: less than half
        assertThat(governor.paceAfter(1)).isEqualTo(Duration.ofMinutes(5).dividedBy(9));
        assertThat(governor.paceAfter(3)).isEqualTo(Duration.ofMinutes(5).multipliedBy(3).dividedBy(9));
        assertThat(governor.paceAfter(0)).isZero(); // a read that sent nothing (a failure before the request) costs no wait
    }

    @Test
    void shouldKeepReadingFurtherApartInsteadOfStoppingForTheWindowWhenWebhooksOutrunTheBudget() throws Exception {
        final Duration window = Duration.ofSeconds(3);
        final RateGovernor governor = new RateGovernor(20, window, Clock.systemUTC());
        final List<Long> readsAt = Collections.synchronizedList(new ArrayList<>());
        final ReadScheduler scheduler = new ReadScheduler((entity, trigger) -> {
            governor.acquire(); // one page per read
            readsAt.add(System.nanoTime());
        }, List.of("inventory"), Duration.ofHours(1), Map.of(), ReadScheduler.Pacing.of(governor::acquired, governor::paceAfter));
        try {
            scheduler.start();
            final long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < end) {
                scheduler.trigger("inventory", "webhook"); // stock changes at about 100 per second
                Thread.sleep(10);
            }
        } finally {
            scheduler.close();
        }
        long longestGap = 0;
        for (int i = 1; i < readsAt.size(); i++) {
            longestGap = Math.max(longestGap, readsAt.get(i) - readsAt.get(i - 1));
        }
        // Unpaced, 20 reads spend the budget at once and the 21st waits ~3 s for the window; paced, the longest gap is
        // about a quarter of the window (the fewest requests left before the first ones expire).
        assertThat(Duration.ofNanos(longestGap)).isLessThan(window.dividedBy(2));
        assertThat(readsAt.size()).isGreaterThan(20);
        assertThat(scheduler.pacedMillis()).isPositive();
    }
}
