package io.vendsync.ingest.delta;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OverlapWindowTest {

    @Test
    void shouldRememberWhatWasPublishedInsideTheWindowOnlyAndStayBounded() {
        final OverlapWindow window = new OverlapWindow(10, 3);
        assertThat(window.start(25)).isEqualTo(15);
        assertThat(window.start(4)).isZero();
        window.remember("sales", "a", 12);
        window.remember("sales", "b", 20);
        window.remember("sales", "a", 24);
        assertThat(window.published("sales", "a", 24)).isTrue();
        assertThat(window.published("sales", "a", 23)).as("another version of the same id is new").isFalse();
        assertThat(window.published("inventory", "a", 24)).isFalse();
        // Cursor 25: the window is (15, 25], so version 12 is forgotten.
        window.slide("sales", 25);
        assertThat(window.published("sales", "a", 12)).isFalse();
        assertThat(window.size("sales")).isEqualTo(2);
        window.remember("sales", "c", 25);
        window.remember("sales", "d", 25);
        window.slide("sales", 25);
        assertThat(window.size("sales")).isLessThanOrEqualTo(3);
        assertThat(window.published("sales", "d", 25)).isTrue();
    }

    @Test
    void shouldStartAtTheCursorAndRememberNothingWhenOff() {
        final OverlapWindow off = new OverlapWindow(0, 100);
        assertThat(off.start(25)).isEqualTo(25);
        off.remember("sales", "a", 25);
        assertThat(off.published("sales", "a", 25)).isFalse();
    }
}
