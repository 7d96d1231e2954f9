package io.vendsync.ingest.vend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateGovernorWindowTest {

    private static final Instant START = Instant.parse("2026-12-05T06:00:00Z");

    @Test
    void shouldCountARequestFromWhenItsExchangeEndedBecauseVendCountsItOnArrival() throws Exception {
        final SteppedClock clock = new SteppedClock();
        final RateGovernor governor = new RateGovernor(2, Duration.ofSeconds(1), clock);
        final RateGovernor.Permit slow = governor.acquire();
        governor.acquire().ended(); // answered at once
        clock.advance(Duration.ofMillis(400));
        slow.ended(); // a cold client's first request: it may have reached Vend only now
        clock.advance(Duration.ofMillis(600));
        // A second after both were let through, the quick one has left the window; the slow one counts until 1.4 s.
        assertThat(governor.remaining()).isEqualTo(1);
        clock.advance(Duration.ofMillis(400));
        assertThat(governor.remaining()).isEqualTo(2);
    }

    @Test
    void shouldCountARequestWhoseExchangeNeverEndedFromWhenItWasLetThrough() throws Exception {
        final SteppedClock clock = new SteppedClock();
        final RateGovernor governor = new RateGovernor(1, Duration.ofSeconds(1), clock);
        governor.acquire(); // interrupted before it was sent: never ended
        assertThat(governor.remaining()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(governor.remaining()).isEqualTo(1);
    }

    @Test
    void shouldNeverPaceLongerThanUntilHalfTheBudgetIsFreeAgain() throws Exception {
        final SteppedClock clock = new SteppedClock();
        final RateGovernor governor = new RateGovernor(105, Duration.ofMinutes(5), clock);
        for (int i = 0; i < 52; i++) {
            governor.acquire().ended();
        }
        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 52; i++) {
            governor.acquire().ended(); // a first read of a store's sales: the budget spent
        }
        clock.advance(Duration.ofMinutes(3));
        // 1 of 105 left after 200 requests: spread over the window that is 16 h; the first 52 leave it in 1 minute,
        // and then half the budget is free again.
        assertThat(governor.paceAfter(200)).isEqualTo(Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));
        assertThat(governor.paceAfter(200)).isZero();
    }

    private static final class SteppedClock extends Clock {
        private Instant now = START;

        void advance(final Duration step) {
            now = now.plus(step);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(final ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
