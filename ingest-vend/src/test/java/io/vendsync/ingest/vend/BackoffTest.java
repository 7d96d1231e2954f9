package io.vendsync.ingest.vend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void shouldWaitAtLeastASecondGrowingJitteredAndCapped() {
        final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8));
        final Set<Long> firstDelays = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            final long first = backoff.delay(1).toMillis();
            assertThat(first).isBetween(1_000L, 1_500L);
            firstDelays.add(first);
            assertThat(backoff.delay(3).toMillis()).isBetween(4_000L, 6_000L);
            assertThat(backoff.delay(30).toMillis()).isBetween(8_000L, 12_000L);
        }
        assertThat(firstDelays).as("jittered").hasSizeGreaterThan(10);
    }

    @Test
    void shouldRefuseABaseBelowOneSecond() {
        assertThatThrownBy(() -> new Backoff(Duration.ofMillis(400), Duration.ofSeconds(8)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
