package io.vendsync.ingest.vend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ThrottleSignalsTest {

    private static final Instant NOW = Instant.parse("2026-12-03T07:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(5);

    @Test
    void shouldReadRetryAfterAsDeltaSecondsOrHttpDateAndTreatGarbageAsNoSignal() {
        assertThat(RetryAfter.parse("7", NOW)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Thu, 03 Dec 2026 07:00:12 GMT", NOW)).contains(Duration.ofSeconds(12));
        assertThat(RetryAfter.parse("Thu, 03 Dec 2026 06:59:00 GMT", NOW)).contains(Duration.ZERO);
        for (final String garbage : new String[] {"soon", "-3", "7.5", "", "99999999999999999999", "Thu, 32 Dec"}) {
            assertThat(RetryAfter.parse(garbage, NOW)).as(garbage).isEmpty();
        }
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
    }

    /** Vend's dates are on Vend's clock: a local clock five minutes ahead must not turn a 12 s wait into none. */
    @Test
    void shouldMeasureVendsDatesFromTheAnswersDateNotTheLocalClock() {
        final Instant localAhead = NOW.plus(Duration.ofMinutes(5));
        final Instant answeredAt = ThrottleSignals.answeredAt("Thu, 03 Dec 2026 07:00:00 GMT", localAhead);
        assertThat(answeredAt).isEqualTo(NOW);
        assertThat(RetryAfter.parse("Thu, 03 Dec 2026 07:00:12 GMT", answeredAt)).contains(Duration.ofSeconds(12));
        assertThat(RateLimitReset.parse("2026-12-03T07:00:20Z", answeredAt)).contains(Duration.ofSeconds(20));

        for (final String noDate : new String[] {null, "", "yesterday"}) {
            assertThat(ThrottleSignals.answeredAt(noDate, localAhead)).as(String.valueOf(noDate)).isEqualTo(localAhead);
        }
    }

    @Test
    void shouldReadRateLimitResetAsIsoInstantHttpDateEpochOrSecondsFromNow() {
        assertThat(RateLimitReset.parse("2026-12-03T07:00:20Z", NOW)).contains(Duration.ofSeconds(20));
        assertThat(RateLimitReset.parse("2026-12-03T20:00:20+13:00", NOW)).contains(Duration.ofSeconds(20));
        assertThat(RateLimitReset.parse("Thu, 03 Dec 2026 07:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
        assertThat(RateLimitReset.parse(Long.toString(NOW.getEpochSecond() + 40), NOW)).contains(Duration.ofSeconds(40));
        assertThat(RateLimitReset.parse(Long.toString(NOW.toEpochMilli() + 50_000), NOW)).contains(Duration.ofSeconds(50));
        assertThat(RateLimitReset.parse("60", NOW)).contains(Duration.ofSeconds(60));
        assertThat(RateLimitReset.parse("tomorrow", NOW)).isEmpty();
    }

    @Test
    void shouldPauseA429ForRetryAfterOverTheResetAndTheWindow() {
        // Real Vend sends all three on a 429: Retry-After is the most specific.
        assertThat(RateGovernor.throttlePause(Optional.of(Duration.ofSeconds(7)), Optional.of(Duration.ofSeconds(280)), WINDOW))
                .isEqualTo(Duration.ofSeconds(7));
        assertThat(RateGovernor.throttlePause(Optional.empty(), Optional.of(Duration.ofSeconds(42)), WINDOW))
                .isEqualTo(Duration.ofSeconds(42));
        // Neither signal (or only garbage): the whole window is the fallback.
        assertThat(RateGovernor.throttlePause(Optional.empty(), Optional.empty(), WINDOW)).isEqualTo(WINDOW);
        // Bounded both ways: at least a second, at most the window.
        assertThat(RateGovernor.throttlePause(Optional.of(Duration.ZERO), Optional.empty(), WINDOW)).isEqualTo(Duration.ofSeconds(1));
        assertThat(RateGovernor.throttlePause(Optional.of(Duration.ofDays(1)), Optional.empty(), WINDOW)).isEqualTo(WINDOW);
    }

    @Test
    void shouldPauseA429WithRetryAfter7AndNothingRemainingForAboutSevenSecondsNotTheWindow() {
        final RateGovernor governor = new RateGovernor(100, WINDOW, Clock.fixed(NOW, ZoneOffset.UTC));
        // The order the client applies a 429's headers in: the remaining count and reset, then Retry-After.
        governor.observeRemaining(0, RateLimitReset.parse("2026-12-03T07:04:50Z", NOW));
        final Duration pause = governor.throttled(RetryAfter.parse("7", NOW), RateLimitReset.parse("2026-12-03T07:04:50Z", NOW));
        assertThat(pause).isBetween(Duration.ofSeconds(7), Duration.ofMillis(7_700));
        assertThat(governor.throttles()).isEqualTo(1);
    }

    @Test
    void shouldWaitForTheReportedResetWhenTheBudgetIsGoneAndTheWindowOnlyWithoutOne() {
        final RateGovernor governor = new RateGovernor(100, WINDOW, Clock.fixed(NOW, ZoneOffset.UTC));
        governor.observeRemaining(3, Optional.of(Duration.ofSeconds(10)));
        assertThat(governor.pausedUntil()).isBefore(NOW);
        governor.observeRemaining(0, Optional.of(Duration.ofSeconds(10)));
        assertThat(governor.pausedUntil()).isEqualTo(NOW.plusSeconds(10));
        final RateGovernor unknownReset = new RateGovernor(100, WINDOW, Clock.fixed(NOW, ZoneOffset.UTC));
        unknownReset.observeRemaining(0, Optional.empty());
        assertThat(unknownReset.pausedUntil()).isEqualTo(NOW.plus(WINDOW));
    }
}
