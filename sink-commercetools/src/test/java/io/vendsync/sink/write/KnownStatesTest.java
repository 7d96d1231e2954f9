package io.vendsync.sink.write;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KnownStatesTest {

    @Test
    void shouldForgetTheLeastRecentlyUsedKeyBeyondItsCapacity() {
        final KnownStates<String> known = new KnownStates<>(2);
        known.put("a", "A");
        known.put("b", "B");
        known.get("a"); // a used after b
        known.put("c", "C");

        assertThat(known.size()).isEqualTo(2);
        assertThat(known.get("b")).isNull();
        assertThat(known.get("a")).isEqualTo("A");
        assertThat(known.get("c")).isEqualTo("C");
    }

    @Test
    void shouldRememberNothingAtCapacityZeroAndForgetAKeyPutAsNull() {
        final KnownStates<String> none = new KnownStates<>(0);
        none.put("a", "A");
        assertThat(none.contains("a")).isFalse();

        final KnownStates<String> known = new KnownStates<>(10);
        known.put("a", "A");
        known.put("a", null);
        assertThat(known.contains("a")).isFalse();
    }
}
