package io.vendsync.sink.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AppliesSinceTest {

    @Test
    void shouldKeepAReadFreshForEveryKeyButTheOnesAppliedAfterIt() {
        final AppliesSince applies = new AppliesSince();
        applies.ended("before");
        final long mark = applies.mark();
        // Many keys, as in one fetched batch: none may look changed because another key was applied.
        IntStream.range(0, 5_000).forEach(i -> applies.ended("other-" + i));

        assertThat(applies.unchangedSince("before", mark)).isTrue();
        assertThat(IntStream.range(0, 5_000).filter(i -> applies.unchangedSince("read-" + i, mark)).count()).isEqualTo(5_000);
        assertThat(applies.unchangedSince("other-17", mark)).isFalse();
    }

    @Test
    void shouldTreatReadsBeforeForgettingAsStale() {
        final AppliesSince applies = new AppliesSince(3);
        final long early = applies.mark();
        applies.ended("a");
        applies.ended("b");
        applies.ended("c");
        applies.ended("d"); // forgets a, b and c

        assertThat(applies.unchangedSince("a", early)).isFalse();
        assertThat(applies.unchangedSince("x", early)).isFalse();
        final long late = applies.mark();
        assertThat(applies.unchangedSince("a", late)).isTrue();
        assertThat(applies.unchangedSince("d", late)).isTrue();
        applies.ended("a");
        assertThat(applies.unchangedSince("a", late)).isFalse();
    }
}
