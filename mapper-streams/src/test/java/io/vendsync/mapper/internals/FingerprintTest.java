package io.vendsync.mapper.internals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The inventory entry keeps a digest of the last outcome: equal news must read equal, and any change must not. */
class FingerprintTest {

    private static String print(final Object... values) {
        final Fingerprint print = new Fingerprint();
        for (final Object value : values) {
            print.add(value);
        }
        return print.toString();
    }

    @Test
    void shouldGiveEqualValuesEqualDigests() {
        assertThat(print("level", "SKU-1", "store-1", 12L, 7L, null)).isEqualTo(print("level", "SKU-1", "store-1", 12L, 7L, null))
                .hasSize(32).matches("[0-9a-f]{32}");
        assertThat(print(new StringBuilder("SKU-1"))).isEqualTo(print("SKU-1"));
    }

    @Test
    void shouldTellApartValuesThatOnlyMoveBetweenFields() {
        assertThat(print("ab", "c")).isNotEqualTo(print("a", "bc"));
        assertThat(print("a", null)).isNotEqualTo(print(null, "a"));
        assertThat(print((Object) null)).isNotEqualTo(print("null")).isNotEqualTo(print(""));
        assertThat(print(1L)).isNotEqualTo(print("1"));
        assertThat(print(List.of("p1", "p2"))).isNotEqualTo(print(List.of("p2", "p1")));
    }

    @Test
    void shouldChangeWithEveryQuantityAndVersion() {
        final Set<String> prints = new HashSet<>();
        for (long quantity = -50; quantity < 50; quantity++) {
            for (long version = 0; version < 100; version++) {
                prints.add(print("level", "SKU-1", "store-1", quantity, version));
            }
        }
        assertThat(prints).hasSize(100 * 100);
    }
}
